"use client";
/** "Enroll for free" on a free course: POST /api/courses/<slug>/enroll-free, then open the player. */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";

export function EnrollFreeButton({ slug, signedIn }: { slug: string; signedIn: boolean }) {
  const t = useTranslations("catalog.buy");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!signedIn) {
    return (
      <a className="button" href={`/signin?callbackUrl=${encodeURIComponent(`/courses/${slug}`)}`}>
        {t("signInToEnroll")}
      </a>
    );
  }
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const res = await fetch(`/api/courses/${encodeURIComponent(slug)}/enroll-free`, { method: "POST" }).catch(
            () => null,
          );
          if (res?.ok) {
            router.push(`/learn/${encodeURIComponent(slug)}`);
            return;
          }
          setBusy(false);
          setError(t("enrollFailed"));
        }}
      >
        {t("enrollFree")}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  );
}
