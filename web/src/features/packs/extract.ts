/**
 * Reads a course pack archive into a private temporary folder, hashing every file on the way (size,
 * SHA-256, CIDv1). Nothing outside that folder is touched. Rejects, naming the file: unexpected names or
 * entry types (links, folders, path tricks), duplicates, oversize packs, truncated or malformed archives.
 */
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import tar from "tar-stream";
import { ApiError } from "@/server/http.ts";
import { digest } from "./files.ts";
import { rejectPack } from "./rejections.ts";
import { COURSE, MANIFEST, PACK_LIMITS, SIGNATURE } from "./format.ts";

/** One extracted file. */
export interface ExtractedFile {
  absPath: string;
  size: number;
  sha256: string;
  cid: string;
}

/** An extracted pack; call `dispose()` when done (removes the folder). */
export interface ExtractedPack {
  dir: string;
  files: Map<string, ExtractedFile>;
  dispose(): Promise<void>;
}

const NAME = /^(manifest\.json|manifest\.sig|course\.json|media\/[0-9a-f]{64})$/;

async function* tapToFile(entry: AsyncIterable<Buffer>, absPath: string): AsyncGenerator<Uint8Array> {
  const out = createWriteStream(absPath, { flags: "wx" });
  try {
    for await (const chunk of entry) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
      yield chunk;
    }
  } finally {
    out.end();
    await finished(out);
  }
}

/**
 * Extracts `input` (a tar stream) below `tmpRoot`.
 * @throws ApiError unprocessable naming the file and reason (see module doc)
 */
export async function extractPack(input: Readable, tmpRoot: string): Promise<ExtractedPack> {
  await mkdir(tmpRoot, { recursive: true });
  const dir = await mkdtemp(path.join(tmpRoot, "pack-"));
  const files = new Map<string, ExtractedFile>();
  const dispose = () => rm(dir, { recursive: true, force: true });
  let total = 0;
  const extract = tar.extract();
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (err: unknown) => {
        if (failed) return;
        failed = true;
        input.unpipe?.(extract);
        extract.destroy();
        reject(err);
      };
      extract.on("entry", (header, stream, next) => {
        const name = header.name.replace(/^\.\//, "");
        const check = (): ApiError | null => {
          if (header.type !== "file") return rejectPack(name, "entry_type", `type ${header.type}`);
          if (!NAME.test(name)) return rejectPack(name, "unexpected_file");
          if (files.has(name)) return rejectPack(name, "duplicate_entry");
          if (files.size >= PACK_LIMITS.maxFiles)
            return rejectPack(name, "too_many_files", `at most ${PACK_LIMITS.maxFiles}`);
          total += header.size ?? 0;
          if (total > PACK_LIMITS.maxBytes)
            return rejectPack(name, "pack_too_large", `at most ${PACK_LIMITS.maxBytes} bytes`);
          const json = name === MANIFEST || name === SIGNATURE || name === COURSE;
          if (json && (header.size ?? 0) > PACK_LIMITS.maxJsonBytes)
            return rejectPack(name, "file_too_large", `at most ${PACK_LIMITS.maxJsonBytes} bytes`);
          return null;
        };
        const problem = check();
        if (problem) {
          stream.resume();
          return fail(problem);
        }
        const absPath = path.join(dir, name.replace("/", "-"));
        digest(tapToFile(stream as unknown as AsyncIterable<Buffer>, absPath))
          .then((d) => {
            files.set(name, { absPath, ...d });
            next();
          })
          .catch((err: unknown) => fail(rejectPack(name, "unreadable", (err as Error).message)));
      });
      extract.on("finish", () => (failed ? undefined : resolve()));
      extract.on("error", (err: Error) => fail(rejectPack("archive", "not_tar", err.message)));
      input.on("error", (err: Error) => fail(rejectPack("archive", "interrupted", err.message)));
      input.pipe(extract);
    });
  } catch (err) {
    await dispose();
    throw err;
  }
  return { dir, files, dispose };
}
