/**
 * Who may fetch a media asset (GET /api/media/<id>) — read from the stored usage relation (`MediaUsage`, kept by
 * usage.ts on every save), never from a text search at read time. Only usages in courses of the asset's OWNING
 * provider count: a link to the asset from another provider's course grants nothing.
 *
 * - Public (anyone; `Cache-Control: public`): used as the cover or in the description of a PUBLISHED course, or by
 *   a free-preview lesson (media, captions or text) of a PUBLISHED course, or as the logo of its owner's storefront.
 * - Otherwise: the owning provider, platform admins, and learners with an ACTIVE enrollment in a course that uses
 *   the asset (any usage). Anonymous callers get 401, everyone else 403.
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
  const ownCourse = { providerId: asset.ownerId };
  const publicUse = await db.mediaUsage.findFirst({
    where: {
      assetId,
      course: { ...ownCourse, status: "PUBLISHED" },
      OR: [{ kind: { in: ["COVER", "DESCRIPTION"] } }, { lesson: { isPreview: true } }],
    },
    select: { id: true },
  });
  if (publicUse) return { asset, public: true };
  // the logo of its owner's storefront (features/storefronts) is public while it is the logo
  const logoUse = await db.providerStorefront.findFirst({
    where: { logoId: assetId, userId: asset.ownerId },
    select: { userId: true },
  });
  if (logoUse) return { asset, public: true };
  if (!viewer) throw new ApiError("unauthenticated", "Sign in to view this media.");
  if (viewer.id === asset.ownerId || viewer.roles.includes("PLATFORM_ADMIN")) return { asset, public: false };
  const enrolledUse = await db.mediaUsage.findFirst({
    where: { assetId, course: { ...ownCourse, enrollments: { some: { userId: viewer.id, status: "ACTIVE" } } } },
    select: { id: true },
  });
  if (enrolledUse) return { asset, public: false };
  throw new ApiError("forbidden", "You have no access to this media.");
}
