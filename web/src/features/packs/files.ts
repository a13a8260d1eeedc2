/** Hashing helpers of packs: SHA-256 and CIDv1 of a byte stream in one pass. */
import { createHash } from "node:crypto";
import { computeUnixfsCid } from "@/server/storage/ipfs-cid.ts";

/** Size (bytes), hex SHA-256 and base32 CIDv1 of `bytes`. */
export async function digest(bytes: AsyncIterable<Uint8Array>): Promise<{ size: number; sha256: string; cid: string }> {
  const hash = createHash("sha256");
  let size = 0;
  async function* tap(): AsyncGenerator<Uint8Array> {
    for await (const chunk of bytes) {
      hash.update(chunk);
      size += chunk.length;
      yield chunk;
    }
  }
  const cid = await computeUnixfsCid(tap());
  return { size, sha256: hash.digest("hex"), cid: cid.toString() };
}

/** An async iterable over one buffer. */
export async function* once(buf: Uint8Array): AsyncGenerator<Uint8Array> {
  yield buf;
}
