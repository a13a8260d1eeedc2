import type { ReactNode } from "react";

/**
 * A lesson kind's icon, drawn inline (16 px, `currentColor`; an emoji is a blank box where no emoji font is
 * installed). Decorative: the kind's name is written beside it.
 */
export function LessonKindIcon({ kind }: { kind: string }) {
  return (
    <svg className="lesson-kind-icon" aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="none">
      {ICONS[kind] ?? ICONS.TEXT}
    </svg>
  );
}

const stroke = { stroke: "currentColor", strokeWidth: 1.5, strokeLinejoin: "round", strokeLinecap: "round" } as const;

const ICONS: Record<string, ReactNode> = {
  // a play button
  VIDEO: (
    <>
      <circle cx="8" cy="8" r="6.5" {...stroke} />
      <path d="M6.5 5.5v5l4-2.5z" fill="currentColor" />
    </>
  ),
  // a page with lines
  TEXT: (
    <>
      <path d="M3.5 1.5h6l3 3v10h-9z" {...stroke} />
      <path d="M5.5 7.5h5M5.5 10h5M5.5 12.5h3" {...stroke} />
    </>
  ),
  // a page with a folded corner and a band
  PDF: (
    <>
      <path d="M3.5 1.5h6l3 3v10h-9z M9.5 1.5v3h3" {...stroke} />
      <rect x="2" y="8" width="9" height="4" rx="1" fill="currentColor" />
    </>
  ),
  // a question mark in a circle
  QUIZ: (
    <>
      <circle cx="8" cy="8" r="6.5" {...stroke} />
      <path d="M6.2 6.2a1.9 1.9 0 1 1 2.6 1.8c-.5.2-.8.6-.8 1.1v.4" {...stroke} />
      <circle cx="8" cy="11.6" r=".8" fill="currentColor" />
    </>
  ),
  // two stacked cards
  FLASHCARDS: (
    <>
      <rect x="1.5" y="4.5" width="10" height="8" rx="1.5" {...stroke} />
      <path d="M4.5 2.5h8.5a1.5 1.5 0 0 1 1.5 1.5v6" {...stroke} />
    </>
  ),
};
