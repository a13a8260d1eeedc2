"use client";
/**
 * "Download PDF" of a certificate. The worker renders the PDF (GET /api/certificates/<id>/pdf answers 202 until it
 * is stored), so the button asks until the file is there — "Preparing the PDF…" meanwhile — and saves it. After
 * {@link PDF_WAIT_MS} it stops and says so, with a button to try again; without JavaScript the link downloads
 * the PDF directly once it exists.
 */
import { useTranslations } from "next-intl";
import { useState, type MouseEvent } from "react";

/** How long the button keeps asking before it reports that the PDF is late (ms). */
export const PDF_WAIT_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function PdfDownload({ certificateId, label }: { certificateId: string; label: string }) {
  const t = useTranslations("certificates.pdf");
  const [state, setState] = useState<"idle" | "preparing" | "late" | "failed">("idle");
  const href = `/api/certificates/${encodeURIComponent(certificateId)}/pdf`;

  async function download(e?: MouseEvent) {
    e?.preventDefault();
    if (state === "preparing") return;
    setState("preparing");
    const started = Date.now();
    for (;;) {
      const res = await fetch(href, { cache: "no-store" }).catch(() => null);
      if (res?.status === 200) {
        const url = URL.createObjectURL(await res.blob());
        const a = document.createElement("a");
        a.href = url;
        a.download = `certificate-${certificateId}.pdf`;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        setState("idle");
        return;
      }
      if (res?.status !== 202) {
        setState("failed");
        return;
      }
      if (Date.now() - started > PDF_WAIT_MS) {
        setState("late");
        return;
      }
      const wait = Number(res.headers.get("retry-after"));
      await sleep(Number.isFinite(wait) && wait > 0 ? Math.min(wait, 10) * 1000 : 2000);
    }
  }

  return (
    <>
      <a className="button" href={href} download onClick={(e) => void download(e)} aria-busy={state === "preparing"}>
        {label}
      </a>
      {state === "preparing" && (
        <span className="muted" role="status" data-testid="pdf-preparing">
          {" "}
          {t("preparing")}
        </span>
      )}
      {(state === "late" || state === "failed") && (
        <span role="alert" data-testid="pdf-problem">
          {" "}
          {t(state)}{" "}
          <button type="button" className="secondary" onClick={() => void download()}>
            {t("retry")}
          </button>
        </span>
      )}
    </>
  );
}
