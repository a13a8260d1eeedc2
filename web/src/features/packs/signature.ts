/**
 * Ed25519 signatures of pack manifests by an instance's did:key (the key that also signs credentials,
 * CREDENTIAL_ISSUER_KEY). Verification uses only the DID: did:key:z… is multibase base58btc of the
 * multicodec `ed25519-pub` (0xed 0x01) followed by the 32-byte public key.
 */
import { createPublicKey, verify } from "node:crypto";
import { base58btc } from "multiformats/bases/base58";
import type { IssuerKey } from "@/features/certificates/credential/keys.ts";

/** Signs `data`; returns the 64-byte signature as base64url text. */
export async function signManifest(key: IssuerKey, data: Uint8Array): Promise<string> {
  const signature = await key.keyPair.signer().sign({ data });
  return Buffer.from(signature).toString("base64url");
}

/** The raw Ed25519 public key of a did:key, or null when it is not one. */
export function publicKeyOfDid(did: string): Uint8Array | null {
  const m = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)$/.exec(did);
  if (!m?.[1]) return null;
  let bytes: Uint8Array;
  try {
    bytes = base58btc.decode(m[1]);
  } catch {
    return null;
  }
  if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) return null;
  return bytes.slice(2);
}

/** Whether `signatureText` (base64url) is a valid signature of `data` by `did`. */
export function verifyManifest(did: string, data: Uint8Array, signatureText: string): boolean {
  const raw = publicKeyOfDid(did);
  if (!raw || !/^[A-Za-z0-9_-]{86}$/.test(signatureText.trim())) return false;
  const key = createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(raw).toString("base64url") },
    format: "jwk",
  });
  return verify(null, data, key, Buffer.from(signatureText.trim(), "base64url"));
}
