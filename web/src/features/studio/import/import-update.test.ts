import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFsStorage } from "@/server/storage/fs.ts";
import { createTestDatabase, type TestDatabase } from "../../../../test/db.ts";
import { importCourseFolder } from "./import-course.ts";
import { ensureUser } from "./providers.ts";

let t: TestDatabase;
let work: string;

beforeAll(async () => {
  t = await createTestDatabase();
  work = await mkdtemp(path.join(tmpdir(), "smolitux-update-"));
  await cp(path.resolve(import.meta.dirname, "../../../../content"), path.join(work, "content"), { recursive: true });
});
afterAll(async () => {
  await t.drop();
  await rm(work, { recursive: true, force: true });
});

describe("re-import of changed content", () => {
  it("updates in place: same course and lesson ids, learner progress kept, new text and media applied", async () => {
    const content = path.join(work, "content");
    const folder = path.join(content, "courses/solidity-by-example");
    const deps = { db: t.db, storage: createFsStorage(path.join(work, "media")) };
    const providerId = await ensureUser(t.db, { email: "sbe@example.org", name: "SbE", roles: ["PROVIDER"] });
    const learner = await ensureUser(t.db, { email: "learner@example.org", name: "L", roles: ["LEARNER"] });
    const first = await importCourseFolder(deps, folder, { providerId, publish: true }, { contentRoot: content });
    const hello = await t.db.lesson.findFirstOrThrow({ where: { title: "Hello World" } });
    await t.db.lessonProgress.create({ data: { userId: learner, lessonId: hello.id, completedAt: new Date() } });
    const lessonsBefore = await t.db.lesson.count();

    const page = path.join(folder, "lessons/01-hello-world/index.md");
    await writeFile(page, `${await readFile(page, "utf8")}\nA new closing paragraph.\n`);
    const yaml = path.join(folder, "course.yaml");
    await writeFile(yaml, (await readFile(yaml, "utf8")).replace("flower.mp4", "friday.mp4"));
    const second = await importCourseFolder(deps, folder, { providerId, publish: true }, { contentRoot: content });

    expect(second).toMatchObject({ status: "updated", courseId: first.courseId, mediaUploaded: 1 });
    const updated = await t.db.lesson.findUniqueOrThrow({
      where: { id: hello.id },
      include: { progress: true, media: true },
    });
    expect(updated.body).toContain("A new closing paragraph.");
    expect(updated.progress).toHaveLength(1);
    expect(await t.db.lesson.count()).toBe(lessonsBefore);
    const video = await t.db.lesson.findFirstOrThrow({ where: { kind: "VIDEO" }, include: { media: true } });
    expect(video.media?.originalName).toBe("friday.mp4");
    expect(await deps.storage.size(video.media?.key ?? "")).toBe(515198);
    // the replaced video's asset row and object are gone
    expect(await t.db.mediaAsset.count({ where: { originalName: "flower.mp4" } })).toBe(0);
    const stored = (await readdir(path.join(work, "media"), { recursive: true })).map(String);
    expect(stored.some((f) => f.endsWith("flower.mp4"))).toBe(false);
    expect(stored.some((f) => f.endsWith("friday.mp4"))).toBe(true);
  });
});
