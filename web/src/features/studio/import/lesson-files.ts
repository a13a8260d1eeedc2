/** Quiz and flashcard lessons from files (`*.quiz.yaml`, `*.quiz.md`, `*.flashcards.yaml`) and ```quiz blocks in Markdown. */
import { z } from "zod";
import { CourseFormatError } from "./errors.ts";
import { tidy } from "./markdown-text.ts";
import type { ParsedLesson, ParsedQuestion } from "./model.ts";
import { flashcardFileSchema, quizFileSchema, quizQuestionInputSchema } from "./schemas.ts";
import type { CourseSource } from "./source.ts";
import { parseFrontMatter, parseYaml } from "./yaml.ts";

/** Defaults applied to every lesson unless its source says otherwise. */
export interface LessonDefaults {
  /** 0–100 */
  passMarkPercent: number;
}

type QuestionInput = z.output<typeof quizQuestionInputSchema>;

function toQuestion(q: QuestionInput): ParsedQuestion {
  const correct = q.options.filter((o) => o.correct).length;
  return { prompt: q.prompt, explanation: q.explanation, multiple: q.multiple ?? correct > 1, options: q.options };
}

/** A lesson skeleton with the common defaults. */
export function baseLesson(
  key: string,
  title: string,
  kind: ParsedLesson["kind"],
  defaults: LessonDefaults,
): ParsedLesson {
  return {
    key,
    title,
    kind,
    body: "",
    isPreview: false,
    required: true,
    passMarkPercent: defaults.passMarkPercent,
    questions: [],
    flashcards: [],
  };
}

/** A QUIZ lesson holding `questions`. */
export function quizLesson(
  key: string,
  title: string,
  questions: ParsedQuestion[],
  defaults: LessonDefaults,
): ParsedLesson {
  return { ...baseLesson(key, title, "QUIZ", defaults), questions };
}

const QUIZ_BLOCK = /^```quiz[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;

/**
 * Takes ```quiz blocks (each one YAML question: prompt, options[{text, correct}], explanation, multiple) out of Markdown.
 * @throws CourseFormatError naming the file, the block number and the field
 */
export function extractQuizBlocks(markdown: string, file: string): { body: string; questions: ParsedQuestion[] } {
  const questions: ParsedQuestion[] = [];
  let n = 0;
  const body = markdown.replace(QUIZ_BLOCK, (_all, yaml: string) => {
    n += 1;
    try {
      questions.push(toQuestion(parseYaml(yaml, file, quizQuestionInputSchema)));
    } catch (err) {
      if (err instanceof CourseFormatError)
        throw new CourseFormatError(
          file,
          `quiz block ${n}${err.field ? `.${err.field}` : ""}`,
          err.message.replace(/^[^:]*: /, ""),
        );
      throw err;
    }
    return "";
  });
  return { body: tidy(body), questions };
}

const quizMdFrontMatter = quizFileSchema.omit({ questions: true });

/**
 * Loads a quiz lesson from `*.quiz.yaml` (see {@link quizFileSchema}) or `*.quiz.md` (front matter title/passMarkPercent + ```quiz blocks).
 * @throws CourseFormatError naming the file and field
 */
export async function loadQuizFile(
  source: CourseSource,
  rel: string,
  defaults: LessonDefaults,
): Promise<ParsedLesson & { order?: number }> {
  const text = await source.readText(rel);
  if (rel.endsWith(".md")) {
    const doc = parseFrontMatter(text, rel, quizMdFrontMatter);
    const { questions } = extractQuizBlocks(doc.content, rel);
    if (questions.length === 0)
      throw new CourseFormatError(rel, "quiz blocks", "a quiz file needs at least one ```quiz block");
    return {
      ...quizLesson(rel, doc.data.title, questions, {
        passMarkPercent: doc.data.passMarkPercent ?? defaults.passMarkPercent,
      }),
      required: doc.data.required ?? true,
      order: doc.data.order,
    };
  }
  const data = parseYaml(text, rel, quizFileSchema);
  const lesson = quizLesson(rel, data.title, data.questions.map(toQuestion), {
    passMarkPercent: data.passMarkPercent ?? defaults.passMarkPercent,
  });
  return { ...lesson, required: data.required ?? true, order: data.order };
}

/**
 * Loads a flashcard deck from `*.flashcards.yaml` (title, cards[{front, back}]).
 * @throws CourseFormatError naming the file and field
 */
export async function loadFlashcardsFile(
  source: CourseSource,
  rel: string,
  defaults: LessonDefaults,
): Promise<ParsedLesson & { order?: number }> {
  const data = parseYaml(await source.readText(rel), rel, flashcardFileSchema);
  return {
    ...baseLesson(rel, data.title, "FLASHCARDS", defaults),
    flashcards: data.cards,
    required: data.required ?? false,
    order: data.order,
  };
}
