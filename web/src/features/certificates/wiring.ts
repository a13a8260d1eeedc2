/**
 * Process-wide certificate dependencies for route handlers, pages and the worker (env-configured
 * storage driver, issuer key, contracts of CHAIN_ID, RPC client, outbox signer addresses).
 */
import { db } from "@/server/db.ts";
import { chainEnabled, env, type Env } from "@/server/env.ts";
import { publicClient } from "@/server/chain.ts";
import { platformContracts } from "@/server/contracts.ts";
import { signerAddress } from "@/server/keys.ts";
import { storage } from "@/server/storage/index.ts";
import { issuerKeyFromEnv, type IssuerKey } from "./credential/keys.ts";
import { ISSUER_NAME, type CertificateDeps } from "./deps.ts";

let issuer: Promise<IssuerKey> | undefined;

/** The issuer key of the environment, loaded once (a failed load is retried on the next call). */
export function envIssuer(e: Env = env()): Promise<IssuerKey> {
  issuer ??= issuerKeyFromEnv(e).catch((err: unknown) => {
    issuer = undefined;
    throw err;
  });
  return issuer;
}

/** Certificate deps of the web app and worker. */
export function appCertificateDeps(): CertificateDeps {
  const e = env();
  return {
    db: db(),
    storage: storage(),
    issuer: () => envIssuer(e),
    contracts: platformContracts(e.CHAIN_ID),
    client: publicClient(),
    signerOf: (role) => signerAddress(role, e),
    appUrl: e.APP_URL,
    issuerName: ISSUER_NAME,
    now: () => new Date(),
    anchor: chainEnabled(e),
  };
}
