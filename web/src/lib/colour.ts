/**
 * Colour helpers of the branding forms (storefront settings): hex parsing and WCAG 2.x contrast. Pure functions, used
 * in the browser and on the server.
 */

/** WCAG 2.x level AA minimum contrast ratio for normal-size text. */
export const WCAG_AA_TEXT = 4.5;

/**
 * The `#rrggbb` form (lower case) of a typed hex colour: `#rrggbb`, `rrggbb`, `#rgb` or `rgb`, surrounding spaces
 * ignored, any case.
 * @returns the normalized colour, or null when `text` is no such colour
 */
export function normalizeHex(text: string): string | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
  if (!m) return null;
  const hex = m[1]!.toLowerCase();
  return `#${hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex}`;
}

/**
 * Relative luminance of an sRGB colour (WCAG 2.x definition), 0 (black) … 1 (white).
 * @param hex a colour `normalizeHex` accepts
 * @throws Error when `hex` is no colour
 */
export function relativeLuminance(hex: string): number {
  const norm = normalizeHex(hex);
  if (!norm) throw new Error(`not a hex colour: ${hex}`);
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(norm.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * WCAG 2.x contrast ratio of two colours, 1 (none) … 21 (black on white); symmetric.
 * @throws Error when either is no colour
 */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Whether white text on `background` meets WCAG AA for normal text (ratio ≥ 4.5), and the ratio.
 * @returns null when `background` is no colour
 */
export function whiteTextContrast(background: string): { ratio: number; meetsAA: boolean } | null {
  if (!normalizeHex(background)) return null;
  const ratio = contrastRatio(background, "#ffffff");
  return { ratio, meetsAA: ratio >= WCAG_AA_TEXT };
}
