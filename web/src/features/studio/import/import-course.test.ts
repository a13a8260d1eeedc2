import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFsStorage } from "@/server/storage/fs.ts";
import type { StorageDriver } from "@/server/storage/types.ts";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { createTestDatabase, type TestDatabase } from "../../../../test/db.ts";
import { CourseConflictError } from "./errors.ts";
import { importCourse } from "./import-course.ts";
import type { ParsedCourse } from "./model.ts";
import { parseCourseFolder } from "./parse-course.ts";
import { ensureUser } from "./providers.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../../../content");

let t: TestDatabase;
let storageDir: string;
let storage: StorageDriver;
let course: ParsedCourse;
let providerId: string;

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function rowCounts(db: TestDatabase["db"]) {
  const [courses, sections, lessons, questions, options, assets, prices] = await Promise.all([
    db.course.count(),
    db.section.count(),
    db.lesson.count(),
    db.quizQuestion.count(),
    db.quizOption.count(),
    db.mediaAsset.count(),
    db.coursePrice.count(),
  ]);
  return { courses, sections, lessons, questions, options, assets, prices };
}

beforeAll(async () => {
  t = await createTestDatabase();
  storageDir = await mkdtemp(path.join(tmpdir(), "smolitux-import-"));
  storage = createFsStorage(storageDir);
  course = await parseCourseFolder(path.join(CONTENT, "courses/git-novice"));
  providerId = await ensureUser(t.db, {
    email: "carpentries.demo@example.org",
    name: "The Carpentries (demo import)",
    roles: ["PROVIDER"],
  });
});
afterAll(async () => {
  await t.drop();
  await rm(storageDir, { recursive: true, force: true });
});

