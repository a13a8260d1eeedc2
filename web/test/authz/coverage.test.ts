/**
 * Every API route method has a row in the authorization matrix (and so in the malformed-input fuzz test, which
 * runs over the matrix's rows): issue 11 "apply to every route". A new route without a row fails here, naming it.
 * The few methods without a row of their own are listed in {@link WITHOUT_ROW} with the reason.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENDPOINTS } from "./endpoints.ts";

const API_DIR = path.resolve(import.meta.dirname, "../../src/app/api");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** `METHOD /api/path` without a matrix row of their own, with the reason. */
const WITHOUT_ROW: Record<string, string> = {
  "GET /api/auth/[...nextauth]":
    "next-auth's own endpoints (sign-in, callbacks, session, csrf): next-auth's CSRF token, covered by the auth tests and e2e",
  "POST /api/auth/[...nextauth]": "next-auth's own endpoints (see GET)",
  ...Object.fromEntries(
    ["GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"].map((m) => [
      `${m} /api/refused-body`,
      "the same handler as POST (it answers from the headers alone, whatever the method)",
    ]),
  ),
};

/** Every `route.ts` under src/app/api with the HTTP methods it exports. */
async function routes(): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name === "route.ts") {
        const source = await readFile(full, "utf8");
        const urlPath = `/api/${path.relative(API_DIR, dir).split(path.sep).join("/")}`;
        for (const m of METHODS) {
          const exported =
            new RegExp(`export (const|async function|function) ${m}\\b`).test(source) ||
            new RegExp(`export \\{[^}]*\\bas ${m}\\b[^}]*\\}`).test(source) ||
            new RegExp(`export \\{[^}]*\\b${m}\\b[^}]*\\}`).test(source);
          if (exported) out.push(`${m} ${urlPath}`);
        }
      }
    }
  }
  await walk(API_DIR);
  return out.sort();
}

describe("authorization matrix coverage", () => {
  it("has a row for every method of every API route", async () => {
    const all = await routes();
    expect(all.length).toBeGreaterThan(100);
    const rows = new Set(ENDPOINTS.map((e) => `${e.method} ${e.path.split("?")[0]}`));
    const missing = all.filter((r) => !rows.has(r) && !(r in WITHOUT_ROW));
    expect(missing).toEqual([]);
  });

  it("lists no exception that is not a route or already has a row", async () => {
    const all = new Set(await routes());
    const rows = new Set(ENDPOINTS.map((e) => `${e.method} ${e.path.split("?")[0]}`));
    for (const key of Object.keys(WITHOUT_ROW)) {
      expect(all.has(key), key).toBe(true);
      expect(rows.has(key), key).toBe(false);
    }
  });
});
