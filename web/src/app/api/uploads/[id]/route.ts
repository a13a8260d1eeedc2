/**
 * GET /api/uploads/<id> — state (resume at `receivedBytes`);
 * PUT /api/uploads/<id> with `Content-Range: bytes <start>-<end>/<total>` and the raw bytes — append a chunk;
 * DELETE /api/uploads/<id> — abort (removes the temporary data).
 */
import { NextResponse } from "next/server";
import { idParam } from "@/features/media/schemas.ts";
import { abortUpload, getUpload, MAX_CHUNK_BYTES, parseContentRange, putChunk } from "@/features/media/uploads.ts";
import { studioActor, uploadDeps } from "@/features/studio/server.ts";
import { parseInput, route } from "@/server/http.ts";

type Ctx = { params: Promise<{ id: string }> };

export const GET = route(async (req: Request, ctx: Ctx) => {
  const actor = await studioActor(req);
  return NextResponse.json(await getUpload(uploadDeps(), actor.id, parseInput(idParam, (await ctx.params).id)));
});

export const PUT = route(
  async (req: Request, ctx: Ctx) => {
    const actor = await studioActor(req);
    const uploadId = parseInput(idParam, (await ctx.params).id);
    const range = parseContentRange(req.headers.get("content-range"));
    return NextResponse.json(await putChunk(uploadDeps(), actor.id, uploadId, range, req.body));
  },
  { maxBodyBytes: MAX_CHUNK_BYTES },
);

export const DELETE = route(async (req: Request, ctx: Ctx) => {
  const actor = await studioActor(req);
  await abortUpload(uploadDeps(), actor.id, parseInput(idParam, (await ctx.params).id));
  return new Response(null, { status: 204 });
});
