/**
 * Picks the storage driver from the environment (STORAGE_DRIVER = fs | s3 | ipfs). The variables each
 * driver needs are validated by env.ts (zod), which names the missing one:
 * - fs: STORAGE_DIR (default .data/media)
 * - s3: S3_BUCKET, S3_REGION (required), S3_ENDPOINT, S3_FORCE_PATH_STYLE (optional); credentials from
 *   the AWS default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, web identity, metadata)
 * - ipfs: IPFS_API_URL (required), IPFS_GATEWAY_URL (optional)
 */
import { env, type Env } from "../env.ts";
import { createFsStorage } from "./fs.ts";
import { createIpfsStorage } from "./ipfs.ts";
import { createS3Storage } from "./s3.ts";
import type { StorageDriver } from "./types.ts";

export * from "./types.ts";

let driver: StorageDriver | undefined;

/**
 * Builds the driver an environment selects.
 * @throws Error naming the missing variable (also caught earlier by env.ts when parsing the environment)
 */
export function createStorageFromEnv(e: Env): StorageDriver {
  const need = <K extends keyof Env>(name: K): NonNullable<Env[K]> => {
    const value = e[name];
    if (value === undefined || value === null) {
      throw new Error(`${name} is required when STORAGE_DRIVER=${e.STORAGE_DRIVER}`);
    }
    return value;
  };
  switch (e.STORAGE_DRIVER) {
    case "fs":
      return createFsStorage(e.STORAGE_DIR);
    case "s3":
      return createS3Storage({
        bucket: need("S3_BUCKET"),
        region: need("S3_REGION"),
        endpoint: e.S3_ENDPOINT,
        forcePathStyle: e.S3_FORCE_PATH_STYLE,
      });
    case "ipfs":
      return createIpfsStorage({ apiUrl: need("IPFS_API_URL"), gatewayUrl: e.IPFS_GATEWAY_URL });
  }
}

/** The process-wide storage driver selected by STORAGE_DRIVER (fs by default). */
export function storage(): StorageDriver {
  driver ??= createStorageFromEnv(env());
  return driver;
}
