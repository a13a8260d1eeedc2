/**
 * `pnpm --filter @smolitux/web seed`: idempotent demo data (provider accounts, admin placeholder, the bundled
 * courses published with prices). Reads DATABASE_URL and STORAGE_DIR; prints one summary line.
 * Other code (dev stack, tests) calls the exported `seed(db, storage)`.
 */
import { pathToFileURL } from "node:url";
import { createPrismaClient } from "@smolitux/db";
import { parseEnv } from "../src/server/env.ts";
import { createFsStorage } from "../src/server/storage/fs.ts";
import { seed } from "../src/features/studio/import/demo-seed.ts";

export { seed, type SeedOptions, type SeedSummary } from "../src/features/studio/import/demo-seed.ts";

async function main(): Promise<void> {
  const env = parseEnv(process.env);
  if (env.STORAGE_DRIVER !== "fs")
    throw new Error(`seed: STORAGE_DRIVER=${env.STORAGE_DRIVER} is not supported by this script yet (fs only)`);
  const db = createPrismaClient(env.DATABASE_URL, { max: 2 });
  try {
    const summary = await seed(db, createFsStorage(env.STORAGE_DIR));
    console.log(summary.line);
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
