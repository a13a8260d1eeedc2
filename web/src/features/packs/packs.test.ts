/**
 * Integration (real PostgreSQL, fs storage): export a course pack on one instance, import it on another —
 * trust confirmation, idempotent re-import, tampered / truncated / unsigned packs rejected with the file and
 * reason and nothing written, and a newer version updating the course while learner progress survives.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { issuerKeyFromSeed, type IssuerKey } from "@/features/certificates/credential/keys.ts";
import type { SchoolActor } from "@/features/school/access.ts";
import { createFsStorage } from "@/server/storage/fs.ts";
import type { StorageDriver } from "@/server/storage/types.ts";
import { exportCoursePack } from "./export.ts";
import { importPack, publisherUsername, type PackImportDeps } from "./import.ts";
import { unverifiedEmail } from "@/features/auth/account-mail.ts";

let source: TestDatabase;
let school: TestDatabase;
let dir: string;
let sourceStorage: StorageDriver;
let deps: PackImportDeps;
let key: IssuerKey;
let admin: SchoolActor;
let courseId: string;

async function exportPack(): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  await exportCoursePack(
    { db: source.db, storage: sourceStorage, key, publisherName: "Open School Press" },
    courseId,
    out,
  );
  return Buffer.concat(chunks);
}

/** Rewrites a pack's entries (tampering helper). */
async function rewrite(packBytes: Buffer, edit: (name: string, body: Buffer) => Buffer | null): Promise<Buffer> {
  const entries: { name: string; body: Buffer }[] = [];
  await new Promise<void>((resolve, reject) => {
    const ex = tar.extract();
    ex.on("entry", (h, s, next) => {
      const parts: Buffer[] = [];
      s.on("data", (c: unknown) => parts.push(c as Buffer));
      s.on("end", () => {
        const body = edit(h.name, Buffer.concat(parts));
        if (body) entries.push({ name: h.name, body });
        next();
      });
    });
    ex.on("finish", resolve);
    ex.on("error", reject);
    Readable.from(packBytes).pipe(ex);
  });
  const p = tar.pack();
  for (const e of entries) p.entry({ name: e.name }, e.body);
  p.finalize();
  return collect(p);
}

