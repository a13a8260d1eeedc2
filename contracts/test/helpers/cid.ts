import { createHash } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/** Multicodecs used in tests: raw (1-byte varint) and dag-json / json (2-byte varints). */
export const CODEC = { raw: 0x55, dagPb: 0x70, json: 0x0200, dagJson: 0x0129 } as const;

/** RFC 4648 base32, lowercase, no padding (the multibase "b" alphabet). */
export function base32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
}

/** CIDv1 string (base32, sha2-256) of `content` with multicodec `codec`, as kubo/helia print it. */
export function cidV1(content: string | Uint8Array, codec: number = CODEC.raw): string {
  const digest = createHash("sha256").update(content).digest();
  const bytes = Uint8Array.from([0x01, ...varint(codec), 0x12, 0x20, ...digest]);
  return `b${base32(bytes)}`;
}

/** The `(codec, digest)` pair `CourseCertificate.mint` takes for the CIDv1 {@link cidV1} returns. */
export function cidParts(content: string | Uint8Array, codec: number = CODEC.raw): [number, `0x${string}`] {
  return [codec, `0x${createHash("sha256").update(content).digest("hex")}`];
}
