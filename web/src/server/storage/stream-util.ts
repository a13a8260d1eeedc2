/** Stream helpers shared by the network drivers (S3, IPFS): metering, fan-out, range checks. */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { Readable, Transform, type Writable } from "node:stream";
import type { ByteRange } from "./types.ts";

/** A pass-through stream that counts bytes and hashes them (SHA-256) on the way. */
export interface Meter {
  readonly stream: Transform;
  /** Size in bytes and lowercase hex SHA-256 of everything that passed; call after the stream ended. */
  result(): { sizeBytes: number; sha256: string };
}

/** Creates a {@link Meter}. */
export function createMeter(): Meter {
  const hash = createHash("sha256");
  let sizeBytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ sizeBytes, sha256: hash.digest("hex") }) };
}

/** A put() body as a Readable (a Uint8Array becomes a one-chunk stream). */
export function toReadable(body: Readable | Uint8Array): Readable {
  return body instanceof Uint8Array ? Readable.from([Buffer.from(body)]) : body;
}

/**
 * Copies every chunk of `source` to each sink, honouring back-pressure of the slowest one, and ends the
 * sinks at the end. When the source fails, every sink is destroyed with that error.
 * @throws the source's error
 */
export async function fanOut(source: AsyncIterable<Buffer>, sinks: Writable[]): Promise<void> {
  try {
    for await (const chunk of source) {
      await Promise.all(sinks.map((s) => (s.write(chunk) ? undefined : once(s, "drain"))));
    }
    for (const s of sinks) s.end();
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    for (const s of sinks) s.destroy(error);
    throw error;
  }
}

/**
 * Checks an inclusive byte range (RFC 9110 §14.1.2: `first-pos <= last-pos`, both non-negative integers).
 * @throws RangeError for a malformed range
 */
export function assertValidRange(range: ByteRange | undefined): void {
  if (!range) return;
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`invalid byte range ${start}-${end}`);
  }
}
