/**
 * Integration (real PostgreSQL, fs storage, no chain): nothing is minted before the learner chose the name on
 * their certificates (issue 14 item 5) — with a wallet linked, a completed course's certificate stays
 * CLAIMABLE and anonymous; the explicit choice (their name, or none) rebuilds it and enqueues the mint with
 * exactly that name. The owner's read models show the choice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../../../test/db.ts";
import { ISSUER_NAME, type CertificateDeps } from "./deps.ts";
import { completionMoment, ownerCertificate } from "./owner.ts";
import { myCertificates } from "./queries.ts";
import { advanceCertificates, setShowName } from "./service.ts";
import { completedCourseCertificate, startCertificateTestbed, type CertificateTestbed } from "./testing/fixtures.ts";

let bed: CertificateTestbed;
let t: TestDatabase;
let deps: CertificateDeps;

beforeAll(async () => {
  // minting is only enqueued here: the chain is never called
  bed = await startCertificateTestbed({ appUrl: "http://academy.test", issuerName: ISSUER_NAME, anchor: true });
  ({ t, deps } = bed);
}, 60_000);
afterAll(async () => {
  await bed?.close();
});

/** A learner with a linked wallet and a completed course (PENDING certificate, as the completion hook leaves it). */
const completed = (name: string | null, wallet: string) =>
  completedCourseCertificate(t.db, { name, wallets: { create: { address: wallet } } }, { title: "Naming" });

describe("the name on a certificate is chosen before it is minted", () => {
  it("waits with a linked wallet; the chosen name is what gets minted", async () => {
    const { learner, course, cert } = await completed("Ada", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    expect(await advanceCertificates(deps)).toEqual({ minting: 0, claimable: 1, failed: 0 });
    expect(await t.db.certificate.findUniqueOrThrow({ where: { id: cert.id } })).toMatchObject({
      status: "CLAIMABLE",
      displayName: null,
    });
    expect(await t.db.outboxTx.count()).toBe(0);
    expect(await advanceCertificates(deps)).toEqual({ minting: 0, claimable: 0, failed: 0 }); // still waiting
    const before = await myCertificates(deps, learner.id);
    expect(before).toMatchObject({ nameConfirmed: false, name: "Ada" });
    expect((await ownerCertificate(t.db, deps.appUrl, learner.id, cert.id))!.holder.confirmed).toBe(false);
    expect(await completionMoment(t.db, learner.id, course.id)).toMatchObject({ certificateId: cert.id });

    // The learner corrects the name and opts in: rebuilt, then the mint is enqueued with that name.
    expect(await setShowName(deps, learner.id, true, "  Ada Lovelace ")).toBe(1);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: learner.id } })).name).toBe("Ada Lovelace");
    expect(await advanceCertificates(deps)).toEqual({ minting: 1, claimable: 0, failed: 0 });
    const minting = await t.db.certificate.findUniqueOrThrow({ where: { id: cert.id } });
    expect(minting).toMatchObject({ status: "MINTING", displayName: "Ada Lovelace" });
    expect(await t.db.outboxTx.count({ where: { idempotencyKey: `certificate:mint:${cert.id}` } })).toBe(1);
    const owner = (await ownerCertificate(t.db, deps.appUrl, learner.id, cert.id))!;
    expect(owner).toMatchObject({
      holder: { confirmed: true, showName: true, name: "Ada Lovelace" },
      verifyUrl: `http://academy.test/verify/${cert.id}`,
      hasCredential: true,
    });
    // Someone else's certificate is not theirs to see here.
    const other = await t.db.user.create({ data: {} });
    expect(await ownerCertificate(t.db, deps.appUrl, other.id, cert.id)).toBeNull();
  });

  it("an explicit 'no name' also unlocks minting; showing a name needs one", async () => {
    const { learner, cert } = await completed(null, "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
    await advanceCertificates(deps);
    await expect(setShowName(deps, learner.id, true)).rejects.toMatchObject({ code: "validation_failed" });
    expect(await setShowName(deps, learner.id, false)).toBe(1);
    expect(await advanceCertificates(deps)).toEqual({ minting: 1, claimable: 0, failed: 0 });
    expect(await t.db.certificate.findUniqueOrThrow({ where: { id: cert.id } })).toMatchObject({
      status: "MINTING",
      displayName: null,
    });
  });
});
