/** Wiring of the studio and media routes to the process-wide integrations (db, env, storage, signer keys). */
import path from "node:path";
import { getSessionUser, requireUser } from "@/server/auth.ts";
import { platformContracts } from "@/server/contracts.ts";
import { db } from "@/server/db.ts";
import { env } from "@/server/env.ts";
import { signerAddress } from "@/server/keys.ts";
import { storage } from "@/server/storage/index.ts";
import type { UploadDeps } from "@/features/media/uploads.ts";
import { assertStudioUser, type StudioActor } from "./access.ts";
import type { ListingDeps } from "./listings.ts";

/**
 * The signed-in provider (or platform admin) of a studio request.
 * @throws ApiError 401 anonymous, 403 without the PROVIDER role
 */
export async function studioActor(req?: Request): Promise<StudioActor> {
  const user = await requireUser(req);
  assertStudioUser(user);
  return user;
}

/** The optional viewer of a media request. */
export async function mediaViewer(req: Request): Promise<StudioActor | null> {
  return getSessionUser(req);
}

/** Listing dependencies for the configured chain. */
export function listingDeps(): ListingDeps {
  const e = env();
  return { contracts: platformContracts(e.CHAIN_ID), signerOf: (role) => signerAddress(role, e) };
}

/** Upload dependencies: temporary chunk files in UPLOAD_TMP_DIR. */
export function uploadDeps(): UploadDeps {
  return { db: db(), storage: storage(), tmpDir: path.resolve(env().UPLOAD_TMP_DIR) };
}
