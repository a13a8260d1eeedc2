/**
 * `pnpm --filter @smolitux/web seed`: idempotent demo data (provider accounts, admin placeholder, the bundled
 * courses published with prices). Reads DATABASE_URL and the storage settings (STORAGE_DRIVER …); prints one summary line.
 * Other code (dev stack, tests) calls the exported `seed(db, storage)`.
 */
import { pathToFileURL } from "node:url";
import { createPrismaClient } from "@smolitux/db";
import { parseEnv } from "../src/server/env.ts";
import { createStorageFromEnv } from "../src/server/storage/index.ts";
import { listDemoCourses } from "../src/features/studio/demo-listings.ts";
import { seed } from "../src/features/studio/import/demo-seed.ts";
import { platformContracts } from "../src/server/contracts.ts";
import { signerAddress, type SignerRole } from "../src/server/keys.ts";

export { seed, type SeedOptions, type SeedSummary } from "../src/features/studio/import/demo-seed.ts";

async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const db = createPrismaClient(env.DATABASE_URL, { max: 2 });
  try {
    const summary = await seed(db, createStorageFromEnv(env));
    console.log(summary.line);
    if (env.DEV_CHAIN_KEYS) {
      // Local chain: list the demo courses so wallet checkout works at once (the worker sends the rows).
      const deps = {
        contracts: platformContracts(env.CHAIN_ID),
        signerOf: (role: SignerRole) => signerAddress(role, env),
      };
      const keys = await listDemoCourses(
        db,
        deps,
        summary.courses.map((c) => c.courseId),
        true,
      );
      console.log(keys.length ? `seed: demo listings enqueued: ${keys.join(", ")}` : "seed: demo listings up to date");
    }
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
