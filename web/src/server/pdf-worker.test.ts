import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { pdfWorkerPath } from "@/features/learning/pdf-worker.ts";
import { createRequire } from "node:module";
import { PDFJS_VERSION } from "./pdf-worker.ts";

const call = async (method: "GET" | "HEAD", path: string) => {
  const { GET, HEAD } = await import("@/app/api/pdfjs/[version]/worker.mjs/route.ts");
  const version = decodeURIComponent(path.split("/")[3] ?? "");
  const req = new Request(`http://localhost:3000${path}`, { method });
  return (method === "GET" ? GET : HEAD)(req, { params: Promise.resolve({ version }) });
};

describe("GET /api/pdfjs/<version>/worker.mjs (pdf.js worker from our own origin)", () => {
  it("serves the installed pdf.js worker as JavaScript, cached for a year, with a policy that lets it load nothing", async () => {
    const path = pdfWorkerPath(PDFJS_VERSION);
    expect(path).toBe(`/api/pdfjs/${PDFJS_VERSION}/worker.mjs`);
    const res = await call("GET", path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none';/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const body = new Uint8Array(await res.arrayBuffer());
    // byte for byte the legacy-build worker of the installed pdfjs-dist
    const installed = createRequire(import.meta.url).resolve("pdfjs-dist/legacy/build/pdf.worker.min.mjs");
    expect(Buffer.from(body).equals(readFileSync(installed))).toBe(true);
    // it is the worker of the same release as the API the viewer imports
    expect(Buffer.from(body).toString("utf8")).toContain(`"${PDFJS_VERSION}"`);

    const head = await call("HEAD", path);
    expect(head.status).toBe(200);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it("answers another version with 404 and a malformed one with 400 (never a file outside the package)", async () => {
    const other = await call("GET", "/api/pdfjs/1.0.0/worker.mjs");
    expect(other.status).toBe(404);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe("not_found");
    for (const bad of ["..%2F..%2Fpackage.json", "6.5.438%00", "latest"]) {
      const res = await call("GET", `/api/pdfjs/${bad}/worker.mjs`);
      expect(res.status, bad).toBe(400);
    }
  });

  it("finds the worker in the standalone build's layout (cwd standalone/web, the file in pnpm's store)", async () => {
    const installed = createRequire(import.meta.url).resolve("pdfjs-dist/legacy/build/pdf.worker.min.mjs");
    const root = mkdtempSync(path.join(tmpdir(), "pdf-worker-standalone-"));
    const store = path.join(root, `node_modules/.pnpm/pdfjs-dist@${PDFJS_VERSION}/node_modules/pdfjs-dist`);
    mkdirSync(path.join(store, "legacy/build"), { recursive: true });
    copyFileSync(installed, path.join(store, "legacy/build/pdf.worker.min.mjs"));
    mkdirSync(path.join(root, "web"));
    const cwd = process.cwd();
    try {
      process.chdir(path.join(root, "web"));
      vi.resetModules(); // a fresh module: nothing read before
      const { pdfWorkerScript } = await import("./pdf-worker.ts");
      expect(Buffer.from(await pdfWorkerScript()).equals(readFileSync(installed))).toBe(true);
    } finally {
      process.chdir(cwd);
      rmSync(root, { recursive: true, force: true });
    }
  });
});
