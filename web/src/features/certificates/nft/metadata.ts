/**
 * ERC-721 token metadata of a course certificate (EIP-721 "ERC721 Metadata JSON Schema": name,
 * description, image; plus the widely used OpenSea-style `attributes` and `external_url`).
 *
 * Privacy rule: the metadata (public, content-addressed, referenced on-chain) holds the course, the
 * issuer, the date and the public verification URL — never the learner's e-mail, user id or wallet. The
 * learner's name appears ONLY when they opted in (`displayName` given).
 *
 * Serialization is canonical (fixed key order, no whitespace, UTF-8) so the same certificate always has
 * the same bytes and therefore the same CID.
 */
import { Ajv } from "ajv";
import { z } from "zod";
import erc721MetadataSchema from "./erc721-metadata.schema.json";

/** One OpenSea-style attribute. */
export interface MetadataAttribute {
  trait_type: string;
  value: string;
}

/** The metadata JSON stored for a certificate token. */
export interface CertificateMetadata {
  name: string;
  description: string;
  /** `ipfs://<cid>` of the SVG badge */
  image: string;
  /** public verification page */
  external_url: string;
  attributes: MetadataAttribute[];
}

/** Inputs of {@link buildMetadata}. */
export interface MetadataInput {
  courseTitle: string;
  issuerName: string;
  /** completion date (UTC); rendered as YYYY-MM-DD */
  completedAt: Date;
  /** CIDv1 of the badge image */
  imageCid: string;
  verifyUrl: string;
  /** learner's name — pass ONLY when the learner opted in */
  displayName?: string | null;
}

/** YYYY-MM-DD of a date in UTC. */
export function utcDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Builds the metadata object (see the module comment for what it may contain). */
export function buildMetadata(input: MetadataInput): CertificateMetadata {
  const attributes: MetadataAttribute[] = [
    { trait_type: "Course", value: input.courseTitle },
    { trait_type: "Issuer", value: input.issuerName },
    { trait_type: "Date", value: utcDate(input.completedAt) },
  ];
  if (input.displayName) attributes.push({ trait_type: "Holder", value: input.displayName });
  return {
    name: `Certificate: ${input.courseTitle}`,
    description:
      `Soulbound certificate of completion of the course "${input.courseTitle}", issued by ${input.issuerName} ` +
      `on ${utcDate(input.completedAt)}. Verify it at ${input.verifyUrl}`,
    image: `ipfs://${input.imageCid}`,
    external_url: input.verifyUrl,
    attributes,
  };
}

/** Canonical UTF-8 bytes of the metadata (key order as built, no whitespace). */
export function serializeMetadata(m: CertificateMetadata): Uint8Array {
  const ordered: CertificateMetadata = {
    name: m.name,
    description: m.description,
    image: m.image,
    external_url: m.external_url,
    attributes: m.attributes.map((a) => ({ trait_type: a.trait_type, value: a.value })),
  };
  return new TextEncoder().encode(JSON.stringify(ordered));
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validateErc721 = ajv.compile(erc721MetadataSchema);

/** Our stricter shape on top of the EIP schema (everything required, image an ipfs:// URI). */
const ownShape = z.object({
  name: z.string().min(1),
  description: z.string().min(1),
  image: z.string().regex(/^ipfs:\/\/b[a-z2-7]+$/),
  external_url: z.url(),
  attributes: z.array(z.object({ trait_type: z.string().min(1), value: z.string() })).min(3),
});

/**
 * Validates metadata against the ERC-721 metadata JSON schema (ajv) and our required shape.
 * @returns the list of problems (empty = valid)
 */
export function metadataProblems(value: unknown): string[] {
  const problems: string[] = [];
  if (!validateErc721(value)) {
    for (const e of validateErc721.errors ?? []) problems.push(`erc721 schema: ${e.instancePath || "/"} ${e.message}`);
  }
  const own = ownShape.safeParse(value);
  if (!own.success) for (const i of own.error.issues) problems.push(`${i.path.join(".") || "/"}: ${i.message}`);
  return problems;
}

/** Thrown when generated metadata does not validate (a bug, never user input). */
export class InvalidMetadataError extends Error {
  constructor(readonly problems: string[]) {
    super(`certificate metadata is invalid: ${problems.join("; ")}`);
    this.name = "InvalidMetadataError";
  }
}

/**
 * @throws InvalidMetadataError when {@link metadataProblems} finds any problem
 */
export function assertValidMetadata(value: unknown): void {
  const problems = metadataProblems(value);
  if (problems.length > 0) throw new InvalidMetadataError(problems);
}
