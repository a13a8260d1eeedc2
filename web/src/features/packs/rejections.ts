/**
 * Why a course pack was rejected (issue 12 §3.2: "an error that names the file and reason"): a stable code per
 * reason, which the admin UI says in its language (`school.packs.reasons.<code>`), and the English sentence for the
 * API message, logs and the `packs` CLI. A technical detail (a parser's message, sizes, a hash) travels separately
 * and is shown as it is.
 */
import { ApiError } from "@/server/http.ts";

/** Every rejection reason: code → English sentence. */
export const PACK_REJECTIONS = {
  entry_type: "entry type is not allowed (only plain files)",
  unexpected_file: "unexpected file in a course pack",
  duplicate_entry: "appears twice in the archive",
  too_many_files: "more files than a course pack may hold",
  pack_too_large: "the pack is larger than the limit",
  file_too_large: "file too large",
  unreadable: "could not be read",
  not_tar: "not a readable tar archive or truncated",
  interrupted: "upload interrupted",
  unsigned: "missing — the pack is unsigned or truncated",
  missing: "missing — the pack is truncated or not a course pack",
  invalid_json: "is not valid JSON",
  invalid_manifest: "invalid manifest",
  bad_signature: "signature does not match manifest.json (tampered or re-signed)",
  listed_twice: "listed twice in manifest.json",
  missing_listed: "listed in manifest.json but missing from the archive (truncated pack?)",
  size_mismatch: "size does not match manifest.json",
  sha256_mismatch: "SHA-256 does not match manifest.json (tampered)",
  cid_mismatch: "CID does not match manifest.json (tampered)",
  not_listed: "not listed in manifest.json",
  invalid_course: "invalid course",
  slug_mismatch: "slug differs from manifest.json",
  not_in_pack: "referenced by course.json but not in the pack",
  course_size_mismatch: "size differs from course.json",
  media_not_in_table: "refers to media that is not in the media table",
} as const;

export type PackRejection = keyof typeof PACK_REJECTIONS;

/**
 * A pack rejection: 422 `unprocessable`. `message` = "Course pack rejected — <file>: <English reason> (<detail>)";
 * `fields` = `{file, code, reason}` (+ `detail`): `code` is a {@link PackRejection}, `reason` the English sentence
 * with the detail.
 * @param file the pack member at fault (`manifest.json`, `media/<sha256>`, …) or `archive`
 * @param detail technical specifics, untranslated (sizes in bytes, a parser's message, a hash)
 */
export function rejectPack(file: string, code: PackRejection, detail?: string): ApiError {
  const reason = `${PACK_REJECTIONS[code]}${detail ? ` (${detail})` : ""}`;
  return new ApiError("unprocessable", `Course pack rejected — ${file}: ${reason}`, {
    file,
    code,
    reason,
    ...(detail ? { detail } : {}),
  });
}
