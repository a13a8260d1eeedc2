/** Picks the storage driver from the environment (STORAGE_DRIVER). */
import { env } from "../env.ts";
import { createFsStorage } from "./fs.ts";
import type { StorageDriver } from "./types.ts";

export * from "./types.ts";

let driver: StorageDriver | undefined;

/** The process-wide storage driver selected by STORAGE_DRIVER (fs by default). */
export function storage(): StorageDriver {
  if (driver) return driver;
  const e = env();
  switch (e.STORAGE_DRIVER) {
    case "fs":
      driver = createFsStorage(e.STORAGE_DIR);
      break;
    default:
      throw new Error(`STORAGE_DRIVER=${e.STORAGE_DRIVER} is not available in this build`);
  }
  return driver;
}
