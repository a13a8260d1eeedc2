import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { CID } from "multiformats/cid";
import { sha256 } from "multiformats/hashes/sha2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFsStorage } from "@/server/storage/fs.ts";
import type { StorageDriver } from "@/server/storage/types.ts";
import { CidMismatchError, cidOf, contentKey, getContent, isCidV1, putContent } from "./content.ts";

let dir: string;
let storage: StorageDriver;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cert-content-"));
  storage = createFsStorage(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const bytes = (s: string) => new TextEncoder().encode(s);

describe("content-addressed certificate objects", () => {
  it("computes the same CIDv1 for the same bytes, a different one for other bytes", async () => {
    const a = await cidOf(bytes('{"name":"x"}'));
    expect(a).toBe(await cidOf(bytes('{"name":"x"}')));
    expect(a).not.toBe(await cidOf(bytes('{"name":"y"}')));
    // small files are a single raw leaf: CIDv1, base32, raw codec, sha2-256 → "bafkrei…"
    expect(a).toMatch(/^bafkrei[a-z2-7]{52}$/);
    expect(isCidV1(a)).toBe(true);
    expect(isCidV1("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG")).toBe(false);
  });

  it("equals the raw-leaf CID computed independently (CIDv1, codec raw 0x55, sha2-256 of the bytes)", async () => {
    const data = bytes("hello world\n");
    const independent = CID.createV1(0x55, await sha256.digest(data)).toString();
    expect(await cidOf(data)).toBe(independent);
    // the well-known `ipfs add --cid-version=1` result for "hello world\n"
    expect(independent).toBe("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
  });

  it("stores by CID and reads back with its content type; storing twice is idempotent", async () => {
    const json = bytes('{"a":1}');
    const first = await putContent(storage, json, "json");
    const second = await putContent(storage, json, "json");
    expect(second).toEqual(first);
    expect(first.key).toBe(contentKey(first.cid, "json"));
    const svg = await putContent(storage, bytes("<svg/>"), "svg");
    expect(await getContent(storage, first.cid)).toEqual({ bytes: json, contentType: "application/json" });
    expect((await getContent(storage, svg.cid))?.contentType).toBe("image/svg+xml");
    expect(await getContent(storage, await cidOf(bytes("never stored")))).toBeNull();
    expect(await getContent(storage, "not-a-cid")).toBeNull();
  });

  it("refuses stored bytes that no longer match their CID", async () => {
    const { cid, key } = await putContent(storage, bytes('{"b":2}'), "json");
    await writeFile(path.join(dir, key), '{"b":3}');
    await expect(getContent(storage, cid)).rejects.toBeInstanceOf(CidMismatchError);
  });
});
