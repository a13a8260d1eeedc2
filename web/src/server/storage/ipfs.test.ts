/**
 * The IPFS driver, unchanged production code (kubo-rpc-client over HTTP), against a Kubo-RPC-compatible
 * server backed by an in-process Helia node (testing/kubo-rpc-server.ts).
 */
import { CID } from "multiformats/cid";
import * as Digest from "multiformats/hashes/digest";
import { sha256 } from "multiformats/hashes/sha2";
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDriverContract } from "./driver-contract.ts";
import { createIpfsStorage, parseIpfsKey } from "./ipfs.ts";
import { startFakeKubo, type FakeKubo } from "./testing/kubo-rpc-server.ts";

const MiB = 1024 * 1024;
const RAW = 0x55;
let kubo: FakeKubo;

const rawCid = async (bytes: Uint8Array) => CID.create(1, RAW, await sha256.digest(bytes));
const chunks = (bytes: Buffer, size = 64 * 1024) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)),
  );

beforeAll(async () => {
  kubo = await startFakeKubo();
});
afterAll(async () => {
  await kubo?.stop();
});

runDriverContract("ipfs", {
  driver: () => createIpfsStorage({ apiUrl: kubo.url }),
  missingKey: () =>
    `ipfs/${CID.create(1, RAW, Digest.create(sha256.code, createHash("sha256").update(randomBytes(32)).digest()))}`,
});

describe("ipfs storage driver", () => {
  it("returns the CID Kubo prints for a one-chunk file (raw leaf, CIDv1 base32)", async () => {
    const s = createIpfsStorage({ apiUrl: kubo.url });
    const stored = await s.put("lessons/hello.txt", new TextEncoder().encode("hello world"), "text/plain");
    // `printf 'hello world' | ipfs add --cid-version=1` on Kubo; a one-chunk file is the raw leaf itself
    expect(stored.cid).toBe("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
    expect(stored.cid).toBe((await rawCid(new TextEncoder().encode("hello world"))).toString());
    expect(stored.key).toBe(`ipfs/${stored.cid}`);
  });

  it("streams a 12 MiB file, pins it, and serves ranges across chunk boundaries", async () => {
    const s = createIpfsStorage({ apiUrl: kubo.url });
    const bytes = randomBytes(12 * MiB);
    const started = performance.now();
    const stored = await s.put("lessons/big/video.mp4", chunks(bytes), "video/mp4");
    const seconds = (performance.now() - started) / 1000;
    console.info(`[ipfs] put 12 MiB in ${seconds.toFixed(3)} s = ${(12 / seconds).toFixed(1)} MiB/s`);
    expect(stored.sizeBytes).toBe(12 * MiB);
    expect(stored.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    const cid = parseIpfsKey(stored.key);
    expect(cid.code).toBe(0x70); // dag-pb root over raw leaves
    expect(await kubo.pinned()).toContain(stored.cid);
    expect(await s.size(stored.key)).toBe(12 * MiB);
    const start = 5 * 262_144 - 3;
    const ranged = await s.get(stored.key, { start, end: start + 262_144 + 5 });
    expect(ranged.sizeBytes).toBe(12 * MiB);
    expect((await buffer(ranged.body)).equals(bytes.subarray(start, start + 262_144 + 6))).toBe(true);
    await s.delete(stored.key);
    expect(await kubo.pinned()).not.toContain(stored.cid);
  });

  it("refuses a node whose CID differs from the locally computed one and unpins it", async () => {
    const odd = await startFakeKubo({ forceChunkSizeBytes: MiB });
    try {
      const s = createIpfsStorage({ apiUrl: odd.url });
      const err = await s
        .put("lessons/x.bin", chunks(randomBytes(2 * MiB)), "application/octet-stream")
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ name: "StorageError", code: "backend_error" });
      expect(String(err)).toMatch(/returned CID bafy\w+ but the content's CID is bafy\w+/);
      expect(await odd.pinned()).toEqual([]);
    } finally {
      await odd.stop();
    }
  });

  it("pins nothing when the source stream fails", async () => {
    const s = createIpfsStorage({ apiUrl: kubo.url });
    const before = await kubo.pinned();
    let sent = 0;
    const failing = new Readable({
      read() {
        if (sent >= MiB) return this.destroy(new Error("client went away"));
        sent += 64 * 1024;
        this.push(randomBytes(64 * 1024));
      },
    });
    await expect(s.put("lessons/broken.bin", failing, "application/octet-stream")).rejects.toThrow("client went away");
    expect(await kubo.pinned()).toEqual(before);
  });

  it("answers a missing CID from the pin set without asking the node to fetch it", async () => {
    const own = await startFakeKubo(); // its own request log, untouched by earlier tests
    try {
      const s = createIpfsStorage({ apiUrl: own.url });
      await expect(s.get(`ipfs/${(await rawCid(randomBytes(8))).toString()}`)).rejects.toMatchObject({
        code: "not_found",
      });
      expect(own.requests).toEqual(["/api/v0/pin/ls"]);
    } finally {
      await own.stop();
    }
  });

  it("accepts only ipfs/<CIDv1> keys", async () => {
    const s = createIpfsStorage({ apiUrl: kubo.url });
    for (const bad of ["courses/a.mp4", "ipfs/notacid", "ipfs/QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o"]) {
      await expect(s.get(bad)).rejects.toMatchObject({ code: "invalid_key" });
    }
  });

  it("builds gateway URLs only when a gateway is configured", async () => {
    const key = `ipfs/${(await rawCid(new Uint8Array([1]))).toString()}`;
    expect(await createIpfsStorage({ apiUrl: kubo.url }).presignedGetUrl(key, 60)).toBeNull();
    const withGateway = createIpfsStorage({ apiUrl: kubo.url, gatewayUrl: "https://gw.smolitux.test/" });
    expect(await withGateway.presignedGetUrl(key, 60)).toBe(`https://gw.smolitux.test/${key}`);
  });

  it("fails its health check when the node is down", async () => {
    const down = await startFakeKubo();
    await down.stop();
    await expect(createIpfsStorage({ apiUrl: down.url }).health()).rejects.toMatchObject({ code: "backend_error" });
  });
});
