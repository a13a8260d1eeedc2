/**
 * Converts Carpentries Workbench episode Markdown (Pandoc fenced divs) into plain Markdown:
 * objectives/questions/keypoints become headed sections, callouts and other boxes become blockquotes,
 * instructor notes are dropped, and exercises that are real multiple-choice questions are taken out
 * (returned as quiz questions) while the other exercises stay in the text with their solutions.
 */
import { parseFencedDivs, type DivNode } from "./fenced-divs.ts";
import { blockquote, takeHeading, tidy } from "./markdown-text.ts";
import { extractMultipleChoice } from "./mcq.ts";
import type { ParsedQuestion } from "./model.ts";

/** A multiple-choice exercise taken out of the episode. */
export interface ExtractedQuestion {
  /** the exercise title, e.g. "Choosing a Commit Message" */
  title: string;
  question: ParsedQuestion;
}

export interface ConvertedEpisode {
  /** clean Markdown of the lesson */
  body: string;
  questions: ExtractedQuestion[];
}

const SECTION_HEADINGS: Record<string, string> = {
  questions: "Questions",
  objectives: "Objectives",
  keypoints: "Key Points",
};
const BOX_LABELS: Record<string, string> = {
  callout: "Note",
  spoiler: "More",
  hint: "Hint",
  discussion: "Discussion",
  caution: "Caution",
  testimonial: "Testimonial",
  prereq: "Prerequisites",
  checklist: "Checklist",
  solution: "Solution",
};
const DROPPED = new Set(["instructor"]);

type Div = Extract<DivNode, { type: "div" }>;

function box(label: string, inner: string): string {
  const { heading, rest } = takeHeading(inner.trimStart());
  const title = heading && heading.toLowerCase() !== label.toLowerCase() ? `${label}: ${heading}` : label;
  return blockquote(tidy(`**${title}**\n\n${rest}`));
}

/**
 * @param markdown episode Markdown without front matter
 * @param quizTitle title of the quiz lesson the extracted questions go to (named in the replacement note)
 */
export function convertCarpentriesMarkdown(markdown: string, quizTitle: string): ConvertedEpisode {
  const questions: ExtractedQuestion[] = [];

  const renderChallenge = (div: Div): string => {
    const solutions = div.children.filter((c): c is Div => c.type === "div" && c.className === "solution");
    const firstSolution = solutions[0];
    const bodyNodes = div.children.filter((c) => c !== firstSolution);
    const { heading, rest } = takeHeading(render(bodyNodes).trimStart());
    const title = heading ?? "Exercise";
    if (solutions.length === 1 && firstSolution && bodyNodes.every((c) => c.type === "markdown")) {
      const solution = takeHeading(render(firstSolution.children).trimStart()).rest;
      const question = extractMultipleChoice(rest, solution);
      if (question) {
        questions.push({ title, question });
        return blockquote(`**Exercise: ${title}** is a question in the quiz “${quizTitle}” after this lesson.`);
      }
    }
    return box("Exercise", render(div.children));
  };

  const render = (nodes: DivNode[]): string =>
    nodes
      .map((node) => {
        if (node.type === "markdown") return node.text;
        if (DROPPED.has(node.className)) return "";
        const heading = SECTION_HEADINGS[node.className];
        if (heading) return `## ${heading}\n\n${tidy(render(node.children))}`;
        if (node.className === "challenge") return renderChallenge(node);
        return box(BOX_LABELS[node.className] ?? "Note", render(node.children));
      })
      .map((part) => `\n${part}\n`)
      .join("");

  return { body: tidy(render(parseFencedDivs(markdown))), questions };
}
