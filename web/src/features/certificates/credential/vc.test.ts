import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { describe, expect, it } from "vitest";
import {
  devIssuerSeed,
  issuerKeyFromEnv,
  issuerKeyFromSeed,
  MissingIssuerKeyError,
  seedFromSecretMultibase,
} from "./keys.ts";
import { buildCourseCredential, documentLoader, signCredential, verifyCredentialSignature } from "./vc.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../../../../test/fixtures/credentials/openbadges3-dcc-signed");
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8")) as Record<string, unknown>;

const input = {
  id: "http://localhost:3000/verify/cert1",
  issuerName: "Smolitux Academy",
  issuerUrl: "http://localhost:3000",
  achievement: {
    id: "http://localhost:3000/courses/git-novice",
    name: "Version Control with Git",
    description: "Git for novices",
    criteria: "Completed every required lesson and passed every quiz of the course.",
  },
  validFrom: new Date("2025-03-04T10:00:00.123Z"),
};

describe("Open Badges 3.0 credentials (eddsa-rdfc-2022)", () => {
  it("sign → verify round trip; the issuer is a did:key", async () => {
    const key = await issuerKeyFromSeed(new Uint8Array(32).fill(7));
    expect(key.did).toMatch(/^did:key:z6Mk/);
    const signed = await signCredential(buildCourseCredential(input, key.did), key, input.validFrom);
    expect(signed).toMatchObject({
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      validFrom: "2025-03-04T10:00:00Z",
      proof: { type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022", verificationMethod: key.verificationMethod },
    });
    const check = await verifyCredentialSignature(signed);
    expect(check).toEqual({ valid: true, errors: [], issuer: key.did, id: input.id });
  });

  it("detects tampering with the claims and a proof by another key", async () => {
    const key = await issuerKeyFromSeed(new Uint8Array(32).fill(7));
    const signed = await signCredential(buildCourseCredential(input, key.did), key);
    const tampered = structuredClone(signed);
    (tampered.credentialSubject as { achievement: { name: string } }).achievement.name = "Advanced Git";
    const r = await verifyCredentialSignature(tampered);
    expect(r.valid).toBe(false);
    expect(r.errors.join(" ")).toMatch(/invalid signature/i);

    const other = await issuerKeyFromSeed(new Uint8Array(32).fill(8));
    const forged = { ...signed, issuer: { id: other.did, type: ["Profile"], name: "Smolitux Academy" } };
    expect((await verifyCredentialSignature(forged)).valid).toBe(false);
  });

  it("the shared Open Badges fixtures: untampered ones valid, the tampered one invalid (offline)", async () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".json"));
    expect(files).toHaveLength(5);
    for (const f of files) {
      const r = await verifyCredentialSignature(fixture(f));
      if (f.includes("TAMPERED")) {
        expect(r.valid, f).toBe(false);
        expect(r.errors.join(" "), f).toMatch(/invalid signature/i);
      } else expect(r, f).toMatchObject({ valid: true, errors: [] });
    }
  });

  it("never fetches: an unknown context fails verification", async () => {
    const doc = fixture("ob3-teamwork.dataintegrity-eddsa-rdfc-2022.json");
    doc["@context"] = [...(doc["@context"] as string[]), "https://example.org/unknown-context.jsonld"];
    const r = await verifyCredentialSignature(doc);
    expect(r.valid).toBe(false);
    await expect(documentLoader()("https://example.org/unknown-context.jsonld")).rejects.toThrow();
  });
});

describe("issuer keys", () => {
  it("reads CREDENTIAL_ISSUER_KEY (Multikey secretKeyMultibase) and derives the same DID as the generator", async () => {
    const generated = await Ed25519Multikey.generate();
    const key = await issuerKeyFromEnv({ CREDENTIAL_ISSUER_KEY: generated.secretKeyMultibase, DEV_CHAIN_KEYS: false });
    expect(key.did).toBe(`did:key:${generated.publicKeyMultibase}`);
    expect(seedFromSecretMultibase(generated.secretKeyMultibase!)).toHaveLength(32);
  });

  it("uses the public dev key only with DEV_CHAIN_KEYS, and refuses to run without a key otherwise", async () => {
    const dev = await issuerKeyFromEnv({ DEV_CHAIN_KEYS: true });
    expect(dev.did).toBe((await issuerKeyFromSeed(devIssuerSeed())).did);
    await expect(issuerKeyFromEnv({ DEV_CHAIN_KEYS: false })).rejects.toBeInstanceOf(MissingIssuerKeyError);
    expect(() => seedFromSecretMultibase("z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q")).toThrow(/ed25519-priv/);
    expect(() => seedFromSecretMultibase("not-multibase")).toThrow(/multibase/);
  });
});
