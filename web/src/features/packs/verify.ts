/**
 * Verifies an extracted pack before anything is written: signature of manifest.json by the manifest's
 * did:key, every listed file present with the listed size, SHA-256 and CIDv1, no unlisted file, course.json
 * valid and every media file it references listed. Each failure names the file and the reason.
 */
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import type { ParsedCourse } from "@/features/studio/import/model.ts";
import { parsedCourseSchema } from "@/features/studio/import/model.ts";
import type { ExtractedPack } from "./extract.ts";
import { rejectPack } from "./rejections.ts";
import { COURSE, MANIFEST, manifestSchema, packCourseSchema, SIGNATURE, type PackManifest } from "./format.ts";
import { verifyManifest } from "./signature.ts";

/** A verified pack, ready to import. */
export interface VerifiedPack {
  manifest: PackManifest;
  /** hex SHA-256 of manifest.json (identifies this exact pack; re-imports are idempotent on it) */
  manifestSha256: string;
  /** the course in the importer's model (media paths inside the extracted folder) */
  course: ParsedCourse;
  isFree: boolean;
}

function firstIssue(err: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const i = err.issues[0];
  return i ? `${i.path.map(String).join(".") || "(root)"}: ${i.message}` : "invalid";
}

async function readJson(pack: ExtractedPack, name: string): Promise<{ bytes: Buffer; value: unknown }> {
  const f = pack.files.get(name);
  if (!f) {
    throw rejectPack(name, name === SIGNATURE ? "unsigned" : "missing");
  }
  const bytes = await readFile(f.absPath);
  try {
    return { bytes, value: JSON.parse(bytes.toString("utf8")) as unknown };
  } catch {
    throw rejectPack(name, "invalid_json");
  }
}

/**
 * @throws ApiError unprocessable (`fields.file`, `fields.reason`) on the first problem found
 */
export async function verifyPack(pack: ExtractedPack): Promise<VerifiedPack> {
  const { bytes: manifestBytes, value } = await readJson(pack, MANIFEST);
  const sigFile = pack.files.get(SIGNATURE);
  if (!sigFile) throw rejectPack(SIGNATURE, "unsigned");
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) throw rejectPack(MANIFEST, "invalid_manifest", firstIssue(parsed.error));
  const manifest = parsed.data;
  const signature = (await readFile(sigFile.absPath, "utf8")).trim();
  if (!verifyManifest(manifest.publisher.did, manifestBytes, signature)) {
    throw rejectPack(SIGNATURE, "bad_signature", manifest.publisher.did);
  }
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    if (listed.has(entry.path)) throw rejectPack(entry.path, "listed_twice");
    listed.add(entry.path);
    const f = pack.files.get(entry.path);
    if (!f) throw rejectPack(entry.path, "missing_listed");
    if (f.size !== entry.size)
      throw rejectPack(entry.path, "size_mismatch", `${f.size} bytes, manifest: ${entry.size}`);
    if (f.sha256 !== entry.sha256) throw rejectPack(entry.path, "sha256_mismatch");
    if (f.cid !== entry.cid) throw rejectPack(entry.path, "cid_mismatch");
  }
  for (const name of pack.files.keys()) {
    if (name !== MANIFEST && name !== SIGNATURE && !listed.has(name)) {
      throw rejectPack(name, "not_listed");
    }
  }
  const { value: courseValue } = await readJson(pack, COURSE);
  const c = packCourseSchema.safeParse(courseValue);
  if (!c.success) throw rejectPack(COURSE, "invalid_course", firstIssue(c.error));
  if (c.data.slug !== manifest.course.slug) throw rejectPack(COURSE, "slug_mismatch");
  const media = c.data.media.map((m) => {
    const path = `media/${m.sha256}`;
    const f = pack.files.get(path);
    if (!f || !listed.has(path)) throw rejectPack(path, "not_in_pack");
    if (f.size !== m.sizeBytes) throw rejectPack(path, "course_size_mismatch");
    return { ...m, absPath: f.absPath };
  });
  const { isFree, ...rest } = c.data;
  const model = parsedCourseSchema.safeParse({
    ...rest,
    media,
    contentHash: createHash("sha256").update(manifestBytes).digest("hex"),
    warnings: [],
  });
  if (!model.success) throw rejectPack(COURSE, "invalid_course", firstIssue(model.error));
  const referenced = new Set(media.map((m) => m.sha256));
  const refs = [
    model.data.coverSha256,
    ...model.data.sections.flatMap((s) => s.lessons.flatMap((l) => [l.mediaSha256, l.captionsSha256])),
  ];
  for (const sha of refs) if (sha && !referenced.has(sha)) throw rejectPack(COURSE, "media_not_in_table", sha);
  return {
    manifest,
    manifestSha256: createHash("sha256").update(manifestBytes).digest("hex"),
    course: model.data,
    isFree,
  };
}
