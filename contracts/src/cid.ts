/**
 * The CID form `CourseCertificate.mint` takes: an IPFS CIDv1 string (multibase base32 "b…", sha2-256)
 * as its multicodec and 32-byte digest — the contract re-encodes exactly this string in `cidOf` /
 * `tokenURI` (`contracts/libraries/CidCodec.sol`). Shared by the web outbox (mint arguments) and the
 * indexer (the `CertificateIssued(tokenId, learner, courseId, codec, digest)` event → CID string).
 */
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/** Multicodec and sha2-256 digest of a CIDv1. `codec` < 2^14 (one- or two-byte varint). */
export interface CidParts {
  codec: number;
  /** 32-byte sha2-256 digest, `0x`-prefixed lowercase hex */
  digest: `0x${string}`;
}

/** Thrown for strings that are not a canonical CIDv1 base32 sha2-256 CID with a codec < 2^14. */
export class InvalidCidError extends Error {
  constructor(cid: string, why: string) {
    super(`not a CIDv1 base32 sha2-256 CID (${why}): ${cid.slice(0, 80)}`);
    this.name = "InvalidCidError";
  }
}

function base32Decode(text: string): Uint8Array {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error(`invalid base32 character ${JSON.stringify(ch)}`);
    buffer = (buffer << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
      buffer &= (1 << bits) - 1;
    }
  }
  if (buffer !== 0) throw new Error("non-zero padding bits");
  return Uint8Array.from(out);
}

function base32Encode(bytes: Uint8Array): string {
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

/**
 * Splits a CIDv1 string into the `(codec, digest)` that `CourseCertificate.mint` takes.
 * @throws InvalidCidError unless `cid` is "b" + base32(0x01 ‖ varint(codec) ‖ 0x12 0x20 ‖ 32-byte digest)
 *   with a minimal one- or two-byte varint
 */
export function cidToParts(cid: string): CidParts {
  if (!cid.startsWith("b")) throw new InvalidCidError(cid, "multibase prefix must be b");
  let bytes: Uint8Array;
  try {
    bytes = base32Decode(cid.slice(1));
  } catch (err) {
    throw new InvalidCidError(cid, (err as Error).message);
  }
  if (bytes[0] !== 0x01) throw new InvalidCidError(cid, "version must be 1");
  let codec: number;
  let i: number;
  if (bytes[1]! < 0x80) {
    codec = bytes[1]!;
    i = 2;
  } else {
    if (bytes[2] === undefined || bytes[2] === 0 || bytes[2] >= 0x80) throw new InvalidCidError(cid, "codec varint");
    codec = (bytes[1]! & 0x7f) | (bytes[2] << 7);
    i = 3;
  }
  if (bytes[i] !== 0x12 || bytes[i + 1] !== 0x20) throw new InvalidCidError(cid, "hash must be sha2-256");
  const digest = bytes.slice(i + 2);
  if (digest.length !== 32) throw new InvalidCidError(cid, "digest must be 32 bytes");
  const hex = [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
  const parts: CidParts = { codec, digest: `0x${hex}` };
  if (partsToCid(parts) !== cid) throw new InvalidCidError(cid, "not canonical");
  return parts;
}

/** The CIDv1 string of `(codec, digest)`, byte-identical to `CourseCertificate.cidOf`. */
export function partsToCid({ codec, digest }: CidParts): string {
  if (!Number.isInteger(codec) || codec < 0 || codec >= 1 << 14) throw new RangeError(`codec ${codec} out of range`);
  if (!/^0x[0-9a-fA-F]{64}$/.test(digest)) throw new RangeError("digest must be 32 bytes of hex");
  const varint = codec < 0x80 ? [codec] : [(codec & 0x7f) | 0x80, codec >> 7];
  const d = digest
    .slice(2)
    .match(/../g)!
    .map((h) => Number.parseInt(h, 16));
  return `b${base32Encode(Uint8Array.from([0x01, ...varint, 0x12, 0x20, ...d]))}`;
}
