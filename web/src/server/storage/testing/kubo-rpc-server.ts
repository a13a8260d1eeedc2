/**
 * Test-only: a Kubo-RPC-compatible HTTP server on 127.0.0.1 backed by an in-process Helia node
 * (`createHeliaLight`: in-memory blockstore and pins, no libp2p, no routers, no block brokers — it never
 * opens a connection beyond loopback). It implements the few RPC endpoints the IPFS driver uses, with
 * Kubo's request parameters and response shapes (https://docs.ipfs.tech/reference/kubo/rpc/):
 *   POST /api/v0/add?cid-version&raw-leaves&chunker=size-N&pin&hash  (multipart body, NDJSON answer)
 *   POST /api/v0/cat?arg=<cid>&offset&length                        (raw bytes)
 *   POST /api/v0/files/stat?arg=/ipfs/<cid>                         ({Hash,Size,CumulativeSize,Blocks,Type})
 *   POST /api/v0/pin/ls?arg=<cid>&type=recursive&stream=true        (NDJSON {Cid,Type,Name})
 *   POST /api/v0/pin/rm?arg=<cid>&recursive=true                    ({Pins:[cid]})
 *   POST /api/v0/version                                            ({Version,Commit,Repo,System,Golang})
 * Errors are HTTP 500 with Kubo's `{"Message","Code":0,"Type":"error"}`; unknown paths are 404.
 * Because the production driver's kubo-rpc-client talks to this over real HTTP, the driver's whole code
 * path (multipart streaming, query encoding, NDJSON parsing, error mapping) is exercised.
 */
import { unixfs } from "@helia/unixfs";
import { createHeliaLight } from "helia";
import { fixedSize } from "ipfs-unixfs-importer/chunker";
import { balanced } from "ipfs-unixfs-importer/layout";
import { CID } from "multiformats/cid";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { buffer } from "node:stream/consumers";
import { IPFS_MAX_LINKS } from "../ipfs-cid.ts";

export interface FakeKuboOptions {
  /** Imitates a node that ignores the requested chunker and always cuts chunks of this many bytes. */
  forceChunkSizeBytes?: number;
}

export interface FakeKubo {
  /** RPC base URL, http://127.0.0.1:<port> */
  readonly url: string;
  /** Paths requested so far, e.g. "/api/v0/cat", in order. */
  readonly requests: string[];
  /** CIDs (base32 v1) pinned recursively right now. */
  pinned(): Promise<string[]>;
  stop(): Promise<void>;
}

class KuboError extends Error {}

/** Starts the server on a free loopback port. */
export async function startFakeKubo(options: FakeKuboOptions = {}): Promise<FakeKubo> {
  const helia = createHeliaLight();
  await helia.start();
  const fs = unixfs(helia);
  const requests: string[] = [];

  const argCid = (q: URLSearchParams): CID => {
    const arg = (q.get("arg") ?? "").replace(/^\/ipfs\//, "");
    try {
      return CID.parse(arg);
    } catch {
      throw new KuboError(`invalid path "${arg}": invalid cid`);
    }
  };
  const requirePinned = async (cid: CID, message: string) => {
    if (!(await helia.pins.isPinned(cid))) throw new KuboError(message);
  };

  const routes: Record<string, (q: URLSearchParams, req: IncomingMessage, res: ServerResponse) => Promise<void>> = {
    async add(q, req, res) {
      const form = await new Request("http://kubo.test/", {
        method: "POST",
        headers: { "content-type": req.headers["content-type"] ?? "" },
        body: await buffer(req),
      }).formData();
      const file = form.get("file");
      if (!(file instanceof Blob)) throw new KuboError("file argument 'path' is required");
      const chunk = /^size-(\d+)$/.exec(q.get("chunker") ?? "size-262144")?.[1];
      if (!chunk) throw new KuboError(`unrecognized chunker option: ${q.get("chunker")}`);
      const cid = await fs.addBytes(new Uint8Array(await file.arrayBuffer()), {
        cidVersion: q.get("cid-version") === "1" ? 1 : 0,
        rawLeaves: q.get("raw-leaves") === "true",
        reduceSingleLeafToSelf: true,
        chunker: fixedSize({ chunkSize: options.forceChunkSizeBytes ?? Number(chunk) }),
        layout: balanced({ maxChildrenPerNode: IPFS_MAX_LINKS }),
      });
      if (q.get("pin") !== "false") for await (const _ of helia.pins.add(cid)) void _;
      res.setHeader("content-type", "application/json");
      res.end(`${JSON.stringify({ Name: cid.toString(), Hash: cid.toString(), Size: String(file.size) })}\n`);
    },
    async cat(q, _req, res) {
      const cid = argCid(q);
      const offset = q.has("offset") ? Number(q.get("offset")) : undefined;
      const length = q.has("length") ? Number(q.get("length")) : undefined;
      const chunks = fs.cat(cid, { offset, length, offline: true })[Symbol.asyncIterator]();
      const first = await chunks.next(); // fail with a JSON error before the 200 header when the block is missing
      res.setHeader("content-type", "text/plain");
      if (!first.done) res.write(first.value);
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) res.write(next.value);
      res.end();
    },
    async "files/stat"(q, _req, res) {
      const stat = await fs.stat(argCid(q), { offline: true });
      const body = { Hash: stat.cid.toString(), Size: Number(stat.size), CumulativeSize: Number(stat.size) };
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ...body, Blocks: stat.unixfs?.blockSizes.length ?? 0, Type: "file" }));
    },
    async "pin/ls"(q, _req, res) {
      const cid = argCid(q);
      await requirePinned(cid, `path '${q.get("arg")}' is not pinned`);
      res.setHeader("content-type", "application/json");
      res.end(`${JSON.stringify({ Cid: cid.toString(), Type: "recursive", Name: "" })}\n`);
    },
    async "pin/rm"(q, _req, res) {
      const cid = argCid(q);
      await requirePinned(cid, "not pinned or pinned indirectly");
      for await (const _ of helia.pins.rm(cid)) void _;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ Pins: [cid.toString()] }));
    },
    async version(_q, _req, res) {
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          Version: "0.39.0",
          Commit: "helia-test",
          Repo: "18",
          System: "amd64/linux",
          Golang: "go1.25",
        }),
      );
    },
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(url.pathname);
    const route = url.pathname.startsWith("/api/v0/") ? routes[url.pathname.slice(8)] : undefined;
    if (!route || req.method !== "POST") {
      res.writeHead(404, { "content-type": "text/plain" }).end("404 page not found");
      req.resume();
      return;
    }
    route(url.searchParams, req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy(); // Kubo too can only cut a stream that already started
      const message = err instanceof Error ? err.message : String(err);
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ Message: message, Code: 0, Type: "error" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async pinned() {
      const out: string[] = [];
      for await (const pin of helia.pins.ls()) out.push(pin.cid.toString());
      return out;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await helia.stop();
    },
  };
}
