/**
 * Exports a published course as a signed course pack (format.ts) to a writable stream: course.json, every
 * media file, manifest.json (size, sha256, CIDv1 per file) and manifest.sig (Ed25519 by the instance's
 * did:key). Media are read twice from storage (hash pass, then archive pass), so memory stays flat.
 */
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";
import type { PrismaClient } from "@smolitux/db";
import type { IssuerKey } from "@/features/certificates/credential/keys.ts";
import { MEDIA_REF_PREFIX } from "@/features/studio/import/model.ts";
import { ApiError } from "@/server/http.ts";
import type { StorageDriver } from "@/server/storage/types.ts";
import { digest, once } from "./files.ts";
import { COURSE, MANIFEST, PACK_FORMAT, SIGNATURE, type PackCourse, type PackManifest } from "./format.ts";
import { signManifest } from "./signature.ts";

export interface ExportDeps {
  db: PrismaClient;
  storage: StorageDriver;
  /** the instance's signing key (did:key) */
  key: IssuerKey;
  /** publisher display name written into the manifest */
  publisherName: string;
  now?: () => Date;
}

const MEDIA_URL = /\/api\/media\/([A-Za-z0-9_-]{8,64})/g;

type Asset = { id: string; key: string; sha256: string; mimeType: string; sizeBytes: bigint; originalName: string };

/** Loads the course tree and converts it to the pack model (media by SHA-256). */
async function packCourse(db: PrismaClient, courseId: string) {
  const course = await db.course.findUnique({
    where: { id: courseId },
    include: {
      cover: true,
      sections: {
        orderBy: { position: "asc" },
        include: {
          lessons: {
            orderBy: { position: "asc" },
            include: {
              media: true,
              captions: true,
              questions: { orderBy: { position: "asc" }, include: { options: { orderBy: { position: "asc" } } } },
              flashcards: { orderBy: { position: "asc" } },
            },
          },
        },
      },
    },
  });
  if (!course || course.status !== "PUBLISHED") throw new ApiError("not_found", "No published course with this id.");
  const assets = new Map<string, Asset>();
  const record = (a: Asset | null) => {
    if (!a) return undefined;
    assets.set(a.id, a);
    return a.sha256;
  };
  // Assets referenced from Markdown bodies: only the course provider's own media.
  const bodyIds = new Set<string>();
  const scan = (text: string) => {
    for (const m of text.matchAll(MEDIA_URL)) if (m[1]) bodyIds.add(m[1]);
  };
  scan(course.description);
  for (const s of course.sections) for (const l of s.lessons) scan(l.body);
  const bodyAssets = await db.mediaAsset.findMany({ where: { id: { in: [...bodyIds] }, ownerId: course.providerId } });
  const byId = new Map(bodyAssets.map((a) => [a.id, a]));
  const rewrite = (text: string) =>
    text.replace(MEDIA_URL, (all, id: string) => {
      const a = byId.get(id);
      return a ? `${MEDIA_REF_PREFIX}${record(a) ?? ""}` : all;
    });
  const model: PackCourse = {
    slug: course.slug,
    title: course.title,
    subtitle: course.subtitle,
    description: rewrite(course.description),
    language: course.language,
    level: course.level,
    category: course.category,
    tags: course.tags,
    learningOutcomes: course.learningOutcomes,
    requirements: course.requirements,
    license: course.license,
    attribution: null,
    sourceUrl: course.source,
    isFree: course.isFree,
    ...(course.cover ? { coverSha256: record(course.cover) } : {}),
    sections: course.sections.map((s) => ({
      title: s.title,
      lessons: s.lessons.map((l) => ({
        key: l.id,
        title: l.title,
        kind: l.kind,
        body: rewrite(l.body),
        ...(l.media ? { mediaSha256: record(l.media) } : {}),
        ...(l.captions ? { captionsSha256: record(l.captions) } : {}),
        ...(l.durationSeconds !== null ? { durationSeconds: l.durationSeconds } : {}),
        isPreview: l.isPreview,
        required: l.required,
        passMarkPercent: l.passMarkPercent,
        questions: l.questions.map((q) => ({
          prompt: q.prompt,
          multiple: q.multiple,
          explanation: q.explanation,
          options: q.options.map((o) => ({ text: o.text, correct: o.correct })),
        })),
        flashcards: l.flashcards.map((f) => ({ front: f.front, back: f.back })),
      })),
    })),
    media: [],
  };
  const unique = new Map<string, Asset>();
  for (const a of assets.values()) unique.set(a.sha256, a);
  model.media = [...unique.values()].map((a) => ({
    sha256: a.sha256,
    fileName: a.originalName || a.sha256,
    sizeBytes: Number(a.sizeBytes),
    mimeType: a.mimeType,
  }));
  return { course, model, media: [...unique.values()] };
}

/**
 * Writes the pack of the published course `courseId` to `out` (ends it).
 * @returns the manifest written
 * @throws ApiError not_found (no published course); StorageError when a media object is missing
 */
export async function exportCoursePack(deps: ExportDeps, courseId: string, out: Writable): Promise<PackManifest> {
  const { course, model, media } = await packCourse(deps.db, courseId);
  const courseJson = Buffer.from(JSON.stringify(model, null, 2));
  const files: PackManifest["files"] = [{ path: COURSE, ...(await digest(once(courseJson))) }];
  const sizes = new Map<string, number>();
  for (const a of media) {
    const d = await digest((await deps.storage.get(a.key)).body);
    if (d.sha256 !== a.sha256) throw new Error(`media ${a.id}: stored bytes do not match their recorded SHA-256`);
    files.push({ path: `media/${a.sha256}`, ...d });
    sizes.set(a.sha256, d.size);
  }
  const manifest: PackManifest = {
    format: PACK_FORMAT,
    publisher: { did: deps.key.did, name: deps.publisherName },
    course: {
      id: course.id,
      slug: course.slug,
      title: course.title,
      version: Math.floor(course.updatedAt.getTime() / 1000),
    },
    exportedAt: (deps.now?.() ?? new Date()).toISOString(),
    files,
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
  const signature = await signManifest(deps.key, manifestBytes);

  const pack = tar.pack();
  const done = pipeline(pack, out);
  const add = (name: string, body: Buffer) =>
    new Promise<void>((resolve, reject) =>
      pack.entry({ name, size: body.length }, body, (e) => (e ? reject(e) : resolve())),
    );
  await add(COURSE, courseJson);
  for (const a of media) {
    const entry = pack.entry({ name: `media/${a.sha256}`, size: sizes.get(a.sha256) ?? Number(a.sizeBytes) });
    await pipeline((await deps.storage.get(a.key)).body, entry);
  }
  await add(MANIFEST, manifestBytes);
  await add(SIGNATURE, Buffer.from(signature));
  pack.finalize();
  await done;
  return manifest;
}
