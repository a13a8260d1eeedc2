"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

/**
 * A long machine value (tx hash, address, CID, DID) shown on one line, shortened with an ellipsis when the
 * screen is narrow (the full value stays in the DOM, the tooltip and the clipboard), with a "Copy" button.
 * With `href` the value links there (e.g. a block explorer).
 */
export function LongValue({
  value,
  href,
  testId,
  label,
}: {
  value: string;
  href?: string | null;
  testId?: string;
  /** What the value is, appended (screen readers only) to the copy button's name: "Copy transaction hash". */
  label?: string;
}) {
  const t = useTranslations("common.copy");
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const id = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(id);
  }, [copied]);
  const code = (
    <code data-testid={testId} title={value}>
      {value}
    </code>
  );
  return (
    <span className="long-value">
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer" className="long-value-link">
          {code}
        </a>
      ) : (
        code
      )}
      <button
        type="button"
        className="copy-button"
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? t("done") : t("action")}
        {label && <span className="sr-only"> {label}</span>}
      </button>
    </span>
  );
}
