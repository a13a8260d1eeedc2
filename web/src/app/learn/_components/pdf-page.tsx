"use client";
/**
 * One page of the PDF viewer: a box of the page's size (reserved before it is drawn, so nothing moves), drawn to a
 * canvas only while it is near the viewer's visible part (one viewer height above or below) and released again
 * when it is far, so a long document never holds more than a few canvases. Each drawing goes to a fresh canvas
 * that replaces the shown one when it is complete (no blank flash when zooming, and pdf.js never draws into a
 * canvas that another drawing still uses). Over the canvas lies pdf.js' text layer (`TextLayer`, transparent text
 * placed where the page shows it): the page's words can be selected, copied, found with the browser's search and
 * read by screen readers, as in Firefox's and Chrome's own PDF viewers. A page without text (a scan) has none.
 */
import { useEffect, useRef, useState, type CSSProperties, type RefObject } from "react";
import type { PDFDocumentProxy, RenderTask, TextLayer } from "pdfjs-dist/legacy/build/pdf.mjs";
import { outputScale, pageBox, type PageSize } from "./pdf-view";

export interface PdfPageProps {
  doc: PDFDocumentProxy;
  /** 1-based */
  number: number;
  /** pdf.js' text layer class (from the module the viewer loaded on demand) */
  TextLayerClass: typeof TextLayer;
  /** accessible name of the page ("Page 2 of 9") */
  label: string;
  /** the scrolling box the pages are in (the visibility observer's root) */
  root: RefObject<HTMLDivElement | null>;
  /** width available for a page at zoom 1, CSS px */
  width: number;
  zoom: number;
  /** size assumed until the page itself is loaded (the first page's) */
  assumed: PageSize;
  /** registers the page's box with the viewer (current page, next/previous); null on unmount */
  register: (number: number, el: HTMLDivElement | null) => void;
}

export function PdfPage({ doc, TextLayerClass, number, label, root, width, zoom, assumed, register }: PdfPageProps) {
  const box = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  const [size, setSize] = useState<PageSize | null>(null);

  useEffect(() => {
    const el = box.current;
    register(number, el);
    if (!el) return;
    const observer = new IntersectionObserver(([entry]) => setNear(entry?.isIntersecting ?? false), {
      root: root.current,
      rootMargin: "100% 0px",
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      register(number, null);
    };
  }, [number, root, register]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    if (!near || width <= 0) {
      el.replaceChildren(); // far away: free the canvas memory
      return;
    }
    let task: RenderTask | null = null;
    let text: TextLayer | null = null;
    let cancelled = false;
    void (async () => {
      const page = await doc.getPage(number);
      if (cancelled) return;
      const own = page.getViewport({ scale: 1 });
      setSize((s) => (s && s.width === own.width && s.height === own.height ? s : own));
      const { width: w, height: h, scale } = pageBox(width, own, zoom);
      const ratio = outputScale(w, h, window.devicePixelRatio);
      const canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.floor(w * ratio));
      canvas.height = Math.max(1, Math.floor(h * ratio));
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
      canvas.setAttribute("aria-hidden", "true");
      task = page.render({ canvas, viewport: page.getViewport({ scale: scale * ratio }) });
      await task.promise;
      if (cancelled) return;
      el.replaceChildren(canvas);
      // the text layer sizes itself from --total-scale-factor (CSS px per point, set on the page box below)
      const layer = document.createElement("div");
      layer.className = "textLayer";
      text = new TextLayerClass({
        textContentSource: page.streamTextContent(),
        container: layer,
        viewport: page.getViewport({ scale }),
      });
      await text.render();
      if (!cancelled) el.append(layer);
    })().catch((err: unknown) => {
      // a cancelled drawing (scrolled away, zoomed, unmounted) is no error; others leave the box empty
      if (!cancelled && (err as { name?: string } | null)?.name !== "RenderingCancelledException") {
        console.warn(`PDF page ${number} could not be drawn`, err);
      }
    });
    return () => {
      cancelled = true;
      task?.cancel();
      text?.cancel();
    };
  }, [doc, TextLayerClass, number, near, width, zoom]);

  const { width: w, height: h, scale } = pageBox(width, size ?? assumed, zoom);
  return (
    <div
      ref={box}
      className="pdf-page"
      role="group"
      aria-label={label}
      data-page={number}
      style={
        {
          width: `${w}px`,
          height: `${h}px`,
          "--total-scale-factor": scale,
          "--scale-round-x": "1px",
          "--scale-round-y": "1px",
        } as CSSProperties
      }
    />
  );
}
