/**
 * GET /api/metadata/<cid> — the app's IPFS gateway for certificate objects: a token's `tokenURI`
 * `ipfs://<cid>` (metadata JSON) and the metadata's `image` `ipfs://<cid>` (SVG badge) resolve here.
 * Served from the storage driver; the bytes are re-hashed and must match the CID. Immutable, cacheable.
 */
import { getContent } from "@/features/certificates/content.ts";
import { storage } from "@/server/storage/index.ts";
import { ApiError, route } from "@/server/http.ts";

export const GET = route(async (_req: Request, ctx: { params: Promise<{ cid: string }> }) => {
  const { cid } = await ctx.params;
  const found = await getContent(storage(), cid);
  if (!found) throw new ApiError("not_found", "No certificate object with this CID.");
  return new Response(new Uint8Array(found.bytes), {
    headers: {
      "content-type": found.contentType,
      "cache-control": "public, max-age=31536000, immutable",
      etag: `"${cid}"`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
});
