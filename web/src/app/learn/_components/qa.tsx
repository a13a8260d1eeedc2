import { getTranslations } from "next-intl/server";
import { lessonQa } from "@/features/qa/service";
import { db } from "@/server/db";
import { ApiError } from "@/server/http";
import type { SessionUser } from "@/server/auth";
import { QaPanel } from "./lazy-parts";
import "./qa.css";

/**
 * The lesson's Q&A below the player, for participants of the course (enrolled learners, the provider, admins);
 * nothing for anyone else (free-preview visitors).
 */
export async function LessonQaSection({ lessonId, viewer }: { lessonId: string; viewer: SessionUser | null }) {
  let qa;
  try {
    qa = await lessonQa(db(), viewer, lessonId);
  } catch (err) {
    if (err instanceof ApiError) return null;
    throw err;
  }
  const t = await getTranslations("qa");
  return (
    <section className="qa" aria-labelledby="qa-heading">
      <h2 id="qa-heading">{t("title")}</h2>
      <QaPanel lessonId={lessonId} qa={qa} />
    </section>
  );
}
