/** Real SIWE proofs for tests: a fresh local account signs an EIP-4361 message for a server nonce. */
import type { PrismaClient } from "@smolitux/db";
import { createPublicClient, custom, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { createSiweMessage } from "viem/siwe";
import { issueNonce } from "@/features/auth/siwe.ts";

/** A public client whose RPC is unreachable (no network in tests): EOA signatures verify by ECDSA. */
export const offlineClient = createPublicClient({
  chain: hardhat,
  transport: custom(
    {
      async request() {
        throw new Error("no network in tests");
      },
    },
    { retryCount: 0 },
  ),
});

/** A new random wallet. */
export function randomWallet(): PrivateKeyAccount {
  return privateKeyToAccount(generatePrivateKey());
}

/** Signs a SIWE message; fields default to a valid proof for `localhost:3000` on chain 31337. */
export async function signSiwe(
  account: PrivateKeyAccount,
  opts: { nonce: string; domain?: string; uri?: string; chainId?: number; expirationTime?: Date; issuedAt?: Date },
): Promise<{ message: string; signature: Hex }> {
  const domain = opts.domain ?? "localhost:3000";
  const message = createSiweMessage({
    address: account.address,
    chainId: opts.chainId ?? 31337,
    domain,
    nonce: opts.nonce,
    uri: opts.uri ?? `http://${domain}`,
    version: "1",
    statement: "Sign in to Smolitux Academy.",
    issuedAt: opts.issuedAt ?? new Date(),
    expirationTime: opts.expirationTime,
  });
  return { message, signature: await account.signMessage({ message }) };
}

/** Issues a server nonce in `db` and signs a valid proof with `account`. */
export async function siweProof(db: PrismaClient, account: PrivateKeyAccount) {
  const { nonce } = await issueNonce(db);
  return signSiwe(account, { nonce });
}
