/**
 * Integration (real PostgreSQL, fs storage, no chain): certificates issued offline (OFFLINE_MODE, deps.anchor
 * false) get their signed credential and metadata at once, stay CLAIMABLE and enqueue nothing; once the instance
 * anchors (deps.anchor true) and the learner has a wallet, the mint is enqueued with the stored metadata CID and
 * the credential is not re-issued.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPublicClient, http } from "viem";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { platformContracts } from "@/server/contracts.ts";
import { platformSigner, type SignerRole } from "@/server/keys.ts";
import { createFsStorage } from "@/server/storage/fs.ts";
import { devIssuerSeed, issuerKeyFromSeed } from "./credential/keys.ts";
import { ISSUER_NAME, type CertificateDeps } from "./deps.ts";
import { advanceCertificates } from "./service.ts";
import { verifyCertificate } from "./verify.ts";

let t: TestDatabase;
let dir: string;
let deps: CertificateDeps;
const DEV = { DEV_CHAIN_KEYS: true, CHAIN_ID: 31337 } as const;

beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), "cert-offline-"));
  const issuer = await issuerKeyFromSeed(devIssuerSeed());
  deps = {
    db: t.db,
    storage: createFsStorage(dir),
    issuer: async () => issuer,
    contracts: platformContracts(31337),
    // never called: nothing in this test reads the chain (port 9: nothing listens)
    client: createPublicClient({ chain: hardhat, transport: http("http://127.0.0.1:9") }),
    signerOf: (role: SignerRole) => platformSigner(role, DEV).address,
    appUrl: "http://school.lan",
    issuerName: "Dorfschule",
    now: () => new Date(),
    anchor: false,
  };
}, 60_000);
afterAll(async () => {
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("certificates offline, anchored later", () => {
  it("issues the credential offline without touching the outbox, then mints it unchanged once anchoring is on", async () => {
    const provider = await t.db.user.create({ data: { name: "P", roles: ["PROVIDER"] } });
    const course = await t.db.course.create({
      data: { slug: "offline-cert", title: "Offline", providerId: provider.id, status: "PUBLISHED" },
    });
    const pupil = await t.db.user.create({
      data: { username: "pupil", name: "Pupil", certificateNameConfirmedAt: new Date() },
    });
    // A wallet already linked: offline mode still must not enqueue a mint.
    await t.db.wallet.create({ data: { userId: pupil.id, address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" } });
    const cert = await t.db.certificate.create({ data: { userId: pupil.id, courseId: course.id, status: "PENDING" } });

    expect(await advanceCertificates(deps)).toEqual({ minting: 0, claimable: 1, failed: 0 });
    const offline = await t.db.certificate.findUniqueOrThrow({ where: { id: cert.id } });
    expect(offline).toMatchObject({ status: "CLAIMABLE", issuedOffline: true });
    expect(offline.metadataCid).toMatch(/^baf/);
    expect((offline.credential as { id?: string }).id).toBe(`http://school.lan/verify/${cert.id}`);
    expect(await t.db.outboxTx.count()).toBe(0);
    expect(await advanceCertificates(deps)).toEqual({ minting: 0, claimable: 0, failed: 0 }); // stays queued
    // The LAN /verify page: valid without a chain, issuer = the school's name signed into the credential (the web
    // process's deps carry the platform's name).
    const v = await verifyCertificate({ ...deps, issuerName: ISSUER_NAME }, cert.id);
    expect(v).toMatchObject({ valid: true, status: "CLAIMABLE", token: null, issuer: { name: "Dorfschule" } });
    expect(v?.credential).toMatchObject({ valid: true, trustedIssuer: true });

    const online = { ...deps, anchor: true, issuerName: ISSUER_NAME };
    expect(await advanceCertificates(online)).toEqual({ minting: 1, claimable: 0, failed: 0 });
    const minted = await t.db.certificate.findUniqueOrThrow({ where: { id: cert.id } });
    expect(minted.status).toBe("MINTING");
    expect(minted.credential).toEqual(offline.credential); // not re-issued
    expect(minted.metadataCid).toBe(offline.metadataCid);
    const tx = await t.db.outboxTx.findFirstOrThrow();
    expect(tx.idempotencyKey).toBe(`certificate:mint:${cert.id}`);
  });
});
