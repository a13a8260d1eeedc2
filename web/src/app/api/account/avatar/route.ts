/**
 * PUT /api/account/avatar — the signed-in user's profile picture / provider logo: raw PNG, JPEG or WebP body
 * (≤ 2 MB), stored as a 256 × 256 WebP; an empty body removes it. 200 `{ image }` (the new `User.image`); 413/415/400
 * with the field code of `file` (`image_too_large`, `image_type`, `image_unreadable`) that the page translates.
 */
import { NextResponse } from "next/server";
import { AVATAR_MAX_BYTES, avatarTooLarge, setAvatar } from "@/features/auth/avatar.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { route } from "@/server/http.ts";

export const PUT = route(async (req: Request) => {
  const user = await requireUser(req);
  if (Number(req.headers.get("content-length") ?? 0) > AVATAR_MAX_BYTES) {
    throw avatarTooLarge();
  }
  const bytes = new Uint8Array(await req.arrayBuffer());
  return NextResponse.json({ image: await setAvatar(db(), user.id, bytes) });
});