async function collect(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function snapshot(db: TestDatabase["db"]) {
  const [courses, lessons, media, imports, publishers, users] = await Promise.all([
    db.course.count(),
    db.lesson.count(),
    db.mediaAsset.count(),
    db.coursePackImport.count(),
    db.trustedPublisher.count(),
    db.user.count(),
  ]);
  return { courses, lessons, media, imports, publishers, users };
}

const run = (bytes: Buffer, opts = {}) => importPack(deps, admin, Readable.from(bytes), opts);

beforeAll(async () => {
  [source, school] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  dir = await mkdtemp(path.join(tmpdir(), "packs-test-"));
  sourceStorage = createFsStorage(path.join(dir, "source"));
  deps = { db: school.db, storage: createFsStorage(path.join(dir, "school")), tmpDir: path.join(dir, "tmp") };
  key = await issuerKeyFromSeed(new Uint8Array(32).fill(7));
  const provider = await source.db.user.create({ data: { name: "Provider", roles: ["PROVIDER"] } });
  const video = Buffer.alloc(300_000, 1); // > one 256 KiB IPFS chunk: a multi-block CID
  const stored = await sourceStorage.put("courses/x/video.mp4", video, "video/mp4");
  const asset = await source.db.mediaAsset.create({
    data: {
      ownerId: provider.id,
      driver: "FS",
      key: stored.key,
      mimeType: "video/mp4",
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      originalName: "video.mp4",
    },
  });
  const course = await source.db.course.create({
    data: {
      slug: "fractions",
      title: "Fractions",
      providerId: provider.id,
      status: "PUBLISHED",
      publishedAt: new Date(),
      isFree: false,
      sections: {
        create: [
          {
            title: "Basics",
            position: 1,
            lessons: {
              create: [
                { title: "Watch", kind: "VIDEO", position: 1, mediaId: asset.id, durationSeconds: 60 },
                { title: "Read", kind: "TEXT", position: 2, body: `See ![still](/api/media/${asset.id})` },
                {
                  title: "Check",
                  kind: "QUIZ",
                  position: 3,
                  questions: {
                    create: [
                      {
                        prompt: "1/2 + 1/2?",
                        position: 0,
                        options: {
                          create: [
                            { text: "1", correct: true, position: 0 },
                            { text: "2", position: 1 },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  });
  courseId = course.id;
  const a = await school.db.user.create({ data: { username: "admin", roles: ["LEARNER", "SCHOOL_ADMIN"] } });
  admin = { id: a.id, roles: a.roles };
}, 90_000);

afterAll(async () => {
  await Promise.all([source?.drop(), school?.drop()]);
  await rm(dir, { recursive: true, force: true });
});

describe("course packs", () => {
  let pack: Buffer;

  it("asks for confirmation of an untrusted publisher key and writes nothing", async () => {
    pack = await exportPack();
    const before = await snapshot(school.db);
    await expect(run(pack)).rejects.toMatchObject({ code: "conflict", fields: { reason: "untrusted", did: key.did } });
    expect(await snapshot(school.db)).toEqual(before);
  });

  it("imports after confirmation: published, lessons, quiz, media rewritten and readable; key trusted", async () => {
    const r = await run(pack, { confirmUntrusted: true });
    expect(r).toMatchObject({ status: "created", slug: "fractions", lessons: 3, mediaFiles: 1 });
    const course = await school.db.course.findUniqueOrThrow({
      where: { id: r.courseId },
      include: {
        sections: { include: { lessons: { include: { questions: { include: { options: true } } } } } },
        prices: true,
      },
    });
    expect(course.status).toBe("PUBLISHED");
    expect(course.isFree).toBe(false);
    expect(course.prices).toEqual([]);
    const lessons = course.sections.flatMap((s) => s.lessons).sort((a, b) => a.position - b.position);
    expect(lessons.map((l) => l.title)).toEqual(["Watch", "Read", "Check"]);
    const videoId = lessons[0]?.mediaId ?? "";
    expect(lessons[1]?.body).toBe(`See ![still](/api/media/${videoId})`);
    expect(lessons[2]?.questions[0]?.options.filter((o) => o.correct).map((o) => o.text)).toEqual(["1"]);
    const asset = await school.db.mediaAsset.findUniqueOrThrow({ where: { id: videoId } });
    const body = (await deps.storage.get(asset.key)).body;
    let size = 0;
    for await (const c of body as AsyncIterable<Buffer>) size += c.length;
    expect(size).toBe(300_000);
    expect(await school.db.trustedPublisher.findUnique({ where: { did: key.did } })).toMatchObject({
      name: "Open School Press",
    });
    // the provider standing for the publisher has no mailbox and no password: nothing to confirm, so no
    // "confirm your e-mail" banner, whoever acts as it
    const publisher = await school.db.user.findUniqueOrThrow({ where: { id: course.providerId } });
    expect(publisher).toMatchObject({
      username: publisherUsername(key.did),
      email: null,
      emailVerified: null,
      passwordHash: null,
      roles: ["PROVIDER"],
    });
    expect(await unverifiedEmail(school.db, publisher.id)).toBeNull();
  });

  it("re-importing the same pack is idempotent", async () => {
    const before = await snapshot(school.db);
    expect((await run(pack)).status).toBe("unchanged");
    expect(await snapshot(school.db)).toEqual(before);
  });

  it("rejects tampered, truncated and unsigned packs naming the file and reason; the database is unchanged", async () => {
    const before = await snapshot(school.db);
    const media = await rewrite(pack, (name, body) => {
      if (!name.startsWith("media/")) return body;
      const copy = Buffer.from(body);
      copy[1000] = (copy[1000] ?? 0) ^ 0xff;
      return copy;
    });
    await expect(run(media)).rejects.toMatchObject({
      code: "unprocessable",
      fields: { file: expect.stringMatching(/^media\/[0-9a-f]{64}$/), reason: expect.stringMatching(/SHA-256/) },
    });
    const manifest = await rewrite(pack, (name, body) =>
      name === "manifest.json" ? Buffer.from(body.toString().replace('"Fractions"', '"Fractionz"')) : body,
    );
    await expect(run(manifest)).rejects.toMatchObject({
      fields: { file: "manifest.sig", reason: expect.stringMatching(/signature/) },
    });
    const unsigned = await rewrite(pack, (name, body) => (name === "manifest.sig" ? null : body));
    await expect(run(unsigned)).rejects.toMatchObject({
      fields: { file: "manifest.sig", reason: expect.stringMatching(/unsigned/) },
    });
    await expect(run(pack.subarray(0, Math.floor(pack.length / 2)))).rejects.toMatchObject({ code: "unprocessable" });
    const link = tar.pack();
    link.entry({ name: "../evil", type: "symlink", linkname: "/etc/passwd" });
    link.finalize();
    await expect(run(await collect(link))).rejects.toMatchObject({ fields: { file: "../evil" } });
    expect(await snapshot(school.db)).toEqual(before);
  });

  it("a newer version updates the course and keeps progress of lessons that still exist", async () => {
    const imported = await school.db.course.findUniqueOrThrow({
      where: { slug: "fractions" },
      include: { sections: { include: { lessons: true } } },
    });
    const read = imported.sections[0]?.lessons.find((l) => l.title === "Read");
    const pupil = await school.db.user.create({ data: { username: "pupil1" } });
    await school.db.lessonProgress.create({
      data: { userId: pupil.id, lessonId: read?.id ?? "", completedAt: new Date() },
    });
    // The publisher edits the course: "Check" removed, "Practice" added (a later change time = a newer version).
    const srcSection = await source.db.section.findFirstOrThrow({ where: { courseId } });
    await source.db.lesson.deleteMany({ where: { sectionId: srcSection.id, title: "Check" } });
    await source.db.lesson.create({
      data: { sectionId: srcSection.id, title: "Practice", kind: "TEXT", position: 3, body: "Try it" },
    });
    await source.db.course.update({ where: { id: courseId }, data: { updatedAt: new Date(Date.now() + 5_000) } });
    const v2 = await exportPack();
    const r = await run(v2);
    expect(r.status).toBe("updated");
    const lessons = await school.db.lesson.findMany({
      where: { section: { courseId: r.courseId } },
      orderBy: { position: "asc" },
    });
    expect(lessons.map((l) => l.title)).toEqual(["Watch", "Read", "Practice"]);
    expect(lessons[1]?.id).toBe(read?.id);
    expect(await school.db.lessonProgress.count({ where: { userId: pupil.id, lessonId: read?.id ?? "" } })).toBe(1);
    // …and the old version is refused now.
    await expect(run(pack)).rejects.toMatchObject({ code: "conflict", fields: { reason: "older_version" } });
  });
});
