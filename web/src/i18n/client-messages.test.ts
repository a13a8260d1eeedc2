import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientNamespaces, covered } from "./client-graph";
import { CLIENT_NAMESPACES, pickMessages } from "./client-messages";
import { MESSAGES } from "./messages";

const APP = path.resolve(import.meta.dirname, "../app");

/** page.tsx and layout.tsx files under `dir` (recursively). */
function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(p);
    return /^(page|layout)\.tsx$/.test(e.name) ? [p] : [];
  });
}

/** Namespaces the client code reachable from `files` uses that `provided` lacks, with a module using each. */
function missing(files: string[], provided: readonly string[]): string[] {
  return [...clientNamespaces(files)].filter(([ns]) => !covered(ns, provided)).map(([ns, file]) => `${ns} (${file})`);
}

describe("messages given to client components", () => {
  it("picks dotted namespaces, nested as in the catalogue, and leaves out unknown ones", () => {
    const en = MESSAGES.en as Record<string, Record<string, unknown>>;
    const picked = pickMessages(en, ["auth.wallet", "qa", "common.copy", "nope.none"]);
    expect(Object.keys(picked).sort()).toEqual(["auth", "common", "qa"]);
    expect(picked.auth).toEqual({ wallet: en.auth?.wallet });
    expect(picked.qa).toBe(en.qa);
    expect(picked.common).toEqual({ copy: en.common?.copy });
    expect(pickMessages(en, [])).toEqual({});
  });

  it("finds the namespaces a client component uses through server components and dynamic imports", () => {
    // the player page (server) → lesson body (server) → quiz (client, useTranslations("learning.quiz"))
    const used = clientNamespaces([path.join(APP, "learn/[slug]/[lessonId]/page.tsx")]);
    expect(used.has("learning.quiz")).toBe(true);
    // the page's own server-side getTranslations("learning.player") is not client code
    expect(covered("learning.quiz", ["learning"])).toBe(true);
    expect(covered("learning", ["learning.quiz"])).toBe(false);
  });

  it("the header, the home page and the catalog (no provider of their own) get what their client components use", () => {
    const files = ["layout.tsx", "page.tsx", "courses/page.tsx"].map((f) => path.join(APP, f));
    expect(missing(files, CLIENT_NAMESPACES.shell)).toEqual([]);
  });

  const ROUTES = [
    ["course", "courses/[slug]"],
    ["learn", "learn"],
    ["providers", "providers"],
  ] as const;
  for (const [key, dir] of ROUTES) {
    it(`/${dir}: its layout gives the client components every namespace they use`, () => {
      const layout = readFileSync(path.join(APP, dir, "layout.tsx"), "utf8");
      expect(layout).toContain(`CLIENT_NAMESPACES.${key}`);
      expect(missing(routeFiles(path.join(APP, dir)), CLIENT_NAMESPACES[key])).toEqual([]);
    });
  }

  it("every other route with translated client components has a layout that gives all messages", () => {
    const picked = new Set(["courses", "learn", "providers"]);
    const lacking = readdirSync(APP, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith("_") && e.name !== "api" && !picked.has(e.name))
      .filter((e) => clientNamespaces(routeFiles(path.join(APP, e.name))).size > 0)
      .filter((e) => {
        const layout = path.join(APP, e.name, "layout.tsx");
        return !existsSync(layout) || !/AllMessagesLayout|ClientMessages all/.test(readFileSync(layout, "utf8"));
      })
      .map((e) => e.name);
    expect(lacking).toEqual([]);
  });
});
