"use client";
/** Profile picture / provider logo: choose a PNG, JPEG or WebP → PUT /api/account/avatar (raw body); remove. */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";

export function AvatarForm({ image }: { image: string | null }) {
  const t = useTranslations("auth.account.avatar");
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
    const problem = (await res?.json().catch(() => null)) as { error?: { code?: string } } | null;
    setState("idle");
    setError(
      problem?.error?.code === "payload_too_large"
        ? t("tooLarge")
        : problem?.error?.code === "unsupported_media_type"
          ? t("wrongType")
          : t("failed"),
    );
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
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void put(file);
        }}
      />
      <small className="muted">{t("hint")}</small>
      {image && (
        <button type="button" className="button secondary" disabled={state === "saving"} onClick={() => void put(null)}>
          {t("remove")}
        </button>
      )}
      {state === "saving" && <span role="status">{t("saving")}</span>}
      {state === "saved" && <span role="status">{t("saved")}</span>}
      {error && <span role="alert">{error}</span>}
    </div>
  );
}
