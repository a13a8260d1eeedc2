/**
 * IPFS storage driver: talks to a Kubo node over its HTTP RPC API (`kubo-rpc-client`, IPFS_API_URL).
 *
 * Keys: content addressing means the node, not the caller, names an object. put(key, …) validates the
 * caller's key (for symmetry with the other drivers) and returns `key = "ipfs/<cidv1-base32>"` plus `cid`;
 * get/size/delete/presignedGetUrl take that returned key and parse the CID out of it, so the app stores
 * the returned key (and MediaAsset.cid) exactly as for fs and s3. No key→CID table is needed.
 *
 * put: streams the body once, fanned out to (a) `POST /api/v0/add` on the node (CIDv1, raw leaves,
 * 256 KiB chunks, balanced layout, pinned — see ipfs-cid.ts) and (b) a local UnixFS import with the same
 * parameters (@helia/unixfs + multiformats), while metering size and SHA-256. If the node's CID differs
 * from the local one the node's pin is removed and StorageError("backend_error") is thrown: the CID we
 * record is one we computed ourselves, not one we trust the node for.
 *
 * "Stored" means "pinned by this node": get/size check the recursive pin first, so unpinned content (not
 * yet garbage-collected) reads as missing, and a CID the node does not hold is never fetched from the
 * network. All reads pass Kubo's `offline=true` for the same reason. delete removes the pin (`pin/rm`);
 * blocks go when the node runs its GC.
 *
 * Tests run this exact code against testing/kubo-rpc-server.ts, a Kubo-RPC-compatible HTTP server backed
 * by an in-process Helia node, so the HTTP encoding and response parsing of kubo-rpc-client are covered too.
 */
