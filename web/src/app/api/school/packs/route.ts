/**
 * POST /api/school/packs[?confirmUntrusted=1] — a school admin uploads a course pack (raw tar body,
 * `application/x-tar` or `application/octet-stream`; streamed, never buffered). 201 created, 200 updated or
 * unchanged; 409 `fields.reason` = "untrusted" (confirm and retry), "older_version", "slug_taken"; 422 a
 * rejected pack (`fields.file`, `fields.reason`) — nothing written.
 */
import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { PACK_LIMITS } from "@/features/packs/format.ts";
import { importPack } from "@/features/packs/import.ts";
import { appPackDeps } from "@/features/packs/wiring.ts";
import { requireSchoolAdmin } from "@/features/school/access.ts";
import { requireUser } from "@/server/auth.ts";
import { ApiError, route } from "@/server/http.ts";

export const POST = route(
  async (req: Request) => {
    const user = requireSchoolAdmin(await requireUser(req));
    const type = (req.headers.get("content-type") ?? "").toLowerCase();
    if (!type.startsWith("application/x-tar") && !type.startsWith("application/octet-stream")) {
      throw new ApiError("unsupported_media_type", "Send the pack file as application/x-tar.");
    }
    if (!req.body) throw new ApiError("bad_request", "The request has no pack file.");
    const confirmUntrusted = new URL(req.url).searchParams.get("confirmUntrusted") === "1";
    const body = Readable.fromWeb(req.body as import("node:stream/web").ReadableStream<Uint8Array>);
    const result = await importPack(appPackDeps(), user, body, { confirmUntrusted });
    return NextResponse.json(result, { status: result.status === "created" ? 201 : 200 });
  },
  { maxBodyBytes: PACK_LIMITS.maxBytes },
); // streamed; importPack enforces the per-file and total limits
