/**
 * Parses a course folder into a validated in-memory {@link ParsedCourse}. Nothing is written anywhere.
 *
 * A folder has an optional `course.yaml` (see `courseManifestSchema`: slug, metadata, provider, sections with
 * lesson keys and inline VIDEO/PDF/TEXT/QUIZ/FLASHCARDS lessons) on top of one source layout (see `layouts.ts`).
 * Metadata missing from course.yaml comes from the source's config (Carpentries config.yaml).
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { CourseFormatError } from "./errors.ts";
import { detectLayout, type Layout } from "./layouts.ts";
import { baseLesson, loadFlashcardsFile, loadQuizFile, type LessonDefaults } from "./lesson-files.ts";
import { rewriteMediaAndLinks } from "./markdown-media.ts";
import { tidy } from "./markdown-text.ts";
import { parsedCourseSchema, type ParsedCourse, type ParsedLesson } from "./model.ts";
import { readMp4DurationSeconds } from "@/features/media/mp4-duration.ts";
import { courseManifestSchema, type CourseManifest, type InlineLessonInput } from "./schemas.ts";
import { CourseSource } from "./source.ts";
import { parseFrontMatter, parseYaml } from "./yaml.ts";
import { z } from "zod";

export interface ParseOptions {
  /** files may be referenced up to this folder (default: the course folder's grandparent) */
  contentRoot?: string;
}

const DEFAULT_PASS_MARK = 70;

async function inlineLesson(
  source: CourseSource,
  input: InlineLessonInput,
  where: string,
  defaults: LessonDefaults,
): Promise<ParsedLesson> {
  switch (input.kind) {
    case "QUIZ":
      return { ...(await loadQuizFile(source, input.file, defaults)), isPreview: input.preview };
    case "FLASHCARDS":
      return { ...(await loadFlashcardsFile(source, input.file, defaults)), isPreview: input.preview };
    case "TEXT": {
      const doc = parseFrontMatter(await source.readText(input.file), input.file, z.looseObject({}));
      const body = await rewriteMediaAndLinks(tidy(doc.content), input.file, source);
      return {
        ...baseLesson(input.file, input.title, "TEXT", defaults),
        body,
        isPreview: input.preview,
        required: input.required ?? true,
      };
    }
    case "VIDEO":
    case "PDF": {
      const media = await source.addMedia(input.file, input.kind === "VIDEO" ? "video" : "pdf");
      const lesson: ParsedLesson = {
        ...baseLesson(input.file, input.title, input.kind, defaults),
        body: input.body ? await rewriteMediaAndLinks(tidy(input.body), `${where}/body.md`, source) : "",
        mediaSha256: media.sha256,
        isPreview: input.preview,
        required: input.required ?? true,
      };
      if (input.kind === "VIDEO") {
        if (input.captions) lesson.captionsSha256 = (await source.addMedia(input.captions, "captions")).sha256;
        const seconds = media.mimeType === "video/mp4" ? await readMp4DurationSeconds(media.absPath) : null;
        if (seconds !== null) lesson.durationSeconds = seconds;
      }
      return lesson;
    }
  }
}

async function buildSections(
  source: CourseSource,
  manifest: CourseManifest | null,
  layout: Layout,
  title: string,
  defaults: LessonDefaults,
) {
  const plan = manifest?.sections ?? [{ title: "Lessons", lessons: layout.keys }];
  const used = new Map<string, string>();
  let lastIndex = -1;
  const sections: ParsedCourse["sections"] = [];
  for (const [s, section] of plan.entries()) {
    const lessons: ParsedLesson[] = [];
    for (const [l, entry] of section.lessons.entries()) {
      const where = `sections.${s}.lessons.${l}`;
      if (typeof entry !== "string") {
        lessons.push(await inlineLesson(source, entry, where, defaults));
        continue;
      }
      const index = layout.keys.indexOf(entry);
      if (index < 0)
        throw new CourseFormatError("course.yaml", where, `"${entry}" is not a lesson of the ${layout.name} layout`);
      if (used.has(entry))
        throw new CourseFormatError("course.yaml", where, `"${entry}" is already used at ${used.get(entry)}`);
      if (index < lastIndex) throw new CourseFormatError("course.yaml", where, `"${entry}" is out of the source order`);
      used.set(entry, where);
      lastIndex = index;
      lessons.push(...(await layout.build(entry)));
    }
    sections.push({ title: section.title, lessons });
  }
  const missing = layout.keys.filter((k) => !used.has(k));
  if (missing.length)
    throw new CourseFormatError("course.yaml", "sections", `lessons not placed in any section: ${missing.join(", ")}`);
  if (sections.length === 0) throw new CourseFormatError("course.yaml", "sections", `${title} has no lessons`);
  return sections;
}

/**
 * Reads and validates a course folder.
 * @param folder path of the course folder
 * @returns the course; `warnings` lists non-fatal findings (e.g. images replaced by alt text)
 * @throws CourseFormatError (file + field) for invalid input; CourseMediaError for unusable media files
 */
export async function parseCourseFolder(folder: string, options: ParseOptions = {}): Promise<ParsedCourse> {
  const root = path.resolve(folder);
  if (!(await stat(root).catch(() => null))?.isDirectory())
    throw new CourseFormatError(folder, null, "not a course folder (no such directory)");
  // a runtime folder (an upload, the demo content): the ignore comment keeps the build from tracing the whole
  // project into the standalone server (selfhost/scripts/assemble.mjs refuses such a build)
  const source = new CourseSource(
    root,
    options.contentRoot ? path.resolve(/* turbopackIgnore: true */ options.contentRoot) : undefined,
  );
  const manifest = (await source.exists("course.yaml"))
    ? parseYaml(await source.readText("course.yaml"), "course.yaml", courseManifestSchema)
    : null;
  const defaults: LessonDefaults = { passMarkPercent: manifest?.passMarkPercent ?? DEFAULT_PASS_MARK };
  const layout = await detectLayout(source, defaults);
  const slug =
    manifest?.slug ??
    path
      .basename(root)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
  const title = manifest?.title ?? layout.defaults.title;
  if (!title) throw new CourseFormatError("course.yaml", "title", "required (the source config has no title either)");
  const sections = await buildSections(source, manifest, layout, title, defaults);
  const cover = manifest?.cover ? await source.addMedia(manifest.cover, "image") : undefined;

  const course: ParsedCourse = {
    slug,
    title,
    subtitle: manifest?.subtitle ?? "",
    description: manifest?.description?.trim() ?? "",
    language: manifest?.language ?? layout.defaults.language ?? "en",
    level: manifest?.level ?? "BEGINNER",
    category: manifest?.category ?? "general",
    tags: manifest?.tags ?? layout.defaults.tags ?? [],
    learningOutcomes: manifest?.learningOutcomes ?? [],
    requirements: manifest?.requirements ?? [],
    license: manifest?.license ?? layout.defaults.license ?? null,
    attribution: manifest?.attribution ?? null,
    sourceUrl: manifest?.sourceUrl ?? layout.defaults.sourceUrl ?? null,
    ...(cover ? { coverSha256: cover.sha256 } : {}),
    ...(manifest?.coverAlt ? { coverAlt: manifest.coverAlt } : {}),
    ...(manifest?.provider ? { provider: manifest.provider } : {}),
    sections,
    media: source.media(),
    contentHash: source.contentHash(),
    warnings: source.warnings,
  };
  const result = parsedCourseSchema.safeParse(course);
  if (!result.success) throw CourseFormatError.fromZod(path.basename(root), result.error, "parsed course");
  return result.data;
}
