"use client";
/**
 * The player's interactive parts, each in its own JavaScript chunk that loads only when a lesson shows it
 * (issue 14 item 13): a video lesson does not download the quiz, a text lesson not the video player, a
 * free-preview visitor not the Q&A. Server-rendered as before (`next/dynamic` keeps SSR); the chunk of a part on
 * the page is requested with the page.
 */
import dynamic from "next/dynamic";

export const VideoPlayer = dynamic(() => import("./video-player").then((m) => m.VideoPlayer));
export const Quiz = dynamic(() => import("./quiz").then((m) => m.Quiz));
export const Flashcards = dynamic(() => import("./flashcards").then((m) => m.Flashcards));
export const MarkDone = dynamic(() => import("./mark-done").then((m) => m.MarkDone));
// pdf.js itself loads only when the viewer runs (pdf-view.ts)
export const PdfViewer = dynamic(() => import("./pdf-viewer").then((m) => m.PdfViewer));
export const QaPanel = dynamic(() => import("./qa-panel").then((m) => m.QaPanel));
