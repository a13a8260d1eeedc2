/**
 * Course pack format `smolitux-course-pack/1` — one uncompressed POSIX tar archive (media are already
 * compressed; no gzip keeps import fast):
 *
 *   course.json         the course (packCourseSchema): settings, sections, lessons, quizzes, flashcards,
 *                       media table; lesson bodies reference media as `smolitux-media:<sha256>`
 *   media/<sha256>      every media file (videos, PDFs, captions, images, cover), named by its SHA-256
 *   manifest.json       every other file with size (bytes), sha256 (hex) and CIDv1 (UnixFS, raw leaves,
 *                       Kubo's defaults — the same CID an IPFS node computes), the publisher's did:key,
 *                       the course id at the publisher and the pack version
 *   manifest.sig        Ed25519 signature (raw 64 bytes, base64url text) over the exact bytes of
 *                       manifest.json, by the key of the manifest's `publisher.did`
 *
 * The version is the course's last change time in Unix seconds, so a later export of an edited course is
 * always a newer version.
 */
import { z } from "zod";
import { parsedCourseSchema } from "@/features/studio/import/model.ts";

export const PACK_FORMAT = "smolitux-course-pack/1";
export const MANIFEST = "manifest.json";
export const SIGNATURE = "manifest.sig";
export const COURSE = "course.json";
/** Limits of one pack (bytes / entries). */
export const PACK_LIMITS = { maxFiles: 5_000, maxBytes: 20 * 1024 ** 3, maxJsonBytes: 20 * 1024 ** 2 } as const;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "must be a lowercase hex SHA-256");
const filePath = z.string().regex(/^(course\.json|media\/[0-9a-f]{64})$/, "must be course.json or media/<sha256>");

export const manifestSchema = z.object({
  format: z.literal(PACK_FORMAT),
  publisher: z.object({
    did: z.string().regex(/^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{40,60}$/, "must be an Ed25519 did:key"),
    name: z.string().min(1).max(200),
  }),
  course: z.object({
    /** the course id at the publisher (stable across versions) */
    id: z.string().min(1).max(64),
    slug: z.string().min(1).max(200),
    title: z.string().min(1).max(300),
    /** Unix seconds of the course's last change at export */
    version: z.number().int().positive(),
  }),
  exportedAt: z.iso.datetime(),
  files: z
    .array(
      z.object({
        path: filePath,
        size: z.number().int().min(0),
        sha256,
        cid: z.string().regex(/^b[a-z2-7]{20,120}$/, "must be a base32 CIDv1"),
      }),
    )
    .min(1)
    .max(PACK_LIMITS.maxFiles),
});
export type PackManifest = z.infer<typeof manifestSchema>;

/** A media file as course.json lists it (the bytes are `media/<sha256>`). */
export const packMediaSchema = z.object({
  sha256,
  fileName: z.string().min(1).max(255),
  sizeBytes: z.number().int().min(0),
  mimeType: z.string().min(1).max(200),
});

/** course.json: the importer's course model without local paths and fingerprint. */
export const packCourseSchema = parsedCourseSchema
  .omit({ media: true, contentHash: true, warnings: true, provider: true })
  .extend({ isFree: z.boolean(), media: z.array(packMediaSchema) });
export type PackCourse = z.infer<typeof packCourseSchema>;
