/** Process-wide pack dependencies (env-configured storage, issuer key, UPLOAD_TMP_DIR, PACKS_DIR). */
import path from "node:path";
import { envIssuer } from "@/features/certificates/wiring.ts";
import { db } from "@/server/db.ts";
import { env } from "@/server/env.ts";
import { storage } from "@/server/storage/index.ts";
import type { PackServiceDeps } from "./service.ts";

export function appPackDeps(): PackServiceDeps {
  const e = env();
  return {
    db: db(),
    storage: storage(),
    key: () => envIssuer(e),
    tmpDir: path.resolve(e.UPLOAD_TMP_DIR, "packs"),
    packsDir: e.PACKS_DIR ? path.resolve(e.PACKS_DIR) : undefined,
  };
}
