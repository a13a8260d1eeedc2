/**
 * The behaviour every StorageDriver shares, as a vitest suite run against each driver (fs, s3, ipfs).
 * Callers use the key a driver returns from put() for every later call: for fs and s3 it is the key they
 * passed, for ipfs it is `ipfs/<cid>`.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import type { StorageDriver } from "./types.ts";

export interface ContractTarget {
  /** Called inside each test, after the suite's beforeAll hooks started the backend. */
  driver: () => StorageDriver;
  /** A well-formed key that names no stored object. */
  missingKey: () => string;
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Streams `bytes` in chunks of `chunk` bytes, as an upload from a socket would arrive. */
function chunked(bytes: Buffer, chunk = 64 * 1024): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  return Readable.from(parts);
}

/** Registers the shared contract tests for one driver. */
export function runDriverContract(name: string, target: ContractTarget): void {
  describe(`${name} driver contract`, () => {
    const key = (file: string) => `contract/${randomUUID()}/${file}`;

    it("stores a stream, reports size and sha256, and reads it back whole", async () => {
      const s = target.driver();
      const content = randomBytes(300 * 1024 + 17); // crosses the 256 KiB IPFS chunk boundary
      const stored = await s.put(key("a.bin"), chunked(content), "application/octet-stream");
      expect(stored.sizeBytes).toBe(content.length);
      expect(stored.sha256).toBe(sha256(content));
      const { body, sizeBytes } = await s.get(stored.key);
      expect(sizeBytes).toBe(content.length);
      expect((await buffer(body)).equals(content)).toBe(true);
      expect(await s.size(stored.key)).toBe(content.length);
    });

    it("stores a Uint8Array and an empty object", async () => {
      const s = target.driver();
      const small = await s.put(key("hello.txt"), new TextEncoder().encode("hello, learners"), "text/plain");
      expect(small.sizeBytes).toBe(15);
      expect((await buffer((await s.get(small.key)).body)).toString()).toBe("hello, learners");
      const empty = await s.put(key("empty.txt"), new Uint8Array(0), "text/plain");
      expect(empty).toMatchObject({ sizeBytes: 0, sha256: sha256(new Uint8Array(0)) });
      expect(await s.size(empty.key)).toBe(0);
    });

    it("reads inclusive byte ranges and clamps a range past the end", async () => {
      const s = target.driver();
      const content = randomBytes(300 * 1024);
      const stored = await s.put(key("r.bin"), chunked(content), "application/octet-stream");
      const mid = await s.get(stored.key, { start: 262_140, end: 262_150 }); // spans a chunk boundary
      expect(mid.sizeBytes).toBe(content.length);
      expect((await buffer(mid.body)).equals(content.subarray(262_140, 262_151))).toBe(true);
      const first = await s.get(stored.key, { start: 0, end: 0 });
      expect(await buffer(first.body)).toEqual(content.subarray(0, 1));
      const tail = await s.get(stored.key, { start: content.length - 10, end: content.length + 1000 });
      expect((await buffer(tail.body)).equals(content.subarray(content.length - 10))).toBe(true);
    });

    it("reports missing objects: get → not_found, size → null, delete → no error", async () => {
      const s = target.driver();
      const missing = target.missingKey();
      await expect(s.get(missing)).rejects.toMatchObject({ name: "StorageError", code: "not_found" });
      await expect(s.get(missing, { start: 0, end: 1 })).rejects.toMatchObject({ code: "not_found" });
      expect(await s.size(missing)).toBeNull();
      await expect(s.delete(missing)).resolves.toBeUndefined();
    });

    it("deletes: the object is gone afterwards and a second delete is harmless", async () => {
      const s = target.driver();
      const stored = await s.put(key("d.txt"), new TextEncoder().encode("bye"), "text/plain");
      await s.delete(stored.key);
      expect(await s.size(stored.key)).toBeNull();
      await expect(s.get(stored.key)).rejects.toMatchObject({ code: "not_found" });
      await expect(s.delete(stored.key)).resolves.toBeUndefined();
    });

    it("rejects malformed keys with invalid_key on every operation", async () => {
      const s = target.driver();
      for (const bad of ["../escape.txt", "a//b", "", "sp ace.txt"]) {
        await expect(s.put(bad, new Uint8Array([1]), "text/plain")).rejects.toMatchObject({ code: "invalid_key" });
        await expect(s.get(bad)).rejects.toMatchObject({ code: "invalid_key" });
        await expect(s.size(bad)).rejects.toMatchObject({ code: "invalid_key" });
        await expect(s.delete(bad)).rejects.toMatchObject({ code: "invalid_key" });
      }
    });

    it("passes its health check", async () => {
      await expect(target.driver().health()).resolves.toBeUndefined();
    });
  });
}
