/**
 * Prisma CLI configuration (Prisma 7). Only `generate`/`validate`/`format` run through the CLI here;
 * migrations are applied by `src/migrate.ts` through the wasm schema engine (see README).
 */
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
});
