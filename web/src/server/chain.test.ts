import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createPublicClient } from "viem";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { rpcTransport, rpcUrls } from "./chain";

/** A JSON-RPC endpoint that answers eth_chainId with `chainId` (or HTTP 503 when `down`) and counts calls. */
function endpoint(chainId: number, down = false) {
  let calls = 0;
  const server: Server = createServer((req, res) => {
    calls++;
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (down) return res.writeHead(503).end("unavailable");
      const { id } = JSON.parse(body) as { id: number };
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ jsonrpc: "2.0", id, result: `0x${chainId.toString(16)}` }));
    });
  });
  return {
    server,
    calls: () => calls,
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
}

const down = endpoint(31337, true);
const up = endpoint(31337);
beforeAll(async () => {
  await Promise.all([down, up].map((e) => new Promise<void>((r) => e.server.listen(0, "127.0.0.1", r))));
});
afterAll(() => {
  down.server.close();
  up.server.close();
});

describe("RPC failover", () => {
  it("RPC_URL takes one URL or a comma-separated list; anything else is refused by name", () => {
    expect(
      rpcUrls(parseEnv({ DATABASE_URL: "postgres://x", RPC_URL: "https://a.example, https://b.example/v2" })),
    ).toEqual(["https://a.example", "https://b.example/v2"]);
    expect(() => parseEnv({ DATABASE_URL: "postgres://x", RPC_URL: "https://a.example,ftp://b" })).toThrow(/RPC_URL/);
    expect(() => parseEnv({ DATABASE_URL: "postgres://x", RPC_URL: "" })).toThrow(/RPC_URL/);
  });

  it("a failing first endpoint is skipped: the request is answered by the next one", async () => {
    const client = createPublicClient({ chain: hardhat, transport: rpcTransport([down.url(), up.url()], 2_000) });
    expect(await client.getChainId()).toBe(31337);
    expect(down.calls()).toBeGreaterThan(0);
    expect(up.calls()).toBeGreaterThan(0);
  }, 20_000);
});
