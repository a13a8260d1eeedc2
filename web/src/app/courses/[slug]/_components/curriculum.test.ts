/**
 * The course page's curriculum as HTML (server-rendered, no client JavaScript): collapsible sections with lesson
 * count and video time, lessons with kind, "Preview" and a video's duration — and none for other kinds; the
 * "Expand all sections" link; durations and the lesson counts in the UI's language.
 */
import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import type { CourseDetail } from "@/features/catalog/queries";
import { MESSAGES } from "@/i18n/messages";
import { Curriculum } from "./curriculum";

const lesson = (id: string, kind: string, durationSeconds: number | null, isPreview = false) => ({
  id,
  title: `Lesson ${id}`,
  kind,
  isPreview,
  durationSeconds,
});

const course = {
  slug: "git-basics",
  videoSeconds: 3_600 + 245 + 6,
  sections: [
    { id: "s1", title: "Setting up", lessons: [lesson("a", "VIDEO", 245, true), lesson("b", "TEXT", null)] },
    { id: "s2", title: "Branches", lessons: [lesson("c", "VIDEO", 3_600), lesson("d", "QUIZ", null)] },
    { id: "s3", title: "Extras", lessons: [lesson("e", "PDF", null), lesson("f", "VIDEO", 6)] },
  ],
} as unknown as CourseDetail;

function render(locale: "en" | "de" | "tr", allOpen = false): string {
  // children go as createElement's third argument (react/no-children-prop); the props type requires them anyway
  const props = { locale, messages: MESSAGES[locale], timeZone: "UTC" } as unknown as ComponentProps<
    typeof NextIntlClientProvider
  >;
  return renderToStaticMarkup(
    createElement(NextIntlClientProvider, props, createElement(Curriculum, { course, allOpen })),
  );
}

/** The text of some markup (tags dropped, the few entities React writes decoded). */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"');
/** The markup of each non-nested `<tag …>…</tag>` whose opening tag matches `attrs`. */
const parts = (html: string, tag: string, attrs = "") =>
  [...html.matchAll(new RegExp(`<${tag}\\b[^>]*${attrs}[^>]*>[\\s\\S]*?</${tag}>`, "g"))].map((m) => m[0]);
const attr = (html: string, name: string) => new RegExp(`^<[^>]*\\b${name}="([^"]*)"`).exec(html)?.[1] ?? null;

describe("Curriculum", () => {
  it("opens the first section only, each summary with lesson count and video time", () => {
    const html = render("en");
    const sections = parts(html, "details");
    expect(sections.map((s) => /^<details[^>]*\bopen=""/.test(s))).toEqual([true, false, false]);
    expect(sections.map((s) => text(parts(s, "summary")[0]!))).toEqual([
      "Setting up2 lessons · 4 min",
      "Branches2 lessons · 1 h",
      "Extras2 lessons · 1 min",
    ]);
    expect(text(parts(html, "p")[0]!)).toBe("3 sections · 6 lessons · 1 h 4 min total video");
    const toggle = parts(html, "a", 'class="curriculum-toggle"')[0]!;
    expect(text(toggle)).toBe("Expand all sections");
    expect(attr(toggle, "href")).toBe("/courses/git-basics?sections=all#curriculum");
  });

  it("shows kind, Preview and a video's duration; text, quiz and PDF lessons get no duration", () => {
    const rows = parts(render("en"), "li", 'class="curriculum-lesson"');
    expect(rows.map(text)).toEqual([
      "Lesson aPreviewvideo4 min",
      "Lesson btext",
      "Lesson cvideo1 h",
      "Lesson dquiz",
      "Lesson ePDF",
      "Lesson fvideo1 min",
    ]);
    expect(rows.map((r) => attr(parts(r, "time")[0] ?? "", "dateTime"))).toEqual([
      "PT4M5S",
      null,
      "PT1H",
      null,
      null,
      "PT6S",
    ]);
    expect(rows.every((r) => /<svg class="lesson-kind-icon" aria-hidden="true"/.test(r))).toBe(true);
    const preview = parts(rows[0]!, "a")[0]!;
    expect(attr(preview, "href")).toBe("/learn/git-basics/a");
    expect(attr(preview, "aria-label")).toBe("Watch free preview: Lesson a");
    expect(parts(rows[1]!, "a")).toEqual([]);
  });

  it("with ?sections=all every section is open and the link collapses them", () => {
    const html = render("en", true);
    expect(parts(html, "details").map((s) => /^<details[^>]*\bopen=""/.test(s))).toEqual([true, true, true]);
    const toggle = parts(html, "a", 'class="curriculum-toggle"')[0]!;
    expect(text(toggle)).toBe("Collapse all sections");
    expect(attr(toggle, "href")).toBe("/courses/git-basics#curriculum");
  });

  it("formats durations and counts in the UI's language", () => {
    expect(text(parts(render("de"), "p")[0]!)).toBe("3 Abschnitte · 6 Lektionen · 1 Std. 4 Min. Video insgesamt");
    expect(text(parts(render("tr"), "summary")[0]!)).toBe("Setting up2 ders · 4 dk");
  });
});
