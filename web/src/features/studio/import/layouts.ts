/**
 * Source layouts: where a course folder's lessons come from and in which order.
 * - Carpentries Workbench: `config.yaml` (`episodes:` order) + `episodes/*.md`; MCQ exercises become a quiz lesson after the episode.
 * - ORDER.txt (Solidity by Example): `<folder>\t<title>` lines; each folder has `index.md` + `*.sol` files.
 * - Generic: `lessons/*.md` (front matter `title`, `order`), `lessons/*.quiz.yaml|*.quiz.md`, `lessons/*.flashcards.yaml`,
 *   ordered by `order` then file name.
 */
import { convertCarpentriesMarkdown } from "./carpentries.ts";
import { CourseFormatError } from "./errors.ts";
import {
  baseLesson,
  extractQuizBlocks,
  loadFlashcardsFile,
  loadQuizFile,
  quizLesson,
  type LessonDefaults,
} from "./lesson-files.ts";
import { rewriteMediaAndLinks } from "./markdown-media.ts";
import type { ParsedLesson } from "./model.ts";
import { carpentriesConfigSchema, episodeFrontMatterSchema, lessonFrontMatterSchema } from "./schemas.ts";
import { buildSolidityLesson } from "./solidity.ts";
import type { CourseSource } from "./source.ts";
import { parseFrontMatter, parseYaml } from "./yaml.ts";

/** Course metadata a layout can supply from the source's own config. */
export interface LayoutDefaults {
  title?: string;
  language?: string;
  license?: string;
  sourceUrl?: string;
  tags?: string[];
}

export interface Layout {
  name: "carpentries" | "order-txt" | "generic";
  defaults: LayoutDefaults;
  /** lesson keys in source order */
  keys: string[];
  /** builds the lesson(s) of one key (an episode may yield a text lesson plus a quiz lesson) */
  build(key: string): Promise<ParsedLesson[]>;
}

/** Text lesson + (when the Markdown holds questions) a quiz lesson right after it. */
function withQuiz(text: ParsedLesson, questions: ParsedLesson["questions"], defaults: LessonDefaults): ParsedLesson[] {
  if (questions.length === 0) return [text];
  return [text, quizLesson(`${text.key}#quiz`, `${text.title}: Quiz`, questions, defaults)];
}

async function carpentries(source: CourseSource, defaults: LessonDefaults): Promise<Layout> {
  const config = parseYaml(await source.readText("config.yaml"), "config.yaml", carpentriesConfigSchema);
  return {
    name: "carpentries",
    defaults: {
      title: config.title,
      language: config.lang,
      license: config.license,
      sourceUrl: config.source,
      tags: config.keywords
        ?.split(",")
        .map((k) => k.trim())
        .filter(Boolean),
    },
    keys: config.episodes,
    async build(key) {
      const rel = `episodes/${key}`;
      const doc = parseFrontMatter(await source.readText(rel), rel, episodeFrontMatterSchema);
      const quizTitle = `${doc.data.title}: Quiz`;
      const converted = convertCarpentriesMarkdown(doc.content, quizTitle);
      const minutes = (doc.data.teaching ?? 0) + (doc.data.exercises ?? 0);
      const text: ParsedLesson = {
        ...baseLesson(key, doc.data.title, "TEXT", defaults),
        body: await rewriteMediaAndLinks(converted.body, rel, source),
        ...(minutes > 0 ? { durationSeconds: minutes * 60 } : {}),
      };
      const questions = converted.questions.map((q) => ({
        ...q.question,
        prompt: `**${q.title}**\n\n${q.question.prompt}`,
      }));
      return withQuiz(text, questions, defaults);
    },
  };
}

async function orderTxt(source: CourseSource, defaults: LessonDefaults): Promise<Layout> {
  const lines = (await source.readText("ORDER.txt")).split("\n").filter((l) => l.trim() !== "");
  const titles = new Map<string, string>();
  lines.forEach((line, i) => {
    const m = /^([A-Za-z0-9._-]+)\s+(\S.*)$/.exec(line.trim());
    if (!m?.[1] || !m[2]) throw new CourseFormatError("ORDER.txt", `line ${i + 1}`, "expected '<folder> <title>'");
    if (titles.has(m[1])) throw new CourseFormatError("ORDER.txt", `line ${i + 1}`, `folder ${m[1]} listed twice`);
    titles.set(m[1], m[2].trim());
  });
  return {
    name: "order-txt",
    defaults: {},
    keys: [...titles.keys()],
    async build(key) {
      const lesson = await buildSolidityLesson(source, `lessons/${key}`, titles.get(key) ?? key, defaults);
      const { body, questions } = extractQuizBlocks(lesson.body, `lessons/${key}/index.md`);
      return withQuiz({ ...lesson, key, body }, questions, defaults);
    },
  };
}

async function generic(source: CourseSource, defaults: LessonDefaults): Promise<Layout> {
  const files = (await source.list("lessons")).filter((f) => /\.(?:md|quiz\.ya?ml|flashcards\.ya?ml)$/.test(f));
  const built = new Map<string, ParsedLesson[]>();
  const order = new Map<string, number>();
  for (const file of files) {
    const rel = `lessons/${file}`;
    if (/\.quiz\.(?:ya?ml|md)$/.test(file)) {
      const lesson = await loadQuizFile(source, rel, defaults);
      built.set(file, [lesson]);
      order.set(file, lesson.order ?? Number.POSITIVE_INFINITY);
    } else if (/\.flashcards\.ya?ml$/.test(file)) {
      const lesson = await loadFlashcardsFile(source, rel, defaults);
      built.set(file, [lesson]);
      order.set(file, lesson.order ?? Number.POSITIVE_INFINITY);
    } else {
      const doc = parseFrontMatter(await source.readText(rel), rel, lessonFrontMatterSchema);
      const { body, questions } = extractQuizBlocks(doc.content, rel);
      const text: ParsedLesson = {
        ...baseLesson(file, doc.data.title, "TEXT", defaults),
        body: await rewriteMediaAndLinks(body, rel, source),
        isPreview: doc.data.preview ?? false,
        required: doc.data.required ?? true,
        ...(doc.data.duration !== undefined ? { durationSeconds: doc.data.duration * 60 } : {}),
      };
      built.set(file, withQuiz(text, questions, defaults));
      order.set(file, doc.data.order ?? Number.POSITIVE_INFINITY);
    }
  }
  const keys = [...built.keys()].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0) || (a < b ? -1 : 1));
  return { name: "generic", defaults: {}, keys, build: async (key) => built.get(key) ?? [] };
}

/**
 * Picks the layout of a course folder: `config.yaml` with `episodes` → Carpentries, `ORDER.txt` → ORDER.txt,
 * otherwise the generic `lessons/` folder.
 * @throws CourseFormatError when the chosen layout's files are invalid
 */
export async function detectLayout(source: CourseSource, defaults: LessonDefaults): Promise<Layout> {
  if (await source.exists("config.yaml")) return carpentries(source, defaults);
  if (await source.exists("ORDER.txt")) return orderTxt(source, defaults);
  return generic(source, defaults);
}
