/**
 * Worker loop of the certificates feature (registered in src/worker/main.ts): issues PENDING certificates,
 * mints CLAIMABLE ones once their learner linked a wallet (poll-based claim) and renders the PDFs the web app
 * serves (pdf-store.ts). One runner across all
 * replicas (advisory lock `certificates:<chainId>`).
 */
import type { PrismaClient } from "@smolitux/db";
import type { PublicClient } from "viem";
import { chainEnabled, type Env } from "@/server/env.ts";
import { platformContracts } from "@/server/contracts.ts";
import { signerAddress } from "@/server/keys.ts";
import { createStorageFromEnv } from "@/server/storage/index.ts";
import { envIssuer } from "./wiring.ts";
import { getBranding } from "@/features/school/branding.ts";
import { ISSUER_NAME } from "./deps.ts";
import { advanceCertificates } from "./service.ts";
import { renderCertificatePdfs } from "./pdf-store.ts";
import { watchMints } from "./mint-watch.ts";

/** The subset of the worker context this loop uses (structurally compatible with WorkerContext). */
export interface CertificateLoopContext {
  env: Env;
  db: PrismaClient;
  client: PublicClient;
  log: {
    child(name: string): CertificateLoopContext["log"];
    info(msg: string, fields?: Record<string, unknown>): void;
    error(msg: string, fields?: Record<string, unknown>): void;
  };
}

/** A loop as the worker's runner expects it. */
export interface CertificateLoop {
  name: string;
  lockKey: string;
  intervalMs: number;
  tick(): Promise<unknown>;
}

/**
 * The certificates loop. The issuer key is loaded on the first tick; a missing key is logged per tick
 * (production refuses to start without CREDENTIAL_ISSUER_KEY already in env.ts).
 * @throws NoDeploymentError for a chain without contracts
 */
export function certificateLoops(ctx: CertificateLoopContext): CertificateLoop[] {
  const { env } = ctx;
  const log = ctx.log.child("certificates");
  const deps = {
    db: ctx.db,
    storage: createStorageFromEnv(env),
    issuer: () => envIssuer(env),
    contracts: platformContracts(env.CHAIN_ID),
    client: ctx.client,
    signerOf: (role: Parameters<typeof signerAddress>[0]) => signerAddress(role, env),
    appUrl: env.APP_URL,
    issuerName: ISSUER_NAME,
    now: () => new Date(),
    anchor: chainEnabled(env),
  };
  return [
    {
      name: "certificates",
      lockKey: `certificates:${env.CHAIN_ID}`,
      intervalMs: env.CERTIFICATE_POLL_INTERVAL_MS,
      async tick() {
        if (deps.anchor) {
          const w = await watchMints(deps);
          if (w.retried + w.revoked + w.revokesQueued > 0) log.info("certificate mints resolved", { ...w });
        }
        // The school's name (branding) is the issuer name of credentials issued from now on.
        deps.issuerName = (await getBranding(ctx.db)).name ?? ISSUER_NAME;
        const s = await advanceCertificates(deps, {
          onError: (id, err) =>
            log.error("certificate not advanced", {
              certificateId: id,
              error: err instanceof Error ? err.message.split("\n")[0] : String(err),
            }),
        });
        if (s.minting + s.claimable + s.failed > 0) log.info("certificates advanced", { ...s });
        // PDFs of issued certificates (new ones, and those whose contents changed: minted, renamed, re-branded)
        const pdfs = await renderCertificatePdfs(
          { ...deps, issuerName: ISSUER_NAME },
          {
            onError: (id, err) =>
              log.error("certificate PDF not rendered", {
                certificateId: id,
                error: err instanceof Error ? err.message.split("\n")[0] : String(err),
              }),
          },
        );
        if (pdfs > 0) log.info("certificate PDFs rendered", { count: pdfs });
        return { ...s, pdfs };
      },
    },
  ];
}
