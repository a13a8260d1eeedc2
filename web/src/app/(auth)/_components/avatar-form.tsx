"use client";
/**
 * Profile picture / provider logo: choose a PNG, JPEG or WebP → PUT /api/account/avatar (raw body); remove. A refusal
 * is shown beside the file field from the API's field code (`image_too_large`, `image_type`, `image_unreadable`,
 * messages `auth.fieldErrors`), other failures by the API's error code (`auth.errors`) — never the server's English.
 */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ApiFailure } from "@/lib/api-client";
import styles from "../auth.module.css";
import { useAuthFieldError } from "./field";
import { codeText } from "@/i18n/code-text";

/** Field code for the answers of the body-size and content-type guards in front of the route (no `fields`). */
const CODE_AS_FIELD: Record<string, string> = {
  payload_too_large: "image_too_large",
  unsupported_media_type: "image_type",
};

export function AvatarForm({ image }: { image: string | null }) {
  const t = useTranslations("auth.account.avatar");
  const tErr = useTranslations("auth.errors");
  const fieldError = useAuthFieldError();
  const router = useRouter();
  const [state, setState] = useState<"idle" | "saving" | "saved">("idle");
  const [error, setError] = useState<string | null>(null);

  async function put(body: Blob | null) {
    setState("saving");
    setError(null);
    const res = await fetch("/api/account/avatar", {
      method: "PUT",
      headers: { "content-type": body?.type || "application/octet-stream" },
      body: body ?? new Blob([]),
    }).catch(() => null);
    if (res?.ok) {
      setState("saved");
      router.refresh();
      return;
    }
    const problem = (await res?.json().catch(() => null)) as { error?: Partial<ApiFailure> } | null;
    const code = problem?.error?.code;
    const field = problem?.error?.fields?.file ?? (code ? CODE_AS_FIELD[code] : undefined);
    setState("idle");
    setError(field ? fieldError(field)! : !res ? t("failed") : codeText(tErr, "", code, "generic"));
  }

  return (
    <div className="avatar-form" data-testid="avatar-form">
      {image && (
        // eslint-disable-next-line @next/next/no-img-element -- a 256 px WebP served by the app
        <img src={image} alt={t("current")} width={64} height={64} className="avatar" />
      )}
      <label htmlFor="avatar-file">{t("label")}</label>
      <input
        id="avatar-file"
        type="file"
        accept="image/png,image/jpeg,image/webp"
        disabled={state === "saving"}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "avatar-file-error" : "avatar-file-hint"}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void put(file);
        }}
      />
      {error ? (
        <span id="avatar-file-error" className={styles.error} role="alert">
          {error}
        </span>
      ) : (
        <small id="avatar-file-hint" className="muted">
          {t("hint")}
        </small>
      )}
      {image && (
        <button type="button" className="button secondary" disabled={state === "saving"} onClick={() => void put(null)}>
          {t("remove")}
        </button>
      )}
      {state === "saving" && <span role="status">{t("saving")}</span>}
      {state === "saved" && <span role="status">{t("saved")}</span>}
    </div>
  );
}
