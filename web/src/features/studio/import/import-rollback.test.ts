import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFsStorage } from "@/server/storage/fs.ts";
import { StorageError, type StorageDriver } from "@/server/storage/types.ts";
import { createTestDatabase, type TestDatabase } from "../../../../test/db.ts";
import { CourseFormatError } from "./errors.ts";
import { importCourse, importCourseFolder } from "./import-course.ts";
import { parseCourseFolder } from "./parse-course.ts";
import { ensureUser } from "./providers.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../../../content");

let t: TestDatabase;
let work: string;
let providerId: string;

/** A private copy of web/content that a test may modify. */
async function contentCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(work, "content-"));
  await cp(CONTENT, dir, { recursive: true });
  return dir;
}

const files = async (dir: string) =>
  (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []))
    .filter((e) => e.isFile())
    .map((e) => e.name);

async function courseRows(db: TestDatabase["db"]) {
  return {
    courses: await db.course.count(),
    lessons: await db.lesson.count(),
    assets: await db.mediaAsset.count(),
    prices: await db.coursePrice.count(),
  };
}

/** The fs driver, failing on the `failAt`-th put (after the previous ones succeeded). */
function failingStorage(inner: StorageDriver, failAt: number): StorageDriver {
  let puts = 0;
  return {
    ...inner,
    async put(key, body, type) {
      puts += 1;
      if (puts === failAt) throw new StorageError("backend_error", "disk full (simulated)");
      return inner.put(key, body, type);
    },
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  work = await mkdtemp(path.join(tmpdir(), "smolitux-rollback-"));
  providerId = await ensureUser(t.db, { email: "p@example.org", name: "Provider", roles: ["PROVIDER"] });
});
afterAll(async () => {
  await t.drop();
  await rm(work, { recursive: true, force: true });
});

describe("failed imports leave nothing behind", () => {
  it("a storage failure mid-way deletes the objects already stored and writes no rows", async () => {
    const storageDir = path.join(work, "media-storage-failure");
    const storage = failingStorage(createFsStorage(storageDir), 5);
    await expect(
      importCourseFolder({ db: t.db, storage }, path.join(CONTENT, "courses/git-novice"), { providerId }),
    ).rejects.toThrow(/disk full/);
    expect(await files(storageDir)).toEqual([]);
    expect(await courseRows(t.db)).toEqual({ courses: 0, lessons: 0, assets: 0, prices: 0 });
  });

  it("a database failure after the media were stored rolls back and deletes the objects", async () => {
    const content = await contentCopy();
    const episode = path.join(content, "courses/git-novice/episodes/09-conflict.md");
    // PostgreSQL rejects NUL characters in text: the lesson insert fails after every media object was stored.
    await writeFile(episode, `${await readFile(episode, "utf8")}\nbroken \u0000 byte\n`);
    const storageDir = path.join(work, "media-db-failure");
    await expect(
      importCourseFolder({ db: t.db, storage: createFsStorage(storageDir) }, path.join(content, "courses/git-novice"), {
        providerId,
      }),
    ).rejects.toThrow(/lesson\.create/);
    expect(await files(storageDir)).toEqual([]);
    expect(await courseRows(t.db)).toEqual({ courses: 0, lessons: 0, assets: 0, prices: 0 });
  });

  it("a corrupt quiz file is rejected before anything is written, naming the file and the field", async () => {
    const content = await contentCopy();
    const quiz = path.join(content, "courses/git-novice/smolitux/review.quiz.yaml");
    await writeFile(
      quiz,
      (await readFile(quiz, "utf8")).replace(
        '{ text: "`git add`", correct: true }',
        '{ text: "`git add`", correct: "yes" }',
      ),
    );
    const storageDir = path.join(work, "media-bad-quiz");
    const error = await importCourseFolder(
      { db: t.db, storage: createFsStorage(storageDir) },
      path.join(content, "courses/git-novice"),
      { providerId },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CourseFormatError);
    expect((error as CourseFormatError).message).toMatch(
      /^smolitux\/review\.quiz\.yaml \(questions\.0\.options\.0\.correct\): /,
    );
    expect(await files(storageDir)).toEqual([]);
    expect(await courseRows(t.db)).toEqual({ courses: 0, lessons: 0, assets: 0, prices: 0 });
  });

  it("a failed update keeps the previous version intact (rows and objects)", async () => {
    const content = await contentCopy();
    const folder = path.join(content, "courses/solidity-by-example");
    const storageDir = path.join(work, "media-update");
    const storage = createFsStorage(storageDir);
    const first = await importCourseFolder({ db: t.db, storage }, folder, { providerId }, { contentRoot: content });
    expect(first.status).toBe("created");
    const before = { rows: await courseRows(t.db), files: await files(storageDir) };

    // New content (a changed lesson and a new video) whose upload fails on the second object.
    const lesson = path.join(folder, "lessons/01-hello-world/index.md");
    await writeFile(lesson, `${await readFile(lesson, "utf8")}\nOne more paragraph.\n`);
    const yaml = path.join(folder, "course.yaml");
    await writeFile(yaml, (await readFile(yaml, "utf8")).replace("flower.mp4", "friday.mp4"));
    const changed = await parseCourseFolder(folder, { contentRoot: content });
    await expect(
      importCourse({ db: t.db, storage: failingStorage(storage, 1) }, changed, { providerId }),
    ).rejects.toThrow(/disk full/);

    expect({ rows: await courseRows(t.db), files: await files(storageDir) }).toEqual(before);
  });
});
