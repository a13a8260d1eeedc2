/**
 * `pnpm --filter @smolitux/web seed`: idempotent demo data (provider accounts, admin placeholder, the bundled
 * courses published with prices). Reads DATABASE_URL and the storage settings (STORAGE_DRIVER …); prints one summary line.
 * Other code (dev stack, tests) calls the exported `seed(db, storage)`.
 */
import { pathToFileURL } from "node:url";
import { createPrismaClient } from "@smolitux/db";
import { parseEnv } from "../src/server/env.ts";
import { createStorageFromEnv } from "../src/server/storage/index.ts";
import { seed } from "../src/features/studio/import/demo-seed.ts";

export { seed, type SeedOptions, type SeedSummary } from "../src/features/studio/import/demo-seed.ts";

async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const db = createPrismaClient(env.DATABASE_URL, { max: 2 });
  try {
    const summary = await seed(db, createStorageFromEnv(env));
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
