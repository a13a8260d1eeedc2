/**
 * Pasted-credential verdicts (issue 11 item 9): VALID only for our key + existing unrevoked certificate; another
 * issuer's correct signature is FOREIGN ("signed by another issuer — not issued here"); our DID with a bad proof is
 * INVALID and never "issued by this platform"; malformed ids/URLs are 400 at the route.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { createCourse, createUser } from "../learning/testing/fixtures.ts";
import { issuerKeyFromSeed, type IssuerKey } from "./credential/keys.ts";
import { buildCourseCredential, signCredential } from "./credential/vc.ts";
import { verifyUrl, type CertificateDeps } from "./deps.ts";
import { postedCredentialSchema, verifyPostedCredential } from "./verify-posted.ts";

const APP = "http://localhost:3000";
let t: TestDatabase;
let ours: IssuerKey;
let other: IssuerKey;
let deps: CertificateDeps;
let certId: string;

const credentialFor = (id: string, key: IssuerKey) =>
  signCredential(
    buildCourseCredential(
      {
        id: verifyUrl(APP, id),
        issuerName: "Smolitux Academy",
        issuerUrl: APP,
        achievement: { id: `${APP}/courses/x`, name: "X", description: "X", criteria: "Completed X." },
        validFrom: new Date("2026-01-01T00:00:00Z"),
      },
      key.did,
    ),
    key,
  );

beforeAll(async () => {
  t = await createTestDatabase();
  ours = await issuerKeyFromSeed(new Uint8Array(32).fill(21));
  other = await issuerKeyFromSeed(new Uint8Array(32).fill(22));
  deps = { db: t.db, appUrl: APP, issuer: async () => ours } as unknown as CertificateDeps;
  const c = await createCourse(t.db);
  const learner = await createUser(t.db, "Learner");
  certId = (
    await t.db.certificate.create({
      data: { userId: learner.id, courseId: c.courseId, status: "ISSUED" },
      select: { id: true },
    })
  ).id;
});

afterAll(async () => {
  await t.drop();
});

describe("verifyPostedCredential", () => {
  it("VALID: our key, an existing certificate that is not revoked", async () => {
    const r = await verifyPostedCredential(deps, await credentialFor(certId, ours));
    expect(r).toMatchObject({ verdict: "VALID", valid: true, trustedIssuer: true, certificateId: certId, errors: [] });
  });

  it("FOREIGN: a correct signature by another issuer is never valid", async () => {
    const r = await verifyPostedCredential(deps, await credentialFor(certId, other));
    expect(r).toMatchObject({ verdict: "FOREIGN", valid: false, trustedIssuer: false, issuer: other.did });
    expect(r.errors).toContain("signed by another issuer — not issued here");
  });

  it("INVALID: our DID with a proof by another key, or tampered claims — not 'issued by this platform'", async () => {
    const forged = await credentialFor(certId, other);
    forged.issuer = { id: ours.did, type: ["Profile"], name: "Smolitux Academy" };
    const r = await verifyPostedCredential(deps, forged);
    expect(r).toMatchObject({ verdict: "INVALID", valid: false, trustedIssuer: false, issuer: ours.did });

    const tampered = await credentialFor(certId, ours);
    (tampered.credentialSubject as { achievement: { name: string } }).achievement.name = "Y";
    expect(await verifyPostedCredential(deps, tampered)).toMatchObject({ verdict: "INVALID", trustedIssuer: false });
  });

  it("INVALID: our key but no such certificate, or a revoked one", async () => {
    const unknown = await verifyPostedCredential(deps, await credentialFor("nosuchcert", ours));
    expect(unknown).toMatchObject({ verdict: "INVALID", certificateId: null });
    expect(unknown.errors).toContain("no certificate with this id was issued here");
    const undecodable = await verifyPostedCredential(deps, await credentialFor("%E0%A4%A", ours));
    expect(undecodable).toMatchObject({ verdict: "INVALID", certificateId: null });

    await t.db.certificate.update({ where: { id: certId }, data: { status: "REVOKED", revokedAt: new Date() } });
    const revoked = await verifyPostedCredential(deps, await credentialFor(certId, ours));
    expect(revoked).toMatchObject({ verdict: "INVALID", revoked: true, trustedIssuer: false });
    await t.db.certificate.update({ where: { id: certId }, data: { status: "ISSUED", revokedAt: null } });
  });
});

describe("postedCredentialSchema (400 before verification)", () => {
  const base = { "@context": ["https://www.w3.org/ns/credentials/v2"], proof: {}, issuer: "did:key:z6Mkabc" };
  it.each([
    ["id with a space", { ...base, id: "http://exa mple.org/x" }],
    ["id that is no URL", { ...base, id: "not a url" }],
    ["unterminated IPv6 host", { ...base, id: "http://[::1" }],
    ["issuer id with a control character", { ...base, issuer: { id: "did:key:\u0001" } }],
    ["subject id that is not a URI", { ...base, credentialSubject: { id: "%%%" } }],
    ["issuer missing", { "@context": base["@context"], proof: {} }],
    ["id of 3000 characters", { ...base, id: `https://example.org/${"a".repeat(3000)}` }],
  ])("rejects %s", (_name, value) => {
    expect(postedCredentialSchema.safeParse(value).success).toBe(false);
  });
  it("accepts URLs and DIDs", () => {
    expect(
      postedCredentialSchema.safeParse({
        ...base,
        id: "urn:uuid:1234",
        credentialSubject: { id: "did:pkh:eip155:1:0xab" },
      }).success,
    ).toBe(true);
  });
});
