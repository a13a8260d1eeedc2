"use client";
/** "Mark as done" for TEXT, PDF, VIDEO and FLASHCARDS lessons; refreshes the page (curriculum ticks). */
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { lessonApi, postJson } from "./api";

export function MarkDone({ lessonId, completed }: { lessonId: string; completed: boolean }) {
  const t = useTranslations("learning.player");
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState(false);
  if (completed) {
    return (
      <p className="lesson-done" role="status">
        ✓ {t("completed")}
      </p>
    );
  }
  return (
    <div>
      <button
        className="button"
        type="button"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setError(false);
          const res = await postJson(lessonApi(lessonId, "complete"));
          setPending(false);
          if (res.ok) router.refresh();
          else setError(true);
        }}
      >
        {t("markDone")}
      </button>
      {error && <p role="alert">{t("error")}</p>}
    </div>
  );
}
