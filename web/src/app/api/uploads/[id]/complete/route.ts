/** POST /api/uploads/<id>/complete — sniff, store and create the MediaAsset; returns `{assetId, …}`. */
import { NextResponse } from "next/server";
import { idParam } from "@/features/media/schemas.ts";
import { completeUpload } from "@/features/media/uploads.ts";
import { studioActor, uploadDeps } from "@/features/studio/server.ts";
import { parseInput, route } from "@/server/http.ts";

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const actor = await studioActor(req);
  return NextResponse.json(await completeUpload(uploadDeps(), actor.id, parseInput(idParam, (await ctx.params).id)));
});
