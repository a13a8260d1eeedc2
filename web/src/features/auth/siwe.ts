/**
 * Sign-In With Ethereum (EIP-4361) with viem/siwe. The server issues single-use nonces (SiweNonce rows,
 * valid {@link NONCE_TTL_SECONDS}); a proof is accepted only when the message's domain is APP_URL's host,
 * its `uri` is on APP_URL's origin, its chain id is CHAIN_ID, the signature verifies (EOA via ECDSA, smart accounts via ERC-1271/6492 on the
 * public client) and the nonce is consumed atomically (a replay of the same message fails).
 */
import type { PrismaClient } from "@smolitux/db";
import { getAddress, type Address, type PublicClient } from "viem";
import { generateSiweNonce, parseSiweMessage } from "viem/siwe";
import { ApiError } from "@/server/http.ts";
import type { SiweProof } from "./schemas.ts";

/** Lifetime of a nonce in seconds. */
export const NONCE_TTL_SECONDS = 600;

/** Why a SIWE proof was refused (stable codes, shown to the UI). */
export type SiweFailure =
  "invalid_message" | "domain_mismatch" | "uri_mismatch" | "chain_mismatch" | "invalid_signature" | "nonce_invalid";

const MESSAGES: Record<SiweFailure, string> = {
  invalid_message: "The message is not a valid Sign-In With Ethereum message.",
  domain_mismatch: "The message was created for another website.",
  uri_mismatch: "The message names another website's address.",
  chain_mismatch: "The message was signed for another chain.",
  invalid_signature: "The signature does not match the message (or the message has expired).",
  nonce_invalid: "The sign-in request is unknown, expired or already used. Please try again.",
};

/** A refused SIWE proof: 422 with `fields.signature = reason`. */
export class SiweError extends ApiError {
  constructor(readonly reason: SiweFailure) {
    super("unprocessable", MESSAGES[reason], { signature: reason });
    this.name = "SiweError";
  }
}

/** Issues a fresh nonce (also deletes nonces that expired over a day ago). */
export async function issueNonce(
  db: PrismaClient,
  now: Date = new Date(),
): Promise<{ nonce: string; expiresAt: Date }> {
  const nonce = generateSiweNonce();
  const expiresAt = new Date(now.getTime() + NONCE_TTL_SECONDS * 1000);
  await db.siweNonce.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 86_400_000) } } });
  await db.siweNonce.create({ data: { nonce, expiresAt, createdAt: now } });
  return { nonce, expiresAt };
}

/** What the server expects of a message: domain = APP_URL host, uri on APP_URL's origin, chain id = CHAIN_ID. */
export interface SiweExpectations {
  domain: string;
  /** origin the message's `uri` must have (WHATWG URL parsing) */
  origin: string;
  chainId: number;
  now?: Date;
}

/** The expectations for this deployment: domain and origin of APP_URL, chain CHAIN_ID. */
export function siweExpectations(appUrl: string, chainId: number): SiweExpectations {
  const url = new URL(appUrl);
  return { domain: url.host, origin: url.origin, chainId };
}

function originOf(uri: string | undefined): string | null {
  try {
    return uri ? new URL(uri).origin : null;
  } catch {
    return null;
  }
}

/** The part of a viem public client used to verify signatures. */
export type SiweVerifier = Pick<PublicClient, "verifySiweMessage">;

/**
 * Verifies a signed EIP-4361 message and consumes its nonce.
 * @returns the signer's checksummed address
 * @throws SiweError (422) with the reason
 */
export async function verifySiweProof(
  db: PrismaClient,
  client: SiweVerifier,
  proof: SiweProof,
  expected: SiweExpectations,
): Promise<Address> {
  const now = expected.now ?? new Date();
  let parsed: ReturnType<typeof parseSiweMessage>;
  try {
    parsed = parseSiweMessage(proof.message);
  } catch {
    throw new SiweError("invalid_message");
  }
  if (!parsed.address || !parsed.nonce || !parsed.domain || parsed.chainId === undefined) {
    throw new SiweError("invalid_message");
  }
  if (parsed.domain !== expected.domain) throw new SiweError("domain_mismatch");
  if (originOf(parsed.uri) !== expected.origin) throw new SiweError("uri_mismatch");
  if (parsed.chainId !== expected.chainId) throw new SiweError("chain_mismatch");
  const valid = await client
    .verifySiweMessage({
      message: proof.message,
      signature: proof.signature,
      domain: expected.domain,
      nonce: parsed.nonce,
      time: now,
    })
    .catch(() => false);
  if (!valid) throw new SiweError("invalid_signature");
  // Single use: only one request can flip usedAt from null (row-level atomic UPDATE … WHERE usedAt IS NULL).
  const consumed = await db.siweNonce.updateMany({
    where: { nonce: parsed.nonce, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (consumed.count !== 1) throw new SiweError("nonce_invalid");
  return getAddress(parsed.address);
}
