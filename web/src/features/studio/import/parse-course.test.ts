import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CourseFormatError, CourseMediaError } from "./errors.ts";
import type { ParsedCourse } from "./model.ts";
import { parseCourseFolder } from "./parse-course.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../../../content");
let git: ParsedCourse;
let sol: ParsedCourse;
let work: string;

const lessons = (c: ParsedCourse) => c.sections.flatMap((s) => s.lessons);

beforeAll(async () => {
  git = await parseCourseFolder(path.join(CONTENT, "courses/git-novice"));
  sol = await parseCourseFolder(path.join(CONTENT, "courses/solidity-by-example"));
  work = await mkdtemp(path.join(tmpdir(), "smolitux-parse-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("git-novice (Carpentries Workbench)", () => {
  it("has the 14 episodes in config.yaml order, quizzes after episodes 04 and 05, and the media lessons", () => {
    const all = lessons(git);
    expect(all.filter((l) => l.kind === "TEXT").map((l) => l.key)).toEqual([
      "01-basics.md",
      "02-setup.md",
      "03-create.md",
      "04-changes.md",
      "05-history.md",
      "06-ignore.md",
      "07-github.md",
      "08-collab.md",
      "09-conflict.md",
      "10-open.md",
      "11-licensing.md",
      "12-citation.md",
      "13-hosting.md",
      "14-supplemental-rstudio.md",
    ]);
    expect(all.map((l) => l.title)).toContain("Tracking Changes: Quiz");
    const keys = all.map((l) => l.key);
    expect(keys.indexOf("04-changes.md#quiz")).toBe(keys.indexOf("04-changes.md") + 1);
    expect(keys.indexOf("05-history.md#quiz")).toBe(keys.indexOf("05-history.md") + 1);
    expect(all[0]).toMatchObject({ kind: "VIDEO", isPreview: true, durationSeconds: 6 });
    expect(all[0]?.captionsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(all.find((l) => l.kind === "PDF")?.title).toBe("Git cheat sheet (PDF)");
    expect(git).toMatchObject({
      slug: "git-novice",
      title: "Version Control with Git",
      language: "en",
      sourceUrl: "https://github.com/swcarpentry/git-novice",
    });
  });

  it('turns "Choosing a Commit Message" into a single-choice question with option 3 correct and the solution as explanation', () => {
    const quiz = lessons(git).find((l) => l.key === "04-changes.md#quiz");
    const q = quiz?.questions.find((x) => x.prompt.includes("Choosing a Commit Message"));
    expect(q?.prompt).toContain("Which of the following commit messages would be most appropriate");
    expect(q?.options.map((o) => [o.text, o.correct])).toEqual([
      ['"Changes"', false],
      ['"Change lemon for lime"', false],
      ['"Modify guacamole to the traditional recipe"', true],
    ]);
    expect(q?.multiple).toBe(false);
    expect(q?.explanation).toMatch(/^Answer 1 is not descriptive enough/);
  });

  it("parses code-block options and answers stated as 'The answer is (5)' / '3. Is correct'", () => {
    const all = lessons(git).flatMap((l) => l.questions);
    const committing = all.find((q) => q.prompt.includes("Committing Changes to Git"));
    expect(committing?.options.findIndex((o) => o.correct)).toBe(2);
    expect(committing?.options[2]?.text).toBe(
      '```bash\n$ git add myfile.txt\n$ git commit -m "my recent changes"\n```',
    );
    const recovering = all.find((q) => q.prompt.includes("Recovering Older Versions"));
    expect(recovering?.options.map((o) => o.correct)).toEqual([false, false, false, false, true]);
    const workflow = all.find((q) => q.prompt.includes("Understanding Workflow and History"));
    expect(workflow?.options.findIndex((o) => o.correct)).toBe(1);
    // exercises without a determinable answer stay in the text
    expect(
      all.some((q) => q.prompt.includes("Committing Multiple Files") || q.prompt.includes("Reverting a Commit")),
    ).toBe(false);
    expect(lessons(git).find((l) => l.key === "05-history.md")?.body).toContain("**Exercise: Reverting a Commit**");
  });

  it("writes clean Markdown: headed objectives/key points, blockquote callouts, no fenced divs, figures as media, missing PNGs as alt text", () => {
    const basics = lessons(git).find((l) => l.key === "01-basics.md")?.body ?? "";
    expect(basics).toMatch(/^## Objectives\n\n- /);
    expect(basics).toContain("## Key Points");
    expect(basics).not.toMatch(/^:{3,}/m);
    expect(basics).not.toContain("{alt=");
    expect(basics.match(/!\[[^\]]*\]\(smolitux-media:[0-9a-f]{64}\)/g)).toHaveLength(3);
    expect(basics).toContain("*[Image: Comic: a PhD student sends");
    expect(basics).not.toContain("phd101212s.png");
    expect(basics).not.toContain("../learners/reference.md");
    expect(lessons(git).find((l) => l.key === "04-changes.md")?.body).toMatch(
      /^> \*\*Note: Where Are My Changes\?\*\*$/m,
    );
    expect(git.warnings.filter((w) => w.includes("not found"))).toHaveLength(19);
    expect(git.media.filter((m) => m.mimeType === "image/svg+xml")).toHaveLength(11);
  });
});

describe("solidity-by-example (ORDER.txt)", () => {
  it("has 24 text lessons in ORDER.txt order with the .sol code embedded, in 5 sections", () => {
    const text = lessons(sol).filter((l) => l.kind === "TEXT");
    expect(text).toHaveLength(24);
    expect(text[0]?.key).toBe("01-hello-world");
    expect(text[23]?.key).toBe("24-events-advanced");
    expect(sol.sections.map((s) => s.lessons.length)).toEqual([7, 3, 7, 4, 4]);
    const array = text.find((l) => l.key === "13-array")?.body ?? "";
    expect(array).not.toContain("{{{");
    expect(array.match(/^```solidity\n\/\/ SPDX-License-Identifier: MIT/gm)).toHaveLength(3);
  });
});

describe("validation errors name the file and the field", () => {
  async function copyCourse(name: string): Promise<string> {
    const root = await mkdtemp(path.join(work, "c-"));
    await cp(CONTENT, root, { recursive: true });
    return path.join(root, "courses", name);
  }

  it("rejects front matter without a title", async () => {
    const folder = await copyCourse("solidity-by-example");
    const file = path.join(folder, "lessons/05-constants/index.md");
    await writeFile(file, (await readFile(file, "utf8")).replace(/^title: .*$/m, "title: 42"));
    await expect(parseCourseFolder(folder)).rejects.toThrow(
      new CourseFormatError(
        "lessons/05-constants/index.md",
        "front matter.title",
        "Invalid input: expected string, received number",
      ),
    );
  });

  it("rejects a course.yaml with an unknown level and a missing placeholder file", async () => {
    const folder = await copyCourse("solidity-by-example");
    const yaml = path.join(folder, "course.yaml");
    await writeFile(yaml, (await readFile(yaml, "utf8")).replace("level: INTERMEDIATE", "level: EXPERT"));
    await expect(parseCourseFolder(folder)).rejects.toThrow(/^course\.yaml \(level\): /);
    await writeFile(yaml, (await readFile(yaml, "utf8")).replace("level: EXPERT", "level: INTERMEDIATE"));
    await rm(path.join(folder, "lessons/13-array/ArrayReplaceFromEnd.sol"));
    await expect(parseCourseFolder(folder)).rejects.toThrow(
      "lessons/13-array/index.md ({{{ArrayReplaceFromEnd}}}): no ArrayReplaceFromEnd.sol next to it",
    );
  });

  it("rejects sections that skip a lesson or reorder the source", async () => {
    const folder = await copyCourse("solidity-by-example");
    const yaml = path.join(folder, "course.yaml");
    const original = await readFile(yaml, "utf8");
    await writeFile(yaml, original.replace("21-error, ", ""));
    await expect(parseCourseFolder(folder)).rejects.toThrow(
      "course.yaml (sections): lessons not placed in any section: 21-error",
    );
    await writeFile(yaml, original.replace("[21-error, 22-function-modifier", "[22-function-modifier, 21-error"));
    await expect(parseCourseFolder(folder)).rejects.toThrow(
      /sections\.4\.lessons\.1\): "21-error" is out of the source order/,
    );
  });

  it("sniffs content, not names: a PDF renamed to .mp4 is not a video", async () => {
    const folder = await copyCourse("git-novice");
    const media = path.join(folder, "../../media");
    await cp(
      path.join(media, "github-git-cheat-sheet/github-git-cheat-sheet.pdf"),
      path.join(media, "mdn-cc0-videos/friday.mp4"),
    );
    const error = await parseCourseFolder(folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CourseMediaError);
    expect((error as Error).message).toBe(
      "../../media/mdn-cc0-videos/friday.mp4: content is application/pdf, which cannot be used as video",
    );
  });
});

describe("generic layout (lessons/*.md with front matter, ```quiz blocks, quiz and flashcard files)", () => {
  it("orders by front-matter `order` and extracts quiz blocks into a quiz lesson", async () => {
    const folder = path.join(work, "generic/courses/intro");
    await mkdir(path.join(folder, "lessons"), { recursive: true });
    await writeFile(path.join(folder, "course.yaml"), "slug: intro\ntitle: Intro\n");
    await writeFile(path.join(folder, "lessons/b.md"), "---\ntitle: Second\norder: 2\n---\nText B\n");
    await writeFile(
      path.join(folder, "lessons/a.md"),
      "---\ntitle: First\norder: 1\npreview: true\n---\nText A\n\n```quiz\nprompt: Pick two\noptions:\n  - { text: x, correct: true }\n  - { text: y, correct: true }\n  - { text: z }\n```\n",
    );
    await writeFile(
      path.join(folder, "lessons/c.flashcards.yaml"),
      "title: Cards\norder: 3\ncards:\n  - { front: f, back: b }\n",
    );
    const course = await parseCourseFolder(folder);
    expect(lessons(course).map((l) => [l.kind, l.title])).toEqual([
      ["TEXT", "First"],
      ["QUIZ", "First: Quiz"],
      ["TEXT", "Second"],
      ["FLASHCARDS", "Cards"],
    ]);
    expect(lessons(course)[0]).toMatchObject({ body: "Text A", isPreview: true });
    expect(lessons(course)[1]?.questions[0]).toMatchObject({ prompt: "Pick two", multiple: true });

    await writeFile(
      path.join(folder, "lessons/d.quiz.yaml"),
      "title: Bad\nquestions:\n  - prompt: No answer\n    options: [{ text: a }, { text: b }]\n",
    );
    await expect(parseCourseFolder(folder)).rejects.toThrow(
      "lessons/d.quiz.yaml (questions.0.options): no option is marked correct: true",
    );
  });
});
