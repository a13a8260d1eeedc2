/** GET /api/users/<id>/avatar — a user's profile picture / provider logo (256 × 256 WebP), public; 404 without one. */
import { NextResponse } from "next/server";
import { z } from "zod";
import { getAvatar } from "@/features/auth/avatar.ts";
import { db } from "@/server/db.ts";
import { ApiError, parseInput, route } from "@/server/http.ts";

const userId = z.string().regex(/^[a-z0-9_-]{10,40}$/i, "not a user id");

export const GET = route(async (_req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const id = parseInput(userId, (await ctx.params).id);
  const avatar = await getAvatar(db(), id);
  if (!avatar) throw new ApiError("not_found", "This user has no picture.");
  return new NextResponse(new Uint8Array(avatar), {
    headers: {
      "content-type": "image/webp",
      // The URL carries the version (?v=<change time>): a changed picture gets a new URL.
      "cache-control": "public, max-age=86400",
      "x-content-type-options": "nosniff",
    },
  });
});