import { create, type KuboRPCClient } from "kubo-rpc-client";
import { CID } from "multiformats/cid";
import type { Readable } from "node:stream";
import { PassThrough, Readable as NodeReadable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { computeUnixfsCid, KUBO_ADD_OPTIONS } from "./ipfs-cid.ts";
import { assertValidRange, createMeter, fanOut, toReadable } from "./stream-util.ts";
import {
  assertValidKey,
  StorageError,
  type ByteRange,
  type ObjectStream,
  type StorageDriver,
  type StoredObject,
} from "./types.ts";

export interface IpfsStorageConfig {
  /** Kubo RPC API base URL, e.g. http://127.0.0.1:5001 (the RPC API is admin-level: keep it on loopback/private). */
  apiUrl: string;
  /** Gateway base URL for direct links, e.g. https://gateway.example; unset → presignedGetUrl returns null. */
  gatewayUrl?: string;
  /** A ready client (tests); built from apiUrl when omitted. */
  client?: KuboRPCClient;
}

const PREFIX = "ipfs/";
/** Kubo global flag: never fetch from the network, answer from the local repo only. */
const offline = () => new URLSearchParams({ offline: "true" });

/** The storage key of a CID: `ipfs/<cidv1-base32>`. */
export function ipfsKey(cid: CID): string {
  return `${PREFIX}${cid.toV1().toString()}`;
}

/**
 * Parses `ipfs/<cid>` (CIDv1 only, as put() returns).
 * @throws StorageError("invalid_key") for any other key
 */
export function parseIpfsKey(key: string): CID {
  assertValidKey(key);
  const text = key.startsWith(PREFIX) ? key.slice(PREFIX.length) : "";
  try {
    const cid = CID.parse(text);
    if (cid.version === 1) return cid;
  } catch {
    // falls through to invalid_key
  }
  throw new StorageError("invalid_key", `not an IPFS storage key (ipfs/<cidv1>): ${JSON.stringify(key)}`);
}

/** Creates the IPFS (Kubo RPC) driver; no request is made until first use. */
export function createIpfsStorage(config: IpfsStorageConfig): StorageDriver {
  const client = config.client ?? create({ url: config.apiUrl });
  const gateway = config.gatewayUrl?.replace(/\/+$/, "");

  async function isPinned(cid: CID): Promise<boolean> {
    try {
      for await (const pin of client.pin.ls({ paths: [cid], type: "recursive", searchParams: offline() })) {
        if (pin.cid.equals(cid)) return true;
      }
      return false;
    } catch (err) {
      if (/not pinned/i.test(message(err))) return false;
      throw backendError(`pin/ls ${cid}`, err);
    }
  }

  async function fileSize(cid: CID): Promise<number> {
    try {
      return (await client.files.stat(`/ipfs/${cid}`, { searchParams: offline() })).size;
    } catch (err) {
      throw backendError(`files/stat ${cid}`, err);
    }
  }

  return {
    kind: "ipfs",

    async put(key: string, body: Readable | Uint8Array, _contentType: string): Promise<StoredObject> {
      assertValidKey(key);
      const meter = createMeter();
      const toNode = new PassThrough();
      const toLocal = new PassThrough();
      const feeding = pipeline(toReadable(body), meter.stream, (metered: AsyncIterable<Buffer>) =>
        fanOut(metered, [toNode, toLocal]),
      );
      const adding = client.add(toNode, KUBO_ADD_OPTIONS).catch((err: unknown) => {
        toNode.destroy(err instanceof Error ? err : new Error(message(err)));
        throw err;
      });
      const computing = computeUnixfsCid(toLocal).catch((err: unknown) => {
        toLocal.destroy(err instanceof Error ? err : new Error(message(err)));
        throw err;
      });
      const [fed, added, local] = await Promise.allSettled([feeding, adding, computing]);
      if (fed.status === "rejected") {
        if (added.status === "fulfilled") await unpin(added.value.cid);
        throw fed.reason;
      }
      if (added.status === "rejected") throw backendError("add", added.reason);
      if (local.status === "rejected") {
        await unpin(added.value.cid);
        throw backendError("local CID computation", local.reason);
      }
      const nodeCid = added.value.cid.toV1();
      if (!nodeCid.equals(local.value)) {
        await unpin(added.value.cid);
        throw new StorageError(
          "backend_error",
          `IPFS node returned CID ${nodeCid} but the content's CID is ${local.value}: the node imports with other parameters`,
        );
      }
      return { key: ipfsKey(nodeCid), cid: nodeCid.toString(), ...meter.result() };
    },

    async get(key: string, range?: ByteRange): Promise<ObjectStream> {
      const cid = parseIpfsKey(key);
      assertValidRange(range);
      if (!(await isPinned(cid))) throw new StorageError("not_found", `no object at ${key}`);
      const sizeBytes = await fileSize(cid);
      const options = range
        ? { offset: range.start, length: Math.max(0, Math.min(range.end, sizeBytes - 1) - range.start + 1) }
        : {};
      const chunks = client.cat(cid, { ...options, searchParams: offline() });
      return { body: NodeReadable.from(chunks, { objectMode: false }), sizeBytes };
    },

    async size(key: string): Promise<number | null> {
      const cid = parseIpfsKey(key);
      return (await isPinned(cid)) ? fileSize(cid) : null;
    },

    async delete(key: string): Promise<void> {
      await unpin(parseIpfsKey(key));
    },

    /**
     * A gateway URL `<IPFS_GATEWAY_URL>/ipfs/<cid>`, or null without a gateway. Content-addressed URLs do
     * not expire: `expiresInSeconds` is ignored, so do not use IPFS for content that must stay protected.
     */
    async presignedGetUrl(key: string, _expiresInSeconds: number): Promise<string | null> {
      const cid = parseIpfsKey(key);
      return gateway ? `${gateway}/ipfs/${cid}` : null;
    },

    async health(): Promise<void> {
      try {
        await client.version();
      } catch (err) {
        throw backendError("version", err);
      }
    },
  };

  /** Removes the recursive pin; a CID that is not pinned is not an error. */
  async function unpin(cid: CID): Promise<void> {
    try {
      await client.pin.rm(cid, { recursive: true });
    } catch (err) {
      if (!/not pinned/i.test(message(err))) throw backendError(`pin/rm ${cid}`, err);
    }
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function backendError(what: string, err: unknown): StorageError {
  const e = new StorageError("backend_error", `IPFS ${what}: ${message(err)}`);
  e.cause = err;
  return e;
}
