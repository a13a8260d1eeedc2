/**
 * Parses Pandoc fenced divs (`::::: challenge` … `:::::`), as used by the Carpentries Workbench, into a tree.
 * Fenced code blocks are respected (a `:::` line inside code is text); unbalanced closers are ignored and
 * unclosed divs end at the end of the document.
 */

/** A run of Markdown lines or a div with a class and children. */
export type DivNode = { type: "markdown"; text: string } | { type: "div"; className: string; children: DivNode[] };

const OPEN = /^\s*:{3,}\s*\{?\s*\.?([A-Za-z][\w-]*)[^:]*$/;
const CLOSE = /^\s*:{3,}\s*$/;
const FENCE = /^\s*(`{3,}|~{3,})/;

/** Splits `markdown` into a list of top-level nodes. */
export function parseFencedDivs(markdown: string): DivNode[] {
  const root: DivNode[] = [];
  const stack: DivNode[][] = [root];
  let lines: string[] = [];
  let fence: string | null = null;
  const current = () => stack[stack.length - 1] ?? root;
  const flush = () => {
    if (lines.length) current().push({ type: "markdown", text: lines.join("\n") });
    lines = [];
  };
  for (const line of markdown.split("\n")) {
    const f = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (f && f[0] === fence[0] && f.length >= fence.length && line.trim() === f) fence = null;
      lines.push(line);
      continue;
    }
    if (f) {
      fence = f;
      lines.push(line);
      continue;
    }
    const open = OPEN.exec(line);
    if (open?.[1]) {
      flush();
      const div: DivNode = { type: "div", className: open[1].toLowerCase(), children: [] };
      current().push(div);
      stack.push(div.children);
    } else if (CLOSE.test(line)) {
      flush();
      if (stack.length > 1) stack.pop();
    } else {
      lines.push(line);
    }
  }
  flush();
  return root;
}

/** Concatenated Markdown of the direct `markdown` children (divs skipped). */
export function ownText(children: DivNode[]): string {
  return children
    .filter((c): c is Extract<DivNode, { type: "markdown" }> => c.type === "markdown")
    .map((c) => c.text)
    .join("\n");
}
