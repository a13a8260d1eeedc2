/**
 * Recognizes multiple-choice questions in exercise text: options as an ordered list (`1.` …) or lettered
 * lines (`A.`, `b)`, `- C: …`), and the correct option(s) stated in the solution text
 * ("The answer is (5)", "answer 3 is good", a solution list item "3. Is correct: …", "Answer: B").
 * Anything without a determinable answer is not a question.
 */
import remarkParse from "remark-parse";
import { unified } from "unified";
import { dedentContinuation, tidy } from "./markdown-text.ts";
import type { ParsedQuestion } from "./model.ts";

interface Options {
  /** option texts (Markdown) in order */
  texts: string[];
  /** number of the first option (ordered lists may start at another number) */
  start: number;
  lettered: boolean;
  /** Markdown before and after the options */
  before: string;
  after: string;
}

/** The few mdast fields used here (structural, so no dependency on @types/mdast). */
interface MdNode {
  type: string;
  ordered?: boolean | null;
  start?: number | null;
  children?: MdNode[];
  position?: { start: { offset?: number; column: number }; end: { offset?: number } };
}

const parser = unified().use(remarkParse);

function itemText(source: string, item: MdNode): string {
  const children = item.children ?? [];
  const first = children[0]?.position;
  const last = children[children.length - 1]?.position;
  if (first?.start.offset === undefined || last?.end.offset === undefined) return "";
  return tidy(dedentContinuation(source.slice(first.start.offset, last.end.offset), first.start.column - 1));
}

function orderedOptions(body: string): Options | null {
  const tree: MdNode = parser.parse(body);
  const list = tree.children?.find((n) => n.type === "list" && n.ordered === true && (n.children?.length ?? 0) >= 2);
  if (list?.position?.start.offset === undefined || list.position.end.offset === undefined) return null;
  return {
    texts: (list.children ?? []).map((item) => itemText(body, item)),
    start: list.start ?? 1,
    lettered: false,
    before: body.slice(0, list.position.start.offset),
    after: body.slice(list.position.end.offset),
  };
}

const LETTERED = /^\s*(?:[-*+]\s+)?([A-Ha-h])[.):]\s+(\S.*)$/;

function letteredOptions(body: string): Options | null {
  const lines = body.split("\n");
  const first = lines.findIndex((l) => LETTERED.exec(l)?.[1]?.toUpperCase() === "A");
  if (first < 0) return null;
  const texts: string[] = [];
  let end = first;
  for (let i = first; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const m = LETTERED.exec(line);
    if (m?.[1]?.toUpperCase() === String.fromCharCode(65 + texts.length) && m[2]) {
      texts.push(m[2].trim());
      end = i + 1;
    } else if (line.trim() !== "") break;
  }
  if (texts.length < 2) return null;
  return {
    texts,
    start: 1,
    lettered: true,
    before: lines.slice(0, first).join("\n"),
    after: lines.slice(end).join("\n"),
  };
}

const TOKEN = String.raw`(?:\d{1,2}|[A-Ha-h])\b`;
const STATED = new RegExp(
  String.raw`(?:\b(?:the\s+)?correct\s+answers?\s+(?:is|are)|\bthe\s+answers?\s+(?:is|are)|\banswers?\s*:)\s*\(?\s*(${TOKEN}(?:\s*(?:,|and|&)\s*${TOKEN})*)`,
  "gi",
);
const PRAISED = new RegExp(
  String.raw`\banswer\s+\(?(${TOKEN})\)?\s+is\s+(?:good|correct|right|the\s+(?:best|correct|right)\b)`,
  "gi",
);
const ITEM_CORRECT = /^\s*(\d{1,2})[.)]\s+(.*)$/;

function tokens(list: string): string[] {
  return list
    .split(/\s*(?:,|and|&)\s*/i)
    .map((t) => t.trim())
    .filter(Boolean);
}

/** Answer tokens found in a solution, strongest evidence first; empty when none. */
function answerTokens(solution: string): string[] {
  const stated = [...solution.matchAll(STATED)].flatMap((m) => tokens(m[1] ?? ""));
  if (stated.length) return stated;
  const listed = solution
    .split("\n")
    .map((l) => ITEM_CORRECT.exec(l))
    .filter(
      (m): m is RegExpExecArray =>
        m !== null &&
        /\b(?:is|are)\s+(?:the\s+)?correct\b/i.test(m[2] ?? "") &&
        !/\b(?:not|in)\s*correct\b/i.test(m[2] ?? ""),
    )
    .map((m) => m[1] ?? "");
  if (listed.length) return listed;
  return [...solution.matchAll(PRAISED)].map((m) => m[1] ?? "");
}

/**
 * Turns an exercise into a quiz question when it is a real multiple-choice question.
 * @param body the exercise Markdown without its title heading and without the solution
 * @param solution the solution Markdown (its "Solution" heading removed); becomes the explanation
 * @returns the question, or null when there are no options or the correct option(s) cannot be determined
 */
export function extractMultipleChoice(body: string, solution: string): ParsedQuestion | null {
  const options = orderedOptions(body) ?? letteredOptions(body);
  if (!options || options.texts.some((t) => t === "")) return null;
  const indexes = new Set<number>();
  for (const token of answerTokens(solution)) {
    const isLetter = /^[A-Za-z]$/.test(token);
    if (isLetter !== options.lettered) return null;
    const index = isLetter ? token.toUpperCase().charCodeAt(0) - 65 : Number(token) - options.start;
    if (index < 0 || index >= options.texts.length) return null;
    indexes.add(index);
  }
  if (indexes.size === 0) return null;
  const prompt = tidy([options.before, options.after].join("\n\n"));
  if (!prompt) return null;
  return {
    prompt,
    multiple: indexes.size > 1,
    explanation: tidy(solution),
    options: options.texts.map((text, i) => ({ text, correct: indexes.has(i) })),
  };
}
