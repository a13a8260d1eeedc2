/**
 * Local UnixFS import that yields the CID a Kubo node computes for the same bytes, without storing
 * anything (the blocks are hashed and dropped).
 *
 * Layout (IPFS UnixFS spec, CIDv1): the file is cut into fixed-size chunks of {@link IPFS_CHUNK_SIZE_BYTES}
 * (Kubo `--chunker=size-262144`, its default); each chunk is a `raw` leaf block (codec 0x55, Kubo
 * `--raw-leaves`, implied by `--cid-version=1`); leaves are linked by a balanced tree of dag-pb UnixFS
 * `file` nodes with at most {@link IPFS_MAX_LINKS} links each (Kubo's default `Import.UnixFSFileMaxLinks`);
 * a file of a single chunk is that raw leaf itself. Hash sha2-256, CIDs printed in base32.
 * These are Kubo's defaults with `cid-version=1`, so they hold on any Kubo node without config changes.
 */
import { unixfs } from "@helia/unixfs";
import { fixedSize } from "ipfs-unixfs-importer/chunker";
import { balanced } from "ipfs-unixfs-importer/layout";
import type { CID } from "multiformats/cid";

/** Chunk size in bytes (Kubo default chunker `size-262144`). */
export const IPFS_CHUNK_SIZE_BYTES = 262_144;
/** Maximum links per UnixFS file node in the balanced layout (Kubo default). */
export const IPFS_MAX_LINKS = 174;

/** The same parameters spelled as Kubo RPC `add` options (`/api/v0/add?cid-version=1&raw-leaves=true&…`). */
export const KUBO_ADD_OPTIONS = {
  cidVersion: 1,
  rawLeaves: true,
  chunker: `size-${IPFS_CHUNK_SIZE_BYTES}`,
  hashAlg: "sha2-256",
  trickle: false,
  pin: true,
} as const;

type Blockstore = Parameters<typeof unixfs>[0]["blockstore"];

/** A blockstore that only acknowledges writes: the importer needs somewhere to put blocks, we need only the root CID. */
const discardingBlockstore: Blockstore = {
  async put(cid) {
    return cid;
  },
  async has() {
    return false;
  },
  async *get(cid) {
    throw new Error(`block ${cid.toString()} was not kept`);
  },
};

/**
 * Computes the CIDv1 of a byte stream with Kubo's layout (see the module header).
 * @param chunkSize chunk size in bytes; only tests pass another value (to imitate a node configured differently)
 * @returns the root CID (base32 when printed)
 */
export async function computeUnixfsCid(
  bytes: AsyncIterable<Uint8Array>,
  chunkSize: number = IPFS_CHUNK_SIZE_BYTES,
): Promise<CID> {
  return unixfs({ blockstore: discardingBlockstore }).addByteStream(bytes, {
    cidVersion: 1,
    rawLeaves: true,
    reduceSingleLeafToSelf: true,
    chunker: fixedSize({ chunkSize }),
    layout: balanced({ maxChildrenPerNode: IPFS_MAX_LINKS }),
  });
}
