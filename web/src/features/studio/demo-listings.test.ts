/** Integration: the dev stack lists the seeded crypto-priced demo course on the local chain via the outbox. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { zeroAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformContracts } from "@/server/contracts.ts";
import { signerAddress } from "@/server/keys.ts";
import { createFsStorage } from "@/server/storage/fs.ts";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { seed } from "./import/demo-seed.ts";
import { listDemoCourses } from "./demo-listings.ts";

const DEV = { DEV_CHAIN_KEYS: true, CHAIN_ID: 31337 } as const;
const deps = {
  contracts: platformContracts(31337),
  signerOf: (r: Parameters<typeof signerAddress>[0]) => signerAddress(r, DEV),
};
let t: TestDatabase;
let dir: string;
let courseIds: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), "smolitux-demo-listings-"));
  courseIds = (await seed(t.db, createFsStorage(dir))).courses.map((c) => c.courseId);
}, 60_000);
afterAll(async () => {
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("listDemoCourses", () => {
  it("lists each crypto price of the published demo course once, with the dev payout account", async () => {
    const keys = await listDemoCourses(t.db, deps, courseIds, true);
    expect(keys).toHaveLength(2); // git-novice in POL and ESN; solidity-by-example is free
    const rows = await t.db.outboxTx.findMany({ select: { kind: true, payload: true } });
    const args = rows.map((r) => (r.payload as { args: Record<string, unknown> }).args);
    expect(rows.every((r) => r.kind === "listCourse")).toBe(true);
    expect(args.map((a) => a.token).sort()).toEqual([zeroAddress, deps.contracts.ESNToken.address].sort());
    // Hardhat account #7 of the public test mnemonic
    expect(new Set(args.map((a) => a.provider))).toEqual(new Set(["0x14dC79964da2C08b23698B3D3cc7Ca32193d9955"]));
    expect(await listDemoCourses(t.db, deps, courseIds, true)).toEqual([]);
  });

  it("refuses to run outside the local dev chain", async () => {
    await expect(listDemoCourses(t.db, deps, courseIds, false)).rejects.toThrow(/DEV_CHAIN_KEYS/);
  });
});
