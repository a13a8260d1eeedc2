/**
 * Integration (real PostgreSQL, fs storage, no chain): certificates issued offline (OFFLINE_MODE, deps.anchor
 * false) get their signed credential and metadata at once, stay CLAIMABLE and enqueue nothing; once the instance
 * anchors (deps.anchor true) and the learner has a wallet, the mint is enqueued with the stored metadata CID and
 * the credential is not re-issued.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../../../test/db.ts";
import { ISSUER_NAME, type CertificateDeps } from "./deps.ts";
import { advanceCertificates } from "./service.ts";
import { verifyCertificate } from "./verify.ts";
import { completedCourseCertificate, startCertificateTestbed, type CertificateTestbed } from "./testing/fixtures.ts";

let bed: CertificateTestbed;
let t: TestDatabase;
let deps: CertificateDeps;

beforeAll(async () => {
  bed = await startCertificateTestbed({ appUrl: "http://school.lan", issuerName: "Dorfschule", anchor: false });
  ({ t, deps } = bed);
}, 60_000);
afterAll(async () => {
  await bed?.close();
});

describe("certificates offline, anchored later", () => {
  it("issues the credential offline without touching the outbox, then mints it unchanged once anchoring is on", async () => {
    // A wallet already linked: offline mode still must not enqueue a mint.
    const { cert } = await completedCourseCertificate(
      t.db,
      {
        username: "pupil",
        name: "Pupil",
        certificateNameConfirmedAt: new Date(),
        wallets: { create: { address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" } },
      },
      { slug: "offline-cert", title: "Offline" },
    );

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
