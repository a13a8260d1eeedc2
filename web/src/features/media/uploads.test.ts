import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { ApiError } from "@/server/http.ts";
import { createFsStorage } from "@/server/storage/fs.ts";
import {
  abortUpload,
  completeUpload,
  createUpload,
  getUpload,
  MAX_CHUNK_BYTES,
  parseContentRange,
  putChunk,
  type UploadDeps,
} from "./uploads.ts";

const VIDEO = path.resolve(import.meta.dirname, "../../../content/media/mdn-cc0-videos/friday.mp4");
const VTT = path.resolve(import.meta.dirname, "../../../content/media/mdn-cc0-videos/friday.vtt");

let t: TestDatabase;
let dir: string;
let deps: UploadDeps;
let ownerId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), "uploads-test-"));
  deps = { db: t.db, storage: createFsStorage(path.join(dir, "media")), tmpDir: path.join(dir, "tmp") };
  ownerId = (await t.db.user.create({ data: { name: "P", roles: ["LEARNER", "PROVIDER"] } })).id;
});
afterAll(async () => {
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

async function caught(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

/** Uploads `bytes` in chunks of `chunk` bytes. */
async function send(id: string, bytes: Uint8Array<ArrayBuffer>, chunk: number) {
  for (let start = 0; start < bytes.length; start += chunk) {
    const end = Math.min(start + chunk, bytes.length) - 1;
    await putChunk(
      deps,
      ownerId,
      id,
      { start, end, total: bytes.length },
      new Blob([bytes.subarray(start, end + 1)]).stream(),
    );
  }
}

const files = async (sub: string) => readdir(path.join(dir, sub), { recursive: true }).catch(() => [] as string[]);

describe("chunked upload", () => {
  it("stores a video in chunks with its sha256 and sniffed type", async () => {
    const bytes = new Uint8Array(await readFile(VIDEO));
    const s = await createUpload(deps, ownerId, { filename: "friday.mp4", type: "video/mp4", sizeBytes: bytes.length });
    await send(s.id, bytes, 100_000);
    expect((await getUpload(deps, ownerId, s.id)).receivedBytes).toBe(bytes.length);
    const done = await completeUpload(deps, ownerId, s.id);
    const asset = await t.db.mediaAsset.findUniqueOrThrow({ where: { id: done.assetId! } });
    expect(asset).toMatchObject({
      mimeType: "video/mp4",
      sizeBytes: BigInt(bytes.length),
      driver: "FS",
      originalName: "friday.mp4",
      durationSeconds: 6, // read from the MP4 on the server (friday.mp4 plays 6.17 s)
    });
    expect(asset.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(await files("tmp")).toEqual([]);
    // completing twice is idempotent
    expect((await completeUpload(deps, ownerId, s.id)).assetId).toBe(asset.id);
  });

  it("resumes: an out-of-order chunk is 409 with the offset to continue from", async () => {
    const bytes = new Uint8Array(await readFile(VTT));
    const s = await createUpload(deps, ownerId, {
      filename: "c.vtt",
      type: "text/vtt; charset=utf-8",
      sizeBytes: bytes.length,
    });
    await putChunk(
      deps,
      ownerId,
      s.id,
      { start: 0, end: 99, total: bytes.length },
      new Blob([bytes.subarray(0, 100)]).stream(),
    );
    const err = await caught(
      putChunk(
        deps,
        ownerId,
        s.id,
        { start: 200, end: 299, total: bytes.length },
        new Blob([bytes.subarray(200, 300)]).stream(),
      ),
    );
    expect([err.status, err.fields]).toEqual([409, { receivedBytes: "100" }]);
    // a chunk whose body is shorter than its range is refused and leaves the offset unchanged
    const short = await caught(
      putChunk(
        deps,
        ownerId,
        s.id,
        { start: 100, end: 199, total: bytes.length },
        new Blob([bytes.subarray(100, 150)]).stream(),
      ),
    );
    expect(short.status).toBe(400);
    await putChunk(
      deps,
      ownerId,
      s.id,
      { start: 100, end: bytes.length - 1, total: bytes.length },
      new Blob([bytes.subarray(100)]).stream(),
    );
    const done = await completeUpload(deps, ownerId, s.id);
    expect((await t.db.mediaAsset.findUniqueOrThrow({ where: { id: done.assetId! } })).mimeType).toBe("text/vtt");
  });

  it("413 beyond the kind's size limit; 415 for a disallowed declared type", async () => {
    expect(
      (
        await caught(
          createUpload(deps, ownerId, {
            filename: "big.pdf",
            type: "application/pdf",
            sizeBytes: 50 * 1024 * 1024 + 1,
          }),
        )
      ).status,
    ).toBe(413);
    expect(
      (
        await caught(
          createUpload(deps, ownerId, { filename: "a.png", type: "image/png", sizeBytes: 10 * 1024 * 1024 + 1 }),
        )
      ).status,
    ).toBe(413);
    expect(
      (await caught(createUpload(deps, ownerId, { filename: "x.vtt", type: "text/vtt", sizeBytes: 1024 * 1024 + 1 })))
        .status,
    ).toBe(413);
    expect(
      (
        await caught(
          createUpload(deps, ownerId, { filename: "v.mp4", type: "video/mp4", sizeBytes: 2 * 1024 ** 3 + 1 }),
        )
      ).status,
    ).toBe(413);
    expect(
      (await caught(createUpload(deps, ownerId, { filename: "x.html", type: "text/html", sizeBytes: 10 }))).status,
    ).toBe(415);
    const s = await createUpload(deps, ownerId, {
      filename: "v.mp4",
      type: "video/mp4",
      sizeBytes: MAX_CHUNK_BYTES * 2,
    });
    expect(
      (
        await caught(
          putChunk(deps, ownerId, s.id, { start: 0, end: MAX_CHUNK_BYTES, total: MAX_CHUNK_BYTES * 2 }, null),
        )
      ).status,
    ).toBe(413);
    await abortUpload(deps, ownerId, s.id);
  });

  it("415 when the content's magic bytes differ from the declared type; nothing is left behind", async () => {
    const before = await t.db.mediaAsset.count();
    const media = await files("media");
    // a PDF declared as PNG: refused at the first chunk
    const pdf = new TextEncoder().encode("%PDF-1.7\n" + "x".repeat(5000));
    const s1 = await createUpload(deps, ownerId, { filename: "cover.png", type: "image/png", sizeBytes: pdf.length });
    expect((await caught(send(s1.id, pdf, 8192))).status).toBe(415);
    expect((await getUpload(deps, ownerId, s1.id)).status).toBe("ABORTED");
    // an HTML page declared as WebVTT (small: only detectable at completion)
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    const s2 = await createUpload(deps, ownerId, { filename: "x.vtt", type: "text/vtt", sizeBytes: html.length });
    await send(s2.id, html, 1024);
    expect((await caught(completeUpload(deps, ownerId, s2.id))).status).toBe(415);
    expect(await t.db.mediaAsset.count()).toBe(before);
    expect(await files("media")).toEqual(media);
    expect(await files("tmp")).toEqual([]);
  });

  it("an aborted upload leaves no MediaAsset, no object and no temporary file", async () => {
    const before = await t.db.mediaAsset.count();
    const media = await files("media");
    const bytes = new Uint8Array(await readFile(VIDEO));
    const s = await createUpload(deps, ownerId, { filename: "friday.mp4", type: "video/mp4", sizeBytes: bytes.length });
    await putChunk(
      deps,
      ownerId,
      s.id,
      { start: 0, end: 99_999, total: bytes.length },
      new Blob([bytes.subarray(0, 100_000)]).stream(),
    );
    expect(await files("tmp")).toHaveLength(1);
    await abortUpload(deps, ownerId, s.id);
    expect((await caught(completeUpload(deps, ownerId, s.id))).status).toBe(409);
    expect(
      (
        await caught(
          putChunk(
            deps,
            ownerId,
            s.id,
            { start: 100_000, end: 100_009, total: bytes.length },
            new Blob([bytes.subarray(0, 10)]).stream(),
          ),
        )
      ).status,
    ).toBe(409);
    expect(await t.db.mediaAsset.count()).toBe(before);
    expect(await files("media")).toEqual(media);
    expect(await files("tmp")).toEqual([]);
  });

  it("someone else's upload is 404", async () => {
    const s = await createUpload(deps, ownerId, { filename: "c.vtt", type: "text/vtt", sizeBytes: 10 });
    const other = (await t.db.user.create({ data: { name: "O" } })).id;
    expect((await caught(getUpload(deps, other, s.id))).status).toBe(404);
    expect((await caught(abortUpload(deps, other, s.id))).status).toBe(404);
  });

  it("parses Content-Range", () => {
    expect(parseContentRange("bytes 0-99/1000")).toEqual({ start: 0, end: 99, total: 1000 });
    for (const bad of [null, "bytes 5-4/10", "bytes 0-10/10", "bytes */10", "items 0-1/2"]) {
      expect(() => parseContentRange(bad)).toThrow(ApiError);
    }
  });
});
