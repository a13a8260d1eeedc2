/**
 * GET /api/health — database, chain (chainId, latest block; `disabled` in offline mode), storage and card
 * payment status; 503 names what fails. `worker` reports the worker's last heartbeat (`ok` / `stale` / `unknown`;
 * informational, never failing: the web app serves without a worker).
 * GET /api/health?probe=live — liveness only (`{"status":"alive"}`, no dependency checks): an outage of a
 * dependency makes a replica unready, it must not make Kubernetes restart it.
 */
import { NextResponse } from "next/server";
import { checkHealth } from "@/features/health/health";
import { publicClient } from "@/server/chain";
import { db } from "@/server/db";
import { chainEnabled, env } from "@/server/env";
import { route } from "@/server/http";
import { cardPaymentsEnabled } from "@/server/stripe";
import { storage } from "@/server/storage";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request): Promise<Response> => {
  if (new URL(request.url).searchParams.get("probe") === "live") {
    return NextResponse.json({ status: "alive" }, { headers: { "cache-control": "no-store" } });
  }
  const e = env();
  const report = await checkHealth({
    pingDatabase: async () => {
      await db().$queryRaw`SELECT 1`;
    },
    chainInfo: chainEnabled(e)
      ? async () => {
          const client = publicClient();
          const [chainId, latestBlock] = await Promise.all([client.getChainId(), client.getBlockNumber()]);
          return { chainId, latestBlock };
        }
      : null,
    offline: e.OFFLINE_MODE,
    cardPayments: cardPaymentsEnabled(e),
    expectedChainId: e.CHAIN_ID,
    storageDriver: e.STORAGE_DRIVER,
    pingStorage: () => storage().health(),
    workerHeartbeat: async () => (await db().workerHeartbeat.aggregate({ _max: { beatAt: true } }))._max.beatAt ?? null,
  });
  return NextResponse.json(report, {
    status: report.failing.length ? 503 : 200,
    headers: { "cache-control": "no-store" },
  });
});
