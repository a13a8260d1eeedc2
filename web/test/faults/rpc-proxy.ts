/**
 * A faulty JSON-RPC proxy for fault-injection runs: forwards HTTP POSTs to `target` and, with probability
 * `rate`, injects one fault per request — `drop` (connection destroyed; half of them AFTER the request
 * reached the node, so the effect happened but the answer is lost), `error` (HTTP 502; half after
 * forwarding) or `delay` (100–600 ms before forwarding). Deterministic for a given `seed`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

/** Fault kinds and how often each was injected. */
export interface FaultCounts {
  requests: number;
  drop: number;
  error: number;
  delay: number;
}

/** A running proxy. */
export interface RpcProxy {
  url: string;
  counts: FaultCounts;
  /** Stops injecting faults (everything is forwarded). */
  calm(): void;
  close(): Promise<void>;
}

/** Mulberry32: small deterministic PRNG (uniform in [0, 1)). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Starts the proxy on 127.0.0.1 (random port). */
export async function startRpcProxy(target: string, opts: { rate: number; seed: number }): Promise<RpcProxy> {
  const counts: FaultCounts = { requests: 0, drop: 0, error: 0, delay: 0 };
  const rand = prng(opts.seed);
  let rate = opts.rate;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  const forward = (body: Buffer, headers: http.IncomingHttpHeaders) =>
    new Promise<{ status: number; body: Buffer; type: string }>((resolve, reject) => {
      const req = http.request(
        target,
        { method: "POST", agent, headers: { "content-type": headers["content-type"] ?? "application/json" } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 502,
              body: Buffer.concat(chunks),
              type: String(res.headers["content-type"] ?? "application/json"),
            }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        counts.requests++;
        const body = Buffer.concat(chunks);
        const roll = rand();
        const kind = roll < rate ? (["drop", "error", "delay"] as const)[Math.floor(rand() * 3)] : null;
        const after = rand() < 0.5;
        if (kind) counts[kind]++;
        if (kind === "delay") await new Promise((r) => setTimeout(r, 100 + Math.floor(rand() * 500)));
        if ((kind === "drop" || kind === "error") && !after) {
          if (kind === "drop") req.socket.destroy();
          else res.writeHead(502, { "content-type": "text/plain" }).end("injected fault");
          return;
        }
        let answer;
        try {
          answer = await forward(body, req.headers);
        } catch {
          res.writeHead(502, { "content-type": "text/plain" }).end("upstream unreachable");
          return;
        }
        if (kind === "drop") return void req.socket.destroy();
        if (kind === "error") return void res.writeHead(502, { "content-type": "text/plain" }).end("injected fault");
        res.writeHead(answer.status, { "content-type": answer.type }).end(answer.body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    calm: () => (rate = 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}
