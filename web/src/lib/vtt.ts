/** WebVTT (W3C WebVTT, https://www.w3.org/TR/webvtt1/) cue parsing for the player's transcript. */

/** One caption cue; times in seconds. */
export interface VttCue {
  start: number;
  end: number;
  /** the cue's text with markup (`<u>`, `<v Name>`, …) removed and lines joined by a space */
  text: string;
}

const TIME = /^(?:(\d+):)?(\d{2}):(\d{2})[.,](\d{3})$/;

/** `hh:mm:ss.ttt` or `mm:ss.ttt` → seconds, or null. */
export function parseVttTime(value: string): number | null {
  const m = TIME.exec(value.trim());
  if (!m) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&nbsp;": " ",
  "&lrm;": "",
  "&rlm;": "",
};

/**
 * The cues of a WebVTT file in file order. Blocks without a valid timing line (header, NOTE, STYLE, REGION)
 * are skipped; cue settings after the end time are ignored. Never throws: malformed input gives fewer cues.
 */
export function parseVtt(text: string): VttCue[] {
  const cues: VttCue[] = [];
  for (const block of text.replace(/\r\n?/g, "\n").split(/\n{2,}/)) {
    const lines = block.split("\n").filter((l) => l.length > 0);
    const at = lines.findIndex((l) => l.includes("-->"));
    if (at < 0) continue;
    const [from = "", rest = ""] = lines[at]!.split("-->");
    const start = parseVttTime(from);
    const end = parseVttTime(rest.trim().split(/\s+/)[0] ?? "");
    if (start === null || end === null) continue;
    const body = lines
      .slice(at + 1)
      .join(" ")
      .replace(/<[^>]*>/g, "")
      .replace(/&(amp|lt|gt|nbsp|lrm|rlm);/g, (e) => ENTITIES[e] ?? e)
      .replace(/\s+/g, " ")
      .trim();
    if (body) cues.push({ start, end, text: body });
  }
  return cues;
}

/** `m:ss` (or `h:mm:ss`) for a transcript timestamp. */
export function formatCueTime(seconds: number): string {
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(mm).padStart(2, "0")}:${ss}` : `${mm}:${ss}`;
}
