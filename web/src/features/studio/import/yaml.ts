/** YAML and front-matter reading on top of gray-matter (its js-yaml engine, safe schema). */
import matter from "gray-matter";
import type { z } from "zod";
import { CourseFormatError } from "./errors.ts";

/** A Markdown file split into validated front matter and its body. */
export interface FrontMatterDoc<T> {
  data: T;
  /** Markdown after the front matter */
  content: string;
}

/**
 * Parses a YAML document (e.g. `course.yaml`, `config.yaml`, `*.quiz.yaml`) and validates it.
 * @param file path relative to the course folder, used in error messages
 * @throws CourseFormatError naming the file and the first invalid field
 */
export function parseYaml<S extends z.ZodType>(text: string, file: string, schema: S): z.output<S> {
  const body = text.replace(/^\uFEFF?---[ \t]*\n/, ""); // an optional document-start marker
  if (/^---\s*$/m.test(body)) {
    throw new CourseFormatError(file, null, "YAML documents separated by '---' are not supported");
  }
  let raw: unknown;
  try {
    // An options object (even empty) disables gray-matter's shared result cache.
    raw = matter(`---\n${body}\n---\n`, {}).data;
  } catch (err) {
    throw new CourseFormatError(file, null, `invalid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  const result = schema.safeParse(raw ?? {});
  if (!result.success) throw CourseFormatError.fromZod(file, result.error);
  return result.data;
}

/**
 * Splits a Markdown file into front matter (validated with `schema`) and body.
 * @throws CourseFormatError naming the file and the first invalid front-matter field
 */
export function parseFrontMatter<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
): FrontMatterDoc<z.output<S>> {
  let parsed: { data: unknown; content: string };
  try {
    parsed = matter(text, {});
  } catch (err) {
    throw new CourseFormatError(file, "front matter", `invalid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  const result = schema.safeParse(parsed.data);
  if (!result.success) throw CourseFormatError.fromZod(file, result.error, "front matter");
  return { data: result.data, content: parsed.content };
}
