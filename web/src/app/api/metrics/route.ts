/**
 * GET /api/metrics — Prometheus text exposition (request latency by route, indexer lag, outbox queue,
 * webhooks, certificates). Requires `Authorization: Bearer <METRICS_TOKEN>`; 404 while METRICS_TOKEN is unset.
 */
import { indexerFinality } from "@/features/indexer/config";
import { registerPlatformGauges } from "@/features/observability/register";
import { publicClient } from "@/server/chain";
import { db } from "@/server/db";
import { chainEnabled, env } from "@/server/env";
import { ApiError, route } from "@/server/http";
import { logger } from "@/server/logger";
import { bearerTokenMatches, renderMetrics } from "@/server/metrics";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => {
  const e = env();
  if (!e.METRICS_TOKEN) throw new ApiError("not_found", "Metrics are not enabled on this server.");
  if (!bearerTokenMatches(request.headers.get("authorization"), e.METRICS_TOKEN)) {
    throw new ApiError("unauthenticated", "A valid bearer token is required.");
  }
  registerPlatformGauges({
    db: db(),
    chainId: e.CHAIN_ID,
    client: chainEnabled(e) ? publicClient() : undefined,
    finality: indexerFinality(e),
    onError: (gauge, err) => logger("metrics").warn("metrics collector failed", { gauge, error: err }),
  });
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
