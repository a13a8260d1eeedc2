/**
 * Solidity by Example pages: `index.md` (front matter title/description) whose `{{{ContractName}}}` placeholders
 * the original site fills with `ContractName.sol` from the same folder. The importer embeds the code.
 */
import { CourseFormatError } from "./errors.ts";
import { baseLesson, type LessonDefaults } from "./lesson-files.ts";
import { tidy } from "./markdown-text.ts";
import type { ParsedLesson } from "./model.ts";
import { solidityFrontMatterSchema } from "./schemas.ts";
import type { CourseSource } from "./source.ts";
import { parseFrontMatter } from "./yaml.ts";

const PLACEHOLDER = /\{\{\{\s*([A-Za-z0-9_]+)\s*\}\}\}/g;

/**
 * Builds the TEXT lesson of one page folder.
 * @param dir folder relative to the course root, e.g. `lessons/01-hello-world`
 * @param fallbackTitle title from ORDER.txt, used when the front matter has none
 * @throws CourseFormatError when index.md is invalid or a placeholder has no matching .sol file
 */
export async function buildSolidityLesson(
  source: CourseSource,
  dir: string,
  fallbackTitle: string,
  defaults: LessonDefaults,
): Promise<ParsedLesson> {
  const rel = `${dir}/index.md`;
  const text = await source.readText(rel);
  const doc = parseFrontMatter(text, rel, solidityFrontMatterSchema.partial({ title: true }));
  const names = [...new Set([...doc.content.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ""))];
  const code = new Map<string, string>();
  for (const name of names) {
    const sol = `${dir}/${name}.sol`;
    if (!(await source.exists(sol))) throw new CourseFormatError(rel, `{{{${name}}}}`, `no ${name}.sol next to it`);
    code.set(name, (await source.readText(sol)).trimEnd());
  }
  const body = doc.content.replace(PLACEHOLDER, (_all, name: string) => code.get(name) ?? "");
  const lead = doc.data.description
    ? `*${doc.data.description}*${doc.data.version ? ` (Solidity ${doc.data.version})` : ""}\n\n`
    : "";
  const more = doc.data.cyfrinLink ? `\n\nFurther reading: <${doc.data.cyfrinLink}>` : "";
  return { ...baseLesson(dir, doc.data.title ?? fallbackTitle, "TEXT", defaults), body: tidy(`${lead}${body}${more}`) };
}
