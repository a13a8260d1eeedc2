/**
 * GET /api/school/packs/folder — the `.tar` packs in PACKS_DIR (e.g. a USB stick), for school admins.
 * POST /api/school/packs/folder {file, confirmUntrusted?} — imports one of them (answers as POST /api/school/packs).
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { importPackFile, listPackFiles } from "@/features/packs/service.ts";
import { appPackDeps } from "@/features/packs/wiring.ts";
import { requireUser } from "@/server/auth.ts";
import { jsonBody, route } from "@/server/http.ts";

const schema = z.object({
  file: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[^/\\]+\.tar$/, "must be a .tar file name"),
  confirmUntrusted: z.boolean().default(false),
});

export const GET = route(async (req: Request) => {
  const user = await requireUser(req);
  return NextResponse.json({ files: await listPackFiles(appPackDeps(), user) });
});

export const POST = route(async (req: Request) => {
  const user = await requireUser(req);
  const input = await jsonBody(req, schema);
  const result = await importPackFile(appPackDeps(), user, input.file, { confirmUntrusted: input.confirmUntrusted });
  return NextResponse.json(result, { status: result.status === "created" ? 201 : 200 });
});
