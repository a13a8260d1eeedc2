import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDriverContract } from "./driver-contract.ts";
import { createFsStorage } from "./fs.ts";
import { StorageError } from "./types.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "smolitux-fs-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

runDriverContract("fs", { driver: () => createFsStorage(dir), missingKey: () => "contract/missing/none.bin" });

describe("fs storage driver", () => {
  it("stores a stream and reports size and sha256", async () => {
    const s = createFsStorage(dir);
    const content = "hello, learners\n".repeat(1000);
    const stored = await s.put("courses/c1/a.txt", Readable.from([content]), "text/plain");
    expect(stored.sizeBytes).toBe(Buffer.byteLength(content));
    expect(stored.sha256).toBe(createHash("sha256").update(content).digest("hex"));
    expect(await s.size("courses/c1/a.txt")).toBe(stored.sizeBytes);
    const { body } = await s.get("courses/c1/a.txt", { start: 7, end: 14 });
    expect(await text(body)).toBe("learners");
  });

  it("rejects path traversal and reports missing keys", async () => {
    const s = createFsStorage(dir);
    await expect(s.put("../escape.txt", new Uint8Array([1]), "text/plain")).rejects.toBeInstanceOf(StorageError);
    await expect(s.get("nope/missing.bin")).rejects.toMatchObject({ code: "not_found" });
    expect(await s.size("nope/missing.bin")).toBeNull();
  });

  it("leaves no partial file when the source stream fails", async () => {
    const s = createFsStorage(dir);
    const failing = new Readable({
      read() {
        this.destroy(new Error("client went away"));
      },
    });
    await expect(s.put("broken/b.bin", failing, "application/octet-stream")).rejects.toThrow("client went away");
    expect(await readdir(path.join(dir, "broken"))).toEqual([]);
  });
});
