/**
 * The credential issuer key (Ed25519) and its DID.
 *
 * - `CREDENTIAL_ISSUER_KEY`: the Multikey `secretKeyMultibase` of an Ed25519 key — multibase base58btc
 *   (`z…`) of the multicodec `ed25519-priv` header (0x1300, varint `0x80 0x26`) followed by the 32-byte
 *   seed (optionally followed by the 32-byte public key, as `@digitalbazaar/ed25519-multikey` exports it).
 *   Required in production (env.ts); never logged.
 * - Local dev stack (`DEV_CHAIN_KEYS=true`, chain 31337 only) without a configured key: derived
 *   deterministically from the public Hardhat test mnemonic (`sha256("smolitux:dev-credential-issuer:" +
 *   mnemonic)` as the seed) — public, like the dev chain keys, so credentials signed with it are
 *   worthless outside the local stack. Nothing is written to disk and no key is committed.
 *
 * The issuer DID is `did:key:<publicKeyMultibase>` (W3C did:key, Ed25519 `z6Mk…`), resolvable offline.
 */
import { createHash } from "node:crypto";
import { base58btc } from "multiformats/bases/base58";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import type { Ed25519MultikeyPair } from "@digitalbazaar/ed25519-multikey";
import { HARDHAT_TEST_MNEMONIC } from "@/server/keys.ts";

/** Multicodec varint header of an Ed25519 private key (`ed25519-priv`, 0x1300). */
const ED25519_PRIV_HEADER = [0x80, 0x26] as const;

/** An issuer key pair with its DID and verification method id. */
export interface IssuerKey {
  /** `did:key:z6Mk…` */
  did: string;
  /** `did:key:z6Mk…#z6Mk…` (the key's verification method) */
  verificationMethod: string;
  keyPair: Ed25519MultikeyPair;
}

/** No issuer key configured (production without CREDENTIAL_ISSUER_KEY, or a non-dev stack). */
export class MissingIssuerKeyError extends Error {
  constructor() {
    super(
      "CREDENTIAL_ISSUER_KEY is not set: generate one with `pnpm --filter @smolitux/web exec tsx " +
        "src/features/certificates/credential/keygen.ts` (or set DEV_CHAIN_KEYS=true on the local stack)",
    );
    this.name = "MissingIssuerKeyError";
  }
}

/**
 * The 32-byte Ed25519 seed inside a Multikey `secretKeyMultibase`.
 * @throws Error when the string is not a multibase base58btc `ed25519-priv` key of 32 or 64 bytes
 */
export function seedFromSecretMultibase(secret: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = base58btc.decode(secret);
  } catch {
    throw new Error("CREDENTIAL_ISSUER_KEY must be a multibase base58btc (z…) Ed25519 secret key");
  }
  if (bytes[0] !== ED25519_PRIV_HEADER[0] || bytes[1] !== ED25519_PRIV_HEADER[1]) {
    throw new Error("CREDENTIAL_ISSUER_KEY is not an ed25519-priv multikey (header 0x8026)");
  }
  const key = bytes.slice(2);
  if (key.length !== 32 && key.length !== 64) {
    throw new Error(`CREDENTIAL_ISSUER_KEY holds ${key.length} key bytes; expected 32 or 64`);
  }
  return key.slice(0, 32);
}

/** The public dev seed (see module comment). */
export function devIssuerSeed(): Uint8Array {
  return new Uint8Array(
    createHash("sha256")
      .update("smolitux:dev-credential-issuer:" + HARDHAT_TEST_MNEMONIC)
      .digest(),
  );
}

/** Builds the issuer key (DID, verification method, signer) from a 32-byte seed. */
export async function issuerKeyFromSeed(seed: Uint8Array): Promise<IssuerKey> {
  const probe = await Ed25519Multikey.generate({ seed });
  const did = `did:key:${probe.publicKeyMultibase}`;
  const verificationMethod = `${did}#${probe.publicKeyMultibase}`;
  const keyPair = await Ed25519Multikey.generate({ seed, id: verificationMethod, controller: did });
  return { did, verificationMethod, keyPair };
}

/**
 * The issuer key from the environment: `CREDENTIAL_ISSUER_KEY`, else the dev key when `DEV_CHAIN_KEYS`.
 * @throws MissingIssuerKeyError when neither applies; Error for a malformed key
 */
export async function issuerKeyFromEnv(e: {
  CREDENTIAL_ISSUER_KEY?: string | undefined;
  DEV_CHAIN_KEYS: boolean;
}): Promise<IssuerKey> {
  if (e.CREDENTIAL_ISSUER_KEY) return issuerKeyFromSeed(seedFromSecretMultibase(e.CREDENTIAL_ISSUER_KEY));
  if (e.DEV_CHAIN_KEYS) return issuerKeyFromSeed(devIssuerSeed());
  throw new MissingIssuerKeyError();
}