describe("importCourse (git-novice)", () => {
  it("writes the course tree, prices and media with matching SHA-256", async () => {
    const result = await importCourse({ db: t.db, storage }, course, {
      providerId,
      publish: true,
      featured: true,
      prices: [
        { currency: "EUR", amount: 1999n },
        { currency: "ESN", amount: 25n * 10n ** 18n },
      ],
    });
    expect(result.status).toBe("created");

    const row = await t.db.course.findUniqueOrThrow({
      where: { slug: "git-novice" },
      include: {
        prices: true,
        sections: {
          orderBy: { position: "asc" },
          include: {
            lessons: { orderBy: { position: "asc" }, include: { questions: { include: { options: true } } } },
          },
        },
      },
    });
    expect(row).toMatchObject({
      status: "PUBLISHED",
      featured: true,
      isFree: false,
      providerId,
      title: "Version Control with Git",
    });
    expect(row.publishedAt).toBeInstanceOf(Date);
    expect(row.source).toBe("https://github.com/swcarpentry/git-novice");
    expect(row.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.onchainCourseId).toBe(courseIdToBytes32(row.id));
    expect(Object.fromEntries(row.prices.map((p) => [p.currency, p.amount.toFixed(0)]))).toEqual({
      EUR: "1999",
      ESN: "25000000000000000000",
    });

    const lessons = row.sections.flatMap((s) => s.lessons);
    expect(lessons).toHaveLength(result.lessons);
    expect(lessons.map((l) => l.kind).filter((k) => k !== "TEXT")).toEqual([
      "VIDEO",
      "QUIZ",
      "QUIZ",
      "QUIZ",
      "FLASHCARDS",
      "PDF",
    ]);
    const video = lessons.find((l) => l.kind === "VIDEO");
    expect(video).toMatchObject({ isPreview: true, durationSeconds: 6 });
    expect(video?.mediaId).toBeTruthy();
    expect(video?.captionsId).toBeTruthy();

    const commitMessage = lessons
      .flatMap((l) => l.questions)
      .find((q) => q.prompt.includes("Choosing a Commit Message"));
    expect(commitMessage?.options.filter((o) => o.correct).map((o) => o.text)).toEqual([
      '"Modify guacamole to the traditional recipe"',
    ]);

    // Figures are media assets referenced by /api/media/<id>; every referenced id exists.
    const basics = lessons.find((l) => l.title === "Automated Version Control");
    const ids = [...(basics?.body ?? "").matchAll(/\/api\/media\/(\w+)/g)].map((m) => m[1] ?? "");
    expect(ids.length).toBe(3);
    expect(await t.db.mediaAsset.count({ where: { id: { in: ids } } })).toBe(3);
    expect(basics?.body).not.toContain("smolitux-media:");

    // Every asset's object exists in storage with the recorded size and SHA-256, and the sniffed MIME type.
    const all = await t.db.mediaAsset.findMany();
    // The course's media, plus the 16:9 WebP cover derived from its cover image (see media/cover.ts).
    const assets = all.filter((a) => !a.key.startsWith("covers/"));
    expect(assets).toHaveLength(course.media.length);
    expect(all).toHaveLength(course.media.length + 1);
    for (const asset of assets) {
      expect(asset.key).toMatch(new RegExp(`^courses/${row.id}/${asset.sha256.slice(0, 16)}-`));
      const bytes = await readFile(path.join(storageDir, asset.key));
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(asset.sha256);
      expect(asset.sizeBytes).toBe(BigInt(bytes.length));
      expect(asset.driver).toBe("FS");
    }
    expect(assets.find((a) => a.originalName === "github-git-cheat-sheet.pdf")?.mimeType).toBe("application/pdf");
    expect(assets.find((a) => a.originalName === "friday.vtt")?.mimeType).toBe("text/vtt");
    expect(assets.find((a) => a.originalName === "conflict.svg")?.mimeType).toBe("image/svg+xml");
    const source = assets.find((a) => a.originalName === "git-committing.svg");
    const cover = all.find((a) => a.id === row.coverId);
    expect(cover).toMatchObject({ mimeType: "image/webp", originalName: "git-committing.cover.webp" });
    expect(cover?.key).toBe(`covers/${providerId}/${source?.sha256}.cover.webp`);
    expect(row.coverAlt).toMatch(/staging area/);
    expect(row.coverBlurDataUrl).toMatch(/^data:image\/webp;base64,/);
  });

  it("re-importing the same course is a no-op: no new rows, no new objects", async () => {
    const before = await rowCounts(t.db);
    const files = await listFiles(storageDir);
    const options = {
      providerId,
      publish: true,
      featured: true,
      prices: [
        { currency: "EUR" as const, amount: 1999n },
        { currency: "ESN" as const, amount: 25n * 10n ** 18n },
      ],
    };
    const again = await importCourse(
      { db: t.db, storage },
      await parseCourseFolder(path.join(CONTENT, "courses/git-novice")),
      options,
    );
    expect(again.status).toBe("unchanged");
    expect(await rowCounts(t.db)).toEqual(before);
    expect(await listFiles(storageDir)).toEqual(files);
  });

  it("changed settings update only the course row and prices (same id, lessons untouched)", async () => {
    const before = await rowCounts(t.db);
    const lessonIds = (await t.db.lesson.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((l) => l.id);
    const { id } = await t.db.course.findUniqueOrThrow({ where: { slug: "git-novice" }, select: { id: true } });
    const result = await importCourse({ db: t.db, storage }, course, {
      providerId,
      publish: true,
      prices: [{ currency: "USD", amount: 2199n }],
    });
    expect(result).toMatchObject({ status: "updated", courseId: id, mediaUploaded: 0 });
    expect((await t.db.lesson.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((l) => l.id)).toEqual(
      lessonIds,
    );
    const after = await rowCounts(t.db);
    expect(after).toEqual({ ...before, prices: 1 });
    const row = await t.db.course.findUniqueOrThrow({ where: { id }, include: { prices: true } });
    expect(row.featured).toBe(false);
    expect(row.prices.map((p) => [p.currency, p.amount.toFixed(0)])).toEqual([["USD", "2199"]]);
  });

  it("refuses a slug that belongs to another provider", async () => {
    const other = await ensureUser(t.db, { email: "someone-else@example.org", name: "Other", roles: ["PROVIDER"] });
    await expect(
      importCourse({ db: t.db, storage }, course, { providerId: other, force: true }),
    ).rejects.toBeInstanceOf(CourseConflictError);
  });
});
