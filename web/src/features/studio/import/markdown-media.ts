/**
 * Rewrites images and links of an imported Markdown file: Pandoc attribute blocks (`{alt='…' width="60%"}`)
 * are removed, local images become media assets (`![alt](smolitux-media:<sha256>)`), images whose file is
 * missing (or not an image) are replaced by their alt text, and links to other pages of the source site
 * (relative `.md`/`.html` paths) become plain text.
 */
import path from "node:path";
import { CourseImportError } from "./errors.ts";
import { mapOutsideCode } from "./markdown-text.ts";
import { MEDIA_REF_PREFIX } from "./model.ts";
import type { CourseSource } from "./source.ts";

const ATTRS = String.raw`\{(?:[^{}'"]|'[^']*'|"[^"]*")*\}`;
const IMAGE = new RegExp(String.raw`!\[((?:[^\]\\]|\\.)*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)(${ATTRS})?`, "g");
const LOCAL_LINK = /(?<!!)\[((?:[^\]\\]|\\.)+)\]\((?![a-z][a-z0-9+.-]*:|#|\/)([^)\s]+)\)/gi;
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

function altFrom(bracket: string, attrs: string | undefined): string {
  const attrAlt = attrs ? /alt\s*=\s*(?:'([^']*)'|"([^"]*)")/.exec(attrs) : null;
  const alt = attrAlt?.[1] ?? attrAlt?.[2] ?? bracket;
  return alt.replace(/[<>]/g, "").replace(/\s+/g, " ").trim();
}

/** Escapes characters that would start Markdown syntax inside alt text. */
function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]])/g, "\\$1");
}

/**
 * @param markdown the (already converted) Markdown of one lesson
 * @param fileRel path of the Markdown file relative to the course folder (images resolve against its folder)
 * @returns Markdown with media placeholders; missing images are recorded in `source.warnings`
 */
export async function rewriteMediaAndLinks(markdown: string, fileRel: string, source: CourseSource): Promise<string> {
  const dir = path.posix.dirname(fileRel);
  const jobs: Promise<void>[] = [];
  const replacements = new Map<string, string>();

  // First pass: collect the local images so their files are registered (async) before rewriting.
  mapOutsideCode(markdown, (prose) => {
    for (const m of prose.matchAll(IMAGE)) {
      const url = m[2] ?? "";
      if (EXTERNAL.test(url) || replacements.has(url)) continue;
      replacements.set(url, "");
      const rel = path.posix.normalize(path.posix.join(dir, decodeURI(url.split("#")[0] ?? "")));
      jobs.push(
        (async () => {
          if (!(await source.exists(rel))) {
            source.warnings.push(`${fileRel}: image ${url} not found; replaced by its alt text`);
            return;
          }
          try {
            const media = await source.addMedia(rel, "image");
            replacements.set(url, `${MEDIA_REF_PREFIX}${media.sha256}`);
          } catch (err) {
            if (!(err instanceof CourseImportError)) throw err;
            source.warnings.push(`${fileRel}: image ${url} skipped (${err.message})`);
          }
        })(),
      );
    }
    return prose;
  });
  await Promise.all(jobs);

  return mapOutsideCode(markdown, (prose) =>
    prose
      .replace(IMAGE, (_all, bracket: string, url: string, attrs: string | undefined) => {
        const alt = altFrom(bracket, attrs);
        if (EXTERNAL.test(url)) return `![${escapeInline(alt)}](${url})`;
        const target = replacements.get(url);
        if (target) return `![${escapeInline(alt)}](${target})`;
        return alt ? `*[Image: ${escapeInline(alt)}]*` : "";
      })
      .replace(LOCAL_LINK, (_all, label: string) => label),
  );
}
