/** Local-disk storage driver (the default): files under a root folder, written atomically. */
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  assertValidKey,
  StorageError,
  type ByteRange,
  type ObjectStream,
  type StorageDriver,
  type StoredObject,
} from "./types.ts";

/** Creates the local-disk driver rooted at `root` (created when missing). */
export function createFsStorage(root: string): StorageDriver {
  const base = path.resolve(root);
  const file = (key: string) => {
    assertValidKey(key);
    return path.join(base, ...key.split("/"));
  };

  return {
    kind: "fs",
    async put(key: string, body: Readable | Uint8Array, _contentType: string): Promise<StoredObject> {
      const target = file(key);
      await mkdir(path.dirname(target), { recursive: true });
      // selfhost/backup.sh leaves `*.partial` (and the `.health-*` probe below) out of backups: keep the names in step
      const tmp = `${target}.${randomUUID()}.partial`;
      const hash = createHash("sha256");
      let sizeBytes = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          sizeBytes += chunk.length;
          done(null, chunk);
        },
      });
      try {
        const source = body instanceof Uint8Array ? Readable.from([Buffer.from(body)]) : body;
        await pipeline(source, meter, createWriteStream(tmp));
        await rename(tmp, target);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      return { key, sizeBytes, sha256: hash.digest("hex") };
    },
    async get(key: string, range?: ByteRange): Promise<ObjectStream> {
      const target = file(key);
      const info = await stat(target).catch(() => null);
      if (!info?.isFile()) throw new StorageError("not_found", `no object at ${key}`);
      const body = createReadStream(target, range ? { start: range.start, end: range.end } : undefined);
      return { body, sizeBytes: info.size };
    },
    async size(key: string): Promise<number | null> {
      const info = await stat(file(key)).catch(() => null);
      return info?.isFile() ? info.size : null;
    },
    async delete(key: string): Promise<void> {
      await rm(file(key), { force: true });
    },
    async presignedGetUrl(): Promise<string | null> {
      return null;
    },
    async health(): Promise<void> {
      await mkdir(base, { recursive: true });
      const probe = path.join(base, `.health-${randomUUID()}`);
      await writeFile(probe, "ok");
      await rm(probe, { force: true });
    },
  };
}
