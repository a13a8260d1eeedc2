/**
 * Production start (`./run dev --prod`): `next build` runs once and is reused while its inputs are
 * unchanged. The inputs are hashed by CONTENT (a file rewritten with the same bytes, such as the
 * contract module regenerated at each start, does not trigger a rebuild); the hash of the last
 * successful build is kept in `.next/smolitux-build-inputs`.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MARKER = "smolitux-build-inputs";

/** Files and folders (relative to the repository root) that `next build` of web/ reads. */
const INPUTS = [
  "web/src",
  "web/messages",
  "web/public",
  "web/next.config.ts",
  "web/package.json",
  "web/tsconfig.json",
  "web/postcss.config.mjs",
  "contracts/generated",
  "contracts/package.json",
  "prisma/generated",
  "prisma/package.json",
  "pnpm-lock.yaml",
];

function files(abs: string): string[] {
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [abs];
  return readdirSync(abs, { withFileTypes: true })
    .filter((e) => !e.name.startsWith(".") && e.name !== "node_modules" && !/\.test\.tsx?$/.test(e.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => files(path.join(abs, e.name)));
}

/** SHA-256 over the build inputs' paths and bytes, plus the NEXT_PUBLIC_* variables inlined at build time. */
export function buildInputsHash(root: string, env: Record<string, string | undefined>): string {
  const h = createHash("sha256");
  for (const rel of INPUTS) {
    for (const file of files(path.join(root, rel))) {
      h.update(path.relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
    }
  }
  for (const key of Object.keys(env)
    .filter((k) => k.startsWith("NEXT_PUBLIC_"))
    .sort()) {
    h.update(`${key}=${env[key] ?? ""}\0`);
  }
  return h.digest("hex");
}

/** True when `webDir/.next` holds a production build made from exactly these inputs. */
export function buildIsCurrent(webDir: string, hash: string): boolean {
  const marker = path.join(webDir, ".next", MARKER);
  return (
    existsSync(path.join(webDir, ".next/BUILD_ID")) &&
    existsSync(marker) &&
    readFileSync(marker, "utf8").trim() === hash
  );
}

/** Records that the build in `webDir/.next` was made from `hash`. */
export async function recordBuild(webDir: string, hash: string): Promise<void> {
  await writeFile(path.join(webDir, ".next", MARKER), `${hash}\n`);
}

// `tsx scripts/stack/build-cache.ts record`: marks the build just made by `next build` (the test
// aggregator's build step) as current, so that the e2e stack's production start reuses it.
// `tsx scripts/stack/build-cache.ts check`: exit 0 when web/.next is the build of the current sources, else 1
// (the self-host image build reuses it instead of building again).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const hash = buildInputsHash(path.resolve(webDir, ".."), process.env);
  if (process.argv[2] === "record") {
    await recordBuild(webDir, hash);
    console.log("recorded web/.next as the production build of the current sources");
  } else if (process.argv[2] === "check") {
    const current = buildIsCurrent(webDir, hash) && existsSync(path.join(webDir, ".next/standalone/web/server.js"));
    console.log(current ? "web/.next is the build of the current sources" : "web/.next is missing or outdated");
    process.exitCode = current ? 0 : 1;
  }
}
