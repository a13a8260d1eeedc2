/**
 * The message namespaces the client components of a route use, read from the source (tests and tooling only;
 * never imported by the app). Follows static and dynamic imports (`@/` = `src/`, relative paths) from a route's
 * server files; every module a `"use client"` module imports is client code too. A client module that calls
 * `useTranslations("a.b")` needs namespace `a.b`; `useTranslations()` without a namespace needs every message ("*").
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const SRC = path.resolve(import.meta.dirname, "..");
const EXTENSIONS = [".tsx", ".ts", "/index.tsx", "/index.ts"];
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
const USE_TRANSLATIONS = /useTranslations\(\s*(?:["']([^"']*)["'])?\s*\)/g;

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(SRC, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null; // a package: its messages are not ours
  if (/\.(tsx?|css|json)$/.test(base)) return /\.tsx?$/.test(base) && existsSync(base) ? base : null;
  for (const ext of EXTENSIONS) {
    const file = base + ext;
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

function source(file: string): string {
  // comments out: TSDoc mentions imports and hooks that are not code
  return readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

/**
 * Namespaces used by client code reachable from `entries` (absolute paths of pages, layouts or components),
 * each with one client module that uses it.
 */
export function clientNamespaces(entries: readonly string[]): Map<string, string> {
  const used = new Map<string, string>();
  const seen = new Set<string>();
  const queue: { file: string; client: boolean }[] = entries.map((file) => ({ file, client: false }));
  while (queue.length > 0) {
    const { file, client: parentClient } = queue.shift()!;
    const text = source(file);
    const client = parentClient || /^\s*["']use client["']/.test(text);
    const key = `${client ? "c" : "s"}:${file}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (client) {
      for (const m of text.matchAll(USE_TRANSLATIONS)) {
        const ns = m[1] ?? "*";
        if (!used.has(ns)) used.set(ns, path.relative(SRC, file));
      }
    }
    for (const m of text.matchAll(IMPORT)) {
      const target = resolveImport(file, m[1] ?? m[2] ?? "");
      if (target) queue.push({ file: target, client });
    }
  }
  return used;
}

/** Whether namespace `ns` (dotted) is inside one of `provided` (a provided "a" covers "a" and "a.b"). */
export function covered(ns: string, provided: readonly string[]): boolean {
  return provided.some((p) => ns === p || ns.startsWith(`${p}.`));
}
