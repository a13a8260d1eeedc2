"use client";
/**
 * Shared form state of the studio: a busy flag while a request runs (buttons disabled, `aria-busy`, "Saving…"),
 * the status line ("Saved." / "Please correct the marked fields." / the failure), and the server's field
 * error codes, translated beside the fields in the UI's language (messages `studio.fieldErrors`).
 */
import { useTranslations } from "next-intl";
import { useState } from "react";
import { codeText } from "@/i18n/code-text";
import type { ApiFailure, ApiResult } from "./api";

/**
 * Translates a field error code from the API (messages `studio.fieldErrors`). A code without a message — or a text
 * that is no code — shows the generic "Invalid value." in the UI's language, never the server's English.
 */
export function useFieldError(): (code: string | undefined) => string | undefined {
  const t = useTranslations("studio.fieldErrors");
  return (code) => (code === undefined || code === "" ? undefined : codeText(t, "", code, "invalid"));
}

/**
 * The sentence for a failed request in the UI's language, by the API's stable error `code` (messages `studio.errors`;
 * `network` when the server was not reached, `aborted` for a cancelled upload), never the server's English message.
 */
export function useApiErrorText(): (error: Pick<ApiFailure, "code">) => string {
  const t = useTranslations("studio.errors");
  return (error) => codeText(t, "", error.code, "internal");
}

/** Busy flag, status line and field errors of one studio form. */
export function useFormState() {
  const t = useTranslations("studio.form");
  const errorText = useApiErrorText();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  /**
   * Runs `call` once at a time; sets "Saved." (or `doneText`) on success, the field errors or the failure.
   * @returns the result, or null when a request was already running
   */
  async function run<T>(call: () => Promise<ApiResult<T>>, doneText?: string): Promise<ApiResult<T> | null> {
    if (busy) return null;
    setBusy(true);
    setStatus("");
    try {
      const res = await call();
      if (res.ok) {
        setFields({});
        setStatus(doneText ?? t("saved"));
      } else {
        setFields(res.error.fields);
        setStatus(
          Object.keys(res.error.fields).length > 0 ? t("checkFields") : t("failed", { message: errorText(res.error) }),
        );
      }
      return res;
    } finally {
      setBusy(false);
    }
  }
  return { busy, status, fields, setFields, setStatus, run };
}

/** A submit (or plain) button that is disabled and says "Saving…" while `busy`. */
export function BusyButton({
  busy,
  children,
  busyLabel,
  className = "button",
  type = "submit",
  onClick,
  disabled,
  ...rest
}: {
  busy: boolean;
  children: React.ReactNode;
  busyLabel?: string;
  className?: string;
  type?: "submit" | "button";
  onClick?: () => void;
  disabled?: boolean;
  "aria-label"?: string;
}) {
  const t = useTranslations("studio.form");
  return (
    <button type={type} className={className} disabled={busy || disabled} aria-busy={busy} onClick={onClick} {...rest}>
      {busy ? (busyLabel ?? t("saving")) : children}
    </button>
  );
}
