/**
 * POST /api/uploads {filename, type, sizeBytes} — open a resumable upload (providers only). 415 for a type
 * that is not allowed, 413 above the kind's size limit. Then PUT /api/uploads/<id> chunks and POST …/complete.
 */
import { NextResponse } from "next/server";
import { createUploadSchema } from "@/features/media/schemas.ts";
import { createUpload } from "@/features/media/uploads.ts";
import { studioActor, uploadDeps } from "@/features/studio/server.ts";
import { jsonBody, route } from "@/server/http.ts";

export const POST = route(async (req: Request) => {
  const actor = await studioActor(req);
  const input = await jsonBody(req, createUploadSchema);
  return NextResponse.json(await createUpload(uploadDeps(), actor.id, input), { status: 201 });
});
