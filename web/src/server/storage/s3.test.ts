/**
 * Integration tests of the S3 driver against a real S3-compatible HTTP server (fauxqs, in memory) that
 * the test starts on a free loopback port. fauxqs does not verify presign signatures; the presigned URL is
 * still fetched over HTTP to prove it names the right object.
 */
import { S3Client, UploadPartCommand } from "@aws-sdk/client-s3";
import { startFauxqs, type FauxqsServer } from "fauxqs";
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDriverContract } from "./driver-contract.ts";
import { createS3Storage } from "./s3.ts";
import type { StorageDriver } from "./types.ts";

const MiB = 1024 * 1024;
const BUCKET = "smolitux-media-test";
let server: FauxqsServer;
let endpoint: string;

/** A client with test-only credentials (fauxqs accepts any) that records the commands it sends. */
function recordingClient(): { client: S3Client; sent: { name: string; input: Record<string, unknown> }[] } {
  const client = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({ name: context.commandName ?? "?", input: args.input as Record<string, unknown> });
      return next(args);
    },
    { step: "initialize", name: "recordCommands" },
  );
  return { client, sent };
}

function driver(client?: S3Client): StorageDriver {
  return createS3Storage({ bucket: BUCKET, region: "us-east-1", client: client ?? recordingClient().client });
}

/** `total` pseudo-random bytes, streamed in 64 KiB chunks; fails with `failAt` bytes sent when given. */
function source(total: number, failAt?: number): { stream: Readable; bytes: Buffer } {
  const bytes = randomBytes(total);
  let offset = 0;
  const stream = new Readable({
    read() {
      if (failAt !== undefined && offset >= failAt) return this.destroy(new Error("client went away"));
      if (offset >= total) return this.push(null);
      this.push(bytes.subarray(offset, offset + 64 * 1024));
      offset += 64 * 1024;
    },
  });
  return { stream, bytes };
}

beforeAll(async () => {
  server = await startFauxqs({ port: 0, host: "127.0.0.1", logger: false });
  endpoint = `http://127.0.0.1:${server.port}`;
  server.createBucket(BUCKET);
});
afterAll(async () => {
  await server?.stop();
});

runDriverContract("s3", { driver: () => driver(), missingKey: () => "contract/missing/none.bin" });

describe("s3 storage driver", () => {
  it("streams a 12 MiB object as a multipart upload and reads it back (whole, ranged, size)", async () => {
    const { client, sent } = recordingClient();
    const s = driver(client);
    const { stream, bytes } = source(12 * MiB);
    const started = performance.now();
    const stored = await s.put("lessons/big/video.mp4", stream, "video/mp4");
    const seconds = (performance.now() - started) / 1000;
    console.info(`[s3] put 12 MiB in ${seconds.toFixed(3)} s = ${(12 / seconds).toFixed(1)} MiB/s`);
    expect(stored).toEqual({
      key: "lessons/big/video.mp4",
      sizeBytes: 12 * MiB,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
    const names = sent.map((c) => c.name);
    expect(names).toContain("CreateMultipartUploadCommand");
    expect(names.filter((n) => n === "UploadPartCommand")).toHaveLength(2); // 8 MiB + 4 MiB
    expect(names).toContain("CompleteMultipartUploadCommand");

    expect(await s.size(stored.key)).toBe(12 * MiB);
    const whole = await s.get(stored.key);
    expect((await buffer(whole.body)).equals(bytes)).toBe(true);
    const start = 8 * MiB - 5; // spans the part boundary
    const ranged = await s.get(stored.key, { start, end: start + 9 });
    expect(ranged.sizeBytes).toBe(12 * MiB);
    expect((await buffer(ranged.body)).equals(bytes.subarray(start, start + 10))).toBe(true);
    await s.delete(stored.key);
    expect(await s.size(stored.key)).toBeNull();
  });

  it("presigns a GET URL that carries its expiry and serves the bytes to a plain fetch", async () => {
    const s = driver();
    const stored = await s.put("lessons/p/clip.txt", new TextEncoder().encode("protected lesson"), "text/plain");
    const url = await s.presignedGetUrl(stored.key, 300);
    expect(url).not.toBeNull();
    const parsed = new URL(url ?? "");
    expect(parsed.origin).toBe(endpoint);
    expect(parsed.searchParams.get("X-Amz-Expires")).toBe("300");
    expect(parsed.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
    const res = await fetch(parsed);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("protected lesson");
    await expect(s.presignedGetUrl(stored.key, 8 * 24 * 3600)).rejects.toBeInstanceOf(RangeError);
  });

  it("aborts the multipart upload when the source fails mid-way and leaves no object", async () => {
    const { client, sent } = recordingClient();
    const s = driver(client);
    const { stream } = source(20 * MiB, 10 * MiB); // fails after the first 8 MiB part went out
    await expect(s.put("lessons/broken/video.mp4", stream, "video/mp4")).rejects.toThrow("client went away");
    const created = sent.find((c) => c.name === "CreateMultipartUploadCommand");
    expect(created).toBeDefined();
    const aborts = sent.filter((c) => c.name === "AbortMultipartUploadCommand");
    expect(aborts).toHaveLength(1);
    expect(sent.some((c) => c.name === "CompleteMultipartUploadCommand")).toBe(false);
    expect(await s.size("lessons/broken/video.mp4")).toBeNull();
    // The server forgot the upload: another part for it is refused.
    const uploadId = aborts[0]?.input.UploadId;
    expect(typeof uploadId).toBe("string");
    await expect(
      client.send(
        new UploadPartCommand({
          Bucket: BUCKET,
          Key: "lessons/broken/video.mp4",
          UploadId: String(uploadId),
          PartNumber: 2,
          Body: new Uint8Array(10),
        }),
      ),
    ).rejects.toMatchObject({ name: "NoSuchUpload" });
  });

  it("maps a missing bucket to a failing health check, not to not_found", async () => {
    const s = createS3Storage({ bucket: "no-such-bucket", region: "us-east-1", client: recordingClient().client });
    await expect(s.health()).rejects.toMatchObject({ code: "backend_error" });
    await expect(s.get("x.txt")).rejects.toMatchObject({ code: "backend_error" });
  });

  it("refuses a part size below the S3 minimum of 5 MiB", () => {
    expect(() => createS3Storage({ bucket: BUCKET, region: "us-east-1", partSizeBytes: MiB })).toThrow(RangeError);
  });
});
