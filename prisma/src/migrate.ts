/**
 * Migrate runner on the wasm schema engine: `deploy` applies pending SQL migrations, `status` reports
 * them, `dev` writes a new migration from the difference between the migrations folder and
 * `schema.prisma`, `checkDrift` fails when the two disagree. Same migrations on embedded PostgreSQL,
 * any external PostgreSQL, and in-memory PGlite.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { createSchemaEngine } from "./engine.ts";

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Absolute path of the migrations folder (`MIGRATIONS_DIR` overrides it: the bundled runner in the image). */
export const MIGRATIONS_DIR = process.env.MIGRATIONS_DIR || path.join(PACKAGE_DIR, "migrations");
/** Absolute path of the Prisma schema. */
export const SCHEMA_PATH = path.join(PACKAGE_DIR, "schema.prisma");
const NO_FILTER = { externalTables: [], externalEnums: [] };

/** Reads every `migrations/<name>/migration.sql` in name order, as the engine expects them. */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(dir, "migration_lock.toml");
  const lock = await readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: lock },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(dir, name, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (err: Error) => ({ tag: "error" as const, value: err.message }),
          ),
        },
      })),
    ),
  };
}

/**
 * Applies every pending migration to the database at `databaseUrl`.
 * @returns the names of the migrations applied now (empty when up to date)
 * @throws Error from the engine when a migration fails (the failed migration is recorded as such)
 */
export async function deploy(databaseUrl: string): Promise<string[]> {
  const { engine, close } = await createSchemaEngine(databaseUrl);
  try {
    const out = await engine.applyMigrations({ migrationsList: await loadMigrations(), filters: NO_FILTER });
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}

/** Migration history of the database compared with the migrations folder. */
export interface MigrationStatus {
  /** migrations in the folder not yet applied to the database */
  pending: string[];
  /** engine diagnostic (`databaseIsBehind`, `historiesDiverge`, …) or null when in sync */
  diagnostic: string | null;
  /** names of migrations that failed on this database */
  failed: string[];
}

/** Reports pending and failed migrations without changing the database. */
export async function status(databaseUrl: string): Promise<MigrationStatus> {
  const { engine, close } = await createSchemaEngine(databaseUrl);
  try {
    const out = await engine.diagnoseMigrationHistory({
      migrationsList: await loadMigrations(),
      optInToShadowDatabase: false,
      filters: NO_FILTER,
    });
    const history = out.history;
    return {
      pending: history?.diagnostic === "databaseIsBehind" ? history.unappliedMigrationNames : [],
      diagnostic: history?.diagnostic ?? null,
      failed: out.failedMigrationNames,
    };
  } finally {
    await close();
  }
}

/**
 * SQL needed to bring a database built from the migrations folder to `schema.prisma`
 * (empty string when they agree). Runs entirely in memory.
 */
export async function pendingSchemaSql(): Promise<string> {
  const { engine, close } = await createSchemaEngine("memory");
  try {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const migrations = await loadMigrations();
    const out = await engine.diff({
      from: migrations.migrationDirectories.length ? { tag: "migrations", ...migrations } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return (out.stdout ?? "").replace(/^-- This is an empty migration\.\s*$/m, "").trim();
  } finally {
    await close();
  }
}

/**
 * Writes `migrations/<UTC timestamp>_<name>/migration.sql` with the SQL from {@link pendingSchemaSql}.
 * @returns the folder name, or null when the schema and the migrations already agree
 * @throws Error when `name` is not `[a-z0-9_]+`
 */
export async function createMigration(name: string, now = new Date()): Promise<string | null> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`migration name must match [a-z0-9_]+, got "${name}"`);
  const sql = await pendingSchemaSql();
  if (!sql) return null;
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const folder = `${stamp}_${name}`;
  await mkdir(path.join(MIGRATIONS_DIR, folder), { recursive: true });
  await writeFile(path.join(MIGRATIONS_DIR, folder, "migration.sql"), sql + "\n");
  await writeFile(
    path.join(MIGRATIONS_DIR, "migration_lock.toml"),
    '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
  );
  return folder;
}
