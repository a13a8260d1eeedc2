/**
 * Next.js start-up hook (runs once per server process before any request). It registers the request
 * metrics (server/tracing.ts) and the lingering close of connections answered before their body was read
 * (server/security/lingering-close.ts). In offline mode
 * (`OFFLINE_MODE=true`) it installs the outbound connection guard (server/net-guard.ts): the web process
 * can then reach only loopback and `LAN_NETWORKS`; every refused attempt is logged.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Request-duration histogram from Next.js's own request spans (server/tracing.ts; nothing is exported).
  const { registerRequestMetrics } = await import("./server/tracing");
  registerRequestMetrics();
  const { installLingeringClose } = await import("./server/security/lingering-close");
  installLingeringClose();
  if (process.env.OFFLINE_MODE !== "true" && process.env.OFFLINE_MODE !== "1") return;
  const { env } = await import("./server/env");
  const { installNetGuard } = await import("./server/net-guard");
  installNetGuard({ lan: env().LAN_NETWORKS });
}
