/**
 * Markdown → sanitized HTML (GitHub-flavoured Markdown via remark, sanitized by rehype-sanitize with
 * its GitHub schema: no scripts, no event handlers, no javascript: URLs).
 */
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSanitize).use(rehypeStringify);

/** Renders untrusted Markdown to HTML that is safe to insert into a page. */
export async function renderMarkdown(markdown: string): Promise<string> {
  return String(await processor.process(markdown));
}
