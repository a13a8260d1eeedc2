"use client";
/**
 * The PDF lesson's inline viewer (issue 14 item 6), drawn by pdf.js because Chrome on Android has no PDF viewer of
 * its own (an `<iframe>` of the PDF stayed blank there). Pages are canvases as wide as the viewer (no sideways
 * scrolling on a 360 px phone), drawn only near the visible part; a toolbar has previous/next page, "Page x of n",
 * zoom out/in and "Fit to width"; a download link sits below. The box has a fixed height from the first render on
 * (learn.css), so loading, the pages and an error never move the rest of the lesson.
 *
 * Keyboard: the toolbar's buttons; the pages' box is focusable (arrow keys, Page Up/Down scroll it). Screen
 * readers: every page is a group named "Page x of n" holding the page's text (pdf-page.tsx); the page number is
 * announced politely; errors are alerts.
 * Loaded with `next/dynamic` (lazy-parts.tsx), and pdf.js itself only once the viewer runs (pdf-view.ts).
 */
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { PDFDocumentProxy, TextLayer } from "pdfjs-dist/legacy/build/pdf.mjs";
import { PdfPage } from "./pdf-page";
import {
  currentPage,
  loadPdf,
  pdfErrorKind,
  zoomIn,
  zoomOut,
  ZOOM_STEPS,
  type PageSize,
  type PdfErrorKind,
} from "./pdf-view";

type State =
  | { status: "loading"; fraction: number | null }
  | { status: "ready"; doc: PDFDocumentProxy; first: PageSize; TextLayer: typeof TextLayer }
  | { status: "error"; kind: PdfErrorKind };

export interface PdfViewerProps {
  /** the lesson's media URL (`/api/media/<id>`) */
  src: string;
  /** the lesson title (names the viewer for screen readers) */
  title: string;
}

export function PdfViewer({ src, title }: PdfViewerProps) {
  const t = useTranslations("learning.pdf");
  const scroller = useRef<HTMLDivElement>(null);
  const pages = useRef(new Map<number, HTMLDivElement>());
  const [state, setState] = useState<State>({ status: "loading", fraction: null });
  const [attempt, setAttempt] = useState(0);
  const [width, setWidth] = useState(0);
  const [zoom, setZoom] = useState(1);
  const [page, setPage] = useState(1);

  // load (again on "Try again"); unmounting stops the download and ends the worker
  useEffect(() => {
    let cancelled = false;
    let destroy: (() => Promise<void>) | null = null;
    void (async () => {
      const { task, TextLayer } = await loadPdf(src, (fraction) => {
        if (!cancelled) setState({ status: "loading", fraction });
      });
      destroy = () => task.destroy();
      if (cancelled) return void destroy();
      const doc = await task.promise;
      const first = (await doc.getPage(1)).getViewport({ scale: 1 });
      if (!cancelled)
        setState({ status: "ready", doc, first: { width: first.width, height: first.height }, TextLayer });
    })().catch((err: unknown) => {
      if (cancelled) return;
      console.warn("PDF could not be loaded", err);
      setState({ status: "error", kind: pdfErrorKind(err) });
    });
    return () => {
      cancelled = true;
      void destroy?.();
    };
  }, [src, attempt]);

  // the width a page gets at zoom 1 follows the viewer's width (rotation, window resize)
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(0, el.clientWidth - padding(el)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const register = useCallback((n: number, el: HTMLDivElement | null) => {
    if (el) pages.current.set(n, el);
    else pages.current.delete(n);
  }, []);

  const total = state.status === "ready" ? state.doc.numPages : 0;

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el || total === 0) return;
    // scrolled to the end: the last page, even when it is too short to reach the reading line
    if (el.scrollTop + el.clientHeight >= el.scrollHeight - 2) return setPage(total);
    const tops = Array.from({ length: total }, (_, i) => pages.current.get(i + 1)?.offsetTop ?? Infinity);
    setPage(currentPage(tops, el.scrollTop, el.clientHeight));
  }, [total]);

  const goTo = useCallback((n: number) => {
    const el = scroller.current;
    const target = pages.current.get(n);
    if (!el || !target) return;
    el.scrollTo({ top: target.offsetTop - parseFloat(getComputedStyle(el).paddingTop) });
    setPage(n);
  }, []);

  // zooming keeps the current page at the top (the page is noted when the zoom changes, scrolled to once drawn)
  const anchor = useRef<number | null>(null);
  const changeZoom = (next: (zoom: number) => number) => {
    anchor.current = page;
    setZoom(next);
  };
  useLayoutEffect(() => {
    if (anchor.current !== null) goTo(anchor.current);
    anchor.current = null;
  }, [zoom, goTo]);

  const ready = state.status === "ready";
  return (
    <section className="pdf-viewer" aria-label={t("title")}>
      <div className="pdf-toolbar" role="group" aria-label={t("controls")}>
        <span className="pdf-nav">
          <button
            type="button"
            onClick={() => goTo(page - 1)}
            disabled={!ready || page <= 1}
            aria-label={t("previousPage")}
          >
            ‹
          </button>
          <span className="pdf-page-number" aria-live="polite" aria-atomic="true">
            {ready ? t("pageOf", { page, total }) : "\u00a0"}
          </span>
          <button
            type="button"
            onClick={() => goTo(page + 1)}
            disabled={!ready || page >= total}
            aria-label={t("nextPage")}
          >
            ›
          </button>
        </span>
        <span className="pdf-zoom">
          <button
            type="button"
            onClick={() => changeZoom(zoomOut)}
            disabled={!ready || zoom <= ZOOM_STEPS[0]}
            aria-label={t("zoomOut")}
          >
            −
          </button>
          <span className="pdf-zoom-level">{t("zoomLevel", { ratio: zoom })}</span>
          <button
            type="button"
            onClick={() => changeZoom(zoomIn)}
            disabled={!ready || zoom >= ZOOM_STEPS[ZOOM_STEPS.length - 1]!}
            aria-label={t("zoomIn")}
          >
            +
          </button>
          <button type="button" onClick={() => changeZoom(() => 1)} disabled={!ready || zoom === 1}>
            {t("fitWidth")}
          </button>
        </span>
      </div>
      <div
        ref={scroller}
        className="pdf-pages"
        tabIndex={0}
        role="region"
        aria-label={t("pages", { title })}
        aria-busy={state.status === "loading"}
        onScroll={onScroll}
      >
        {state.status === "loading" && (
          <p className="pdf-status" role="status">
            {state.fraction === null ? t("loading") : t("loadingPercent", { ratio: state.fraction })}
          </p>
        )}
        {state.status === "error" && (
          <div className="pdf-status" role="alert">
            <p>{state.kind === "password" ? t("errorPassword") : t("errorFailed")}</p>
            <p>
              <a className="button" href={src} download>
                {t("download")}
              </a>{" "}
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  setState({ status: "loading", fraction: null });
                  setAttempt((a) => a + 1);
                }}
              >
                {t("retry")}
              </button>
            </p>
          </div>
        )}
        {state.status === "ready" &&
          Array.from({ length: total }, (_, i) => (
            <PdfPage
              key={i + 1}
              doc={state.doc}
              TextLayerClass={state.TextLayer}
              number={i + 1}
              label={t("pageOf", { page: i + 1, total })}
              root={scroller}
              width={width}
              zoom={zoom}
              assumed={state.first}
              register={register}
            />
          ))}
      </div>
    </section>
  );
}

/** Horizontal padding of the pages' box, CSS px. */
function padding(el: HTMLElement): number {
  const style = getComputedStyle(el);
  return parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
}
