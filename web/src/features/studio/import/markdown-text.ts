/** Small line-level Markdown helpers shared by the converters. */

const FENCE = /^\s*(`{3,}|~{3,})/;

/**
 * Applies `fn` to the prose parts of a Markdown document, leaving fenced code blocks untouched.
 * `fn` receives consecutive non-code lines joined with `\n`.
 */
export function mapOutsideCode(markdown: string, fn: (prose: string) => string): string {
  const out: string[] = [];
  let prose: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    if (prose.length) out.push(fn(prose.join("\n")));
    prose = [];
  };
  for (const line of markdown.split("\n")) {
    const m = FENCE.exec(line);
    if (fence === null && m?.[1]) {
      flush();
      fence = m[1];
      out.push(line);
    } else if (fence !== null) {
      out.push(line);
      if (m?.[1] && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) fence = null;
    } else {
      prose.push(line);
    }
  }
  flush();
  return out.join("\n");
}

/** Prefixes every line with `> ` (empty lines with `>`). */
export function blockquote(markdown: string): string {
  return markdown
    .split("\n")
    .map((l) => (l.trim() === "" ? ">" : `> ${l}`))
    .join("\n");
}

/** Removes up to `indent` leading spaces from every line but the first. */
export function dedentContinuation(text: string, indent: number): string {
  const [first = "", ...rest] = text.split("\n");
  const re = new RegExp(`^ {0,${indent}}`);
  return [first, ...rest.map((l) => l.replace(re, ""))].join("\n");
}

/** Trims whitespace-only lines, collapses runs of blank lines to one and trims the document. */
export function tidy(markdown: string): string {
  return markdown
    .split("\n")
    .map((l) => (l.trim() === "" ? "" : l))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Splits off a leading `## Heading` line: returns its text and the rest. */
export function takeHeading(markdown: string): { heading: string | null; rest: string } {
  const m = /^\s*#{1,6}\s+(.+?)\s*#*\s*(?:\n|$)/.exec(markdown);
  if (!m?.[1]) return { heading: null, rest: markdown };
  return { heading: m[1], rest: markdown.slice(m[0].length) };
}
