"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { formatUnits } from "viem";
import { callApi } from "./api";
import styles from "./studio.module.css";
import { LongValue } from "@/app/_components/long-value";
import { BusyButton, useApiErrorText, useFieldError } from "./form-state";
import { txExplorerUrl } from "@/features/checkout/crypto/chain-links";

interface Listing {
  currency: "POL" | "ESN";
  version: number;
  active: boolean;
  price: string;
  outbox: { status: "PENDING" | "SENT" | "CONFIRMED" | "FAILED"; txHash: string | null; lastError: string | null };
}

/**
 * Publish / unpublish / archive, the failed publish rules (translated from their codes, e.g. `lessons_missing`), and
 * each listing transaction's progress (polled).
 */
export function PublishPanel({
  courseId,
  status,
  chainId,
}: {
  courseId: string;
  status: "DRAFT" | "PUBLISHED" | "ARCHIVED";
  /** the deployment's chain id: listing transactions link to its explorer */
  chainId: number;
}) {
  const t = useTranslations("studio");
  const router = useRouter();
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const fieldError = useFieldError();
  const errorText = useApiErrorText();
  const [listings, setListings] = useState<Listing[]>([]);

  useEffect(() => {
    let stop = false;
    async function poll() {
      const res = await callApi<{ listings: Listing[] }>("GET", `/api/studio/courses/${courseId}/listings`);
      if (stop) return;
      if (res.ok) setListings(res.data.listings);
      const settled =
        res.ok && res.data.listings.every((l) => l.outbox.status === "CONFIRMED" || l.outbox.status === "FAILED");
      timer = setTimeout(() => void poll(), settled ? 10_000 : 1_500);
    }
    let timer = setTimeout(() => void poll(), 0);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [courseId, status]);

  async function act(action: "publish" | "unpublish" | "archive") {
    if (busy || (action === "archive" && !window.confirm(t("publish.confirmArchive")))) return;
    setBusy(action);
    const res = await callApi("POST", `/api/studio/courses/${courseId}/${action}`).finally(() => setBusy(null));
    setProblems(res.ok ? {} : res.error.fields);
    setError(res.ok ? "" : errorText(res.error));
    router.refresh();
  }

  return (
    <div className={styles.form}>
      <p>
        <strong data-testid="course-status">{t(`status.${status}`)}</strong>
      </p>
      <div className={styles.row}>
        {status !== "ARCHIVED" && (
          <BusyButton
            type="button"
            busy={busy === "publish"}
            disabled={busy !== null}
            busyLabel={t("form.working")}
            onClick={() => void act("publish")}
          >
            {status === "PUBLISHED" ? t("publish.update") : t("publish.publish")}
          </BusyButton>
        )}
        {status === "PUBLISHED" && (
          <BusyButton
            type="button"
            className="button secondary"
            busy={busy === "unpublish"}
            disabled={busy !== null}
            busyLabel={t("form.working")}
            onClick={() => void act("unpublish")}
          >
            {t("publish.unpublish")}
          </BusyButton>
        )}
        {status !== "ARCHIVED" && (
          <BusyButton
            type="button"
            className="button secondary"
            busy={busy === "archive"}
            disabled={busy !== null}
            busyLabel={t("form.working")}
            onClick={() => void act("archive")}
          >
            {t("publish.archive")}
          </BusyButton>
        )}
      </div>
      {error && (
        <div className={styles.error} role="alert">
          {Object.keys(problems).length > 0 ? t("publish.cannot") : error}
          <ul>
            {Object.entries(problems).map(([k, v]) => (
              <li key={k} data-field={k}>
                {fieldError(v)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t("publish.listings")}</h3>
      {listings.length === 0 ? (
        <p className="muted">{t("publish.noListings")}</p>
      ) : (
        <table className={styles.table} aria-label={t("publish.listings")}>
          <thead>
            <tr>
              <th>{t("publish.currency")}</th>
              <th>{t("publish.price")}</th>
              <th>{t("publish.active")}</th>
              <th>{t("publish.tx")}</th>
            </tr>
          </thead>
          <tbody>
            {listings.map((l) => (
              <tr key={l.currency} data-testid={`listing-${l.currency}`}>
                <td>{l.currency}</td>
                <td>{formatUnits(BigInt(l.price), 18)}</td>
                <td>{l.active ? t("publish.active") : t("publish.inactive")}</td>
                <td>
                  <span data-testid={`listing-${l.currency}-status`}>{t(`publish.outbox.${l.outbox.status}`)}</span>
                  {l.outbox.txHash && (
                    <LongValue
                      value={l.outbox.txHash}
                      href={txExplorerUrl(chainId, l.outbox.txHash)}
                      label={t("publish.txHash")}
                    />
                  )}
                  {l.outbox.status === "FAILED" && l.outbox.lastError && (
                    <span className={styles.error}> {l.outbox.lastError}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
