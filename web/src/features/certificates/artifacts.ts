/**
 * Builds and stores the artifacts of one certificate: the SVG badge and the ERC-721 metadata (both
 * content-addressed in storage) and the signed Open Badges 3.0 credential. Deterministic for the same
 * inputs (the proof's `created` time is the completion time), so re-running after a crash stores the
 * same objects again.
 */
import type { Address } from "viem";
import { putContent } from "./content.ts";
import { verifyUrl, type CertificateDeps } from "./deps.ts";
import { buildCourseCredential, signCredential } from "./credential/vc.ts";
import { renderBadgeSvg } from "./nft/badge-svg.ts";
import { assertValidMetadata, buildMetadata, serializeMetadata, utcDate } from "./nft/metadata.ts";

/** What the artifacts are made of. */
export interface ArtifactInput {
  certificateId: string;
  course: { slug: string; title: string; subtitle: string | null };
  completedAt: Date;
  /** learner's name, only when they opted in */
  displayName: string | null;
  /** learner's wallet (credential subject `did:pkh`), when linked */
  wallet: Address | null;
}

/** The stored and signed artifacts. */
export interface Artifacts {
  metadataCid: string;
  metadataKey: string;
  imageCid: string;
  credential: Record<string, unknown>;
}

/**
 * Renders, validates and stores the badge and metadata; signs the credential.
 * @throws InvalidMetadataError (a bug), storage errors, MissingIssuerKeyError
 */
export async function buildArtifacts(deps: CertificateDeps, a: ArtifactInput): Promise<Artifacts> {
  const url = verifyUrl(deps.appUrl, a.certificateId);
  const image = await putContent(
    deps.storage,
    renderBadgeSvg({
      courseTitle: a.course.title,
      issuerName: deps.issuerName,
      date: utcDate(a.completedAt),
      displayName: a.displayName,
    }),
    "svg",
  );
  const metadata = buildMetadata({
    courseTitle: a.course.title,
    issuerName: deps.issuerName,
    completedAt: a.completedAt,
    imageCid: image.cid,
    verifyUrl: url,
    displayName: a.displayName,
  });
  assertValidMetadata(metadata);
  const stored = await putContent(deps.storage, serializeMetadata(metadata), "json");

  const issuer = await deps.issuer();
  const appUrl = deps.appUrl.replace(/\/+$/, "");
  const unsigned = buildCourseCredential(
    {
      id: url,
      issuerName: deps.issuerName,
      issuerUrl: appUrl,
      achievement: {
        id: `${appUrl}/courses/${encodeURIComponent(a.course.slug)}`,
        name: a.course.title,
        description: a.course.subtitle ?? `The course "${a.course.title}" on ${deps.issuerName}.`,
        criteria: "Completed every required lesson and passed every quiz of the course.",
      },
      subjectId: a.wallet ? `did:pkh:eip155:${deps.contracts.chainId}:${a.wallet}` : undefined,
      subjectName: a.displayName ?? undefined,
      validFrom: a.completedAt,
    },
    issuer.did,
  );
  const credential = await signCredential(unsigned, issuer, a.completedAt);
  return { metadataCid: stored.cid, metadataKey: stored.key, imageCid: image.cid, credential };
}
