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
    case "s3": {
      const options = {
        bucket: need("S3_BUCKET"),
        region: need("S3_REGION"),
        endpoint: e.S3_ENDPOINT,
        forcePathStyle: e.S3_FORCE_PATH_STYLE,
      };
      return lazyDriver("s3", async () => (await import("./s3.ts")).createS3Storage(options));
    }
    case "ipfs": {
      const options = { apiUrl: need("IPFS_API_URL"), gatewayUrl: e.IPFS_GATEWAY_URL };
      return lazyDriver("ipfs", async () => (await import("./ipfs.ts")).createIpfsStorage(options));
    }
  }
}

/**
 * A driver whose module (AWS SDK, Kubo RPC client: several MB of code) is imported on its first call, so a
 * process with the default fs driver — a school's Raspberry Pi — never loads them. Same contract as the driver.
 */
function lazyDriver(kind: StorageDriver["kind"], load: () => Promise<StorageDriver>): StorageDriver {
  let loaded: Promise<StorageDriver> | undefined;
  const d = () => (loaded ??= load());
  return {
    kind,
    put: async (key, body, contentType) => (await d()).put(key, body, contentType),
    get: async (key, range) => (await d()).get(key, range),
    size: async (key) => (await d()).size(key),
    delete: async (key) => (await d()).delete(key),
    presignedGetUrl: async (key, expiresInSeconds) => (await d()).presignedGetUrl(key, expiresInSeconds),
    health: async () => (await d()).health(),
  };
}

/** The process-wide storage driver selected by STORAGE_DRIVER (fs by default). */
export function storage(): StorageDriver {
  driver ??= createStorageFromEnv(env());
  return driver;
}
