/**
 * The certificate badge image: a self-contained SVG (no external fonts or images), 800×800 px (inside
 * the EIP-721 recommendation of 320–1080 px, aspect 1:1). Deterministic: same input → same bytes → same CID.
 */

/** Escapes text for XML character data and attribute values. */
export function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** Splits `text` into at most `maxLines` lines of about `width` characters (word-wise, last line ellipsized). */
export function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, width - 1)}…`;
  return kept;
}

/** Inputs of the badge (no personal data unless `displayName` is given after an opt-in). */
export interface BadgeInput {
  courseTitle: string;
  issuerName: string;
  /** YYYY-MM-DD */
  date: string;
  displayName?: string | null;
}

/** Renders the badge SVG as UTF-8 bytes. */
export function renderBadgeSvg(b: BadgeInput): Uint8Array {
  const title = wrap(b.courseTitle, 26, 3);
  const titleLines = title.map((l, i) => `<text x="400" y="${360 + i * 52}" class="t">${xmlEscape(l)}</text>`).join("");
  const holder = b.displayName
    ? `<text x="400" y="${380 + title.length * 52}" class="s">${xmlEscape(b.displayName)}</text>`
    : "";
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800" role="img" ` +
    `aria-label="${xmlEscape(`Certificate: ${b.courseTitle}`)}">` +
    `<style>.t{font:700 44px sans-serif;fill:#1e293b;text-anchor:middle}` +
    `.s{font:400 28px sans-serif;fill:#334155;text-anchor:middle}` +
    `.h{font:700 30px sans-serif;fill:#fff;text-anchor:middle;letter-spacing:4px}</style>` +
    `<rect width="800" height="800" fill="#f8fafc"/>` +
    `<circle cx="400" cy="400" r="370" fill="#fff" stroke="#4f46e5" stroke-width="24"/>` +
    `<circle cx="400" cy="400" r="330" fill="none" stroke="#c7d2fe" stroke-width="4"/>` +
    `<rect x="150" y="200" width="500" height="70" rx="35" fill="#4f46e5"/>` +
    `<text x="400" y="246" class="h">CERTIFICATE</text>` +
    titleLines +
    holder +
    `<text x="400" y="600" class="s">${xmlEscape(b.issuerName)}</text>` +
    `<text x="400" y="640" class="s">${xmlEscape(b.date)}</text>` +
    `</svg>`;
  return new TextEncoder().encode(svg);
}
