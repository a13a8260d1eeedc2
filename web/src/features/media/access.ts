/**
 * Who may fetch a media asset (GET /api/media/<id>).
 *
 * Public (anyone, cacheable): the cover of a PUBLISHED course; the media/captions of a free-preview lesson of
 * a PUBLISHED course; an asset embedded (`/api/media/<id>` link, as the importer and the studio write them) in
 * the description or a lesson body of a PUBLISHED course.
 * Otherwise: the uploader, platform admins, the provider of a course that uses the asset, and learners with
 * an ACTIVE enrollment in a course whose lesson uses it. Anonymous callers get 401, others 403.
 */
import type { PrismaClient } from "@smolitux/db";
import { ApiError } from "@/server/http.ts";

/** The asset fields the media route needs. */
export interface MediaAssetRow {
  id: string;
  ownerId: string;
  driver: "FS" | "S3" | "IPFS";
  key: string;
  mimeType: string;
  sizeBytes: bigint;
  sha256: string;
  originalName: string;
}

/** The caller as far as media access is concerned. */
export interface MediaViewer {
  id: string;
  roles: readonly string[];
}

/** Result of {@link authorizeMedia}: the asset and whether it is public (shared caches may keep it). */
export interface MediaAccess {
  asset: MediaAssetRow;
  public: boolean;
}

/**
 * Loads the asset and checks access.
 * @throws ApiError 404 (no such asset), 401 (anonymous, not public), 403 (signed in, no access)
 */
export async function authorizeMedia(
  db: PrismaClient,
  assetId: string,
  viewer: MediaViewer | null,
): Promise<MediaAccess> {
  const asset = await db.mediaAsset.findUnique({
    where: { id: assetId },
    select: {
      id: true,
      ownerId: true,
      driver: true,
      key: true,
      mimeType: true,
      sizeBytes: true,
      sha256: true,
      originalName: true,
    },
  });
  if (!asset) throw new ApiError("not_found", "No such media.");
  if (await isPublic(db, assetId)) return { asset, public: true };
  if (!viewer) throw new ApiError("unauthenticated", "Sign in to view this media.");
  if (viewer.id === asset.ownerId || viewer.roles.includes("PLATFORM_ADMIN")) return { asset, public: false };
  const usedBy = { OR: [{ mediaId: assetId }, { captionsId: assetId }] };
  const course = await db.course.findFirst({
    where: {
      OR: [
        { coverId: assetId },
        { sections: { some: { lessons: { some: usedBy } } } },
        { description: { contains: `/api/media/${assetId}` } },
        { sections: { some: { lessons: { some: { body: { contains: `/api/media/${assetId}` } } } } } },
      ],
      AND: [
        {
          OR: [{ providerId: viewer.id }, { enrollments: { some: { userId: viewer.id, status: "ACTIVE" } } }],
        },
      ],
    },
    select: { id: true },
  });
  if (course) return { asset, public: false };
  throw new ApiError("forbidden", "You have no access to this media.");
}

async function isPublic(db: PrismaClient, assetId: string): Promise<boolean> {
  const link = `/api/media/${assetId}`;
  const found = await db.course.findFirst({
    where: {
      status: "PUBLISHED",
      OR: [
        { coverId: assetId },
        { description: { contains: link } },
        {
          sections: {
            some: {
              lessons: {
                some: {
                  OR: [
                    { isPreview: true, OR: [{ mediaId: assetId }, { captionsId: assetId }] },
                    { body: { contains: link } },
                  ],
                },
              },
            },
          },
        },
      ],
    },
    select: { id: true },
  });
  return found !== null;
}
