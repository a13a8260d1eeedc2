/**
 * Shows course content in the learner's preferred language: the player's lesson title, text and captions (and the
 * curriculum's lesson titles) are replaced by the translation when one exists; otherwise the original stays and
 * the page says so. Quizzes, flashcards and video/PDF files are always the original's.
 */
import type { PrismaClient } from "@smolitux/db";
import type { PlayerData } from "@/features/learning/player.ts";
import { renderMarkdown } from "@/lib/markdown.ts";
import { preferredContentLanguage, primaryLanguage, type ContentLanguage } from "./schemas.ts";

/** What the player says about the language of the shown lesson. */
export interface ContentLanguageState {
  /** the course's own language (primary subtag) */
  original: string;
  /** the learner's preferred content language, null when none is known */
  preferred: ContentLanguage | null;
  /** the language shown: `preferred` when translated, else `original` */
  shown: string;
  /** the preferred language differs from the original and this lesson has no translation into it */
  missing: boolean;
}

/**
 * Applies the `preferred` translation to player data (a new object; `data` is not changed).
 * @returns the localized data and the language state for the page's note
 */
export async function localizePlayer(
  db: Pick<PrismaClient, "lessonTranslation">,
  data: PlayerData,
  preferred: ContentLanguage | null,
): Promise<{ data: PlayerData; language: ContentLanguageState }> {
  const original = primaryLanguage(data.course.language);
  if (!preferred || preferred === original) {
    return { data, language: { original, preferred, shown: original, missing: false } };
  }
  const ids = data.sections.flatMap((s) => s.lessons.map((l) => l.id));
  const rows = await db.lessonTranslation.findMany({
    where: { lessonId: { in: ids }, language: preferred },
    select: { lessonId: true, title: true, body: true, captionsId: true },
  });
  const byLesson = new Map(rows.map((r) => [r.lessonId, r]));
  const current = byLesson.get(data.lesson.id);
  const localized: PlayerData = {
    ...data,
    sections: data.sections.map((s) => ({
      ...s,
      lessons: s.lessons.map((l) => ({ ...l, title: byLesson.get(l.id)?.title ?? l.title })),
    })),
    lesson: current
      ? {
          ...data.lesson,
          title: current.title,
          bodyHtml: current.body.trim() ? await renderMarkdown(current.body) : data.lesson.bodyHtml,
          captionsUrl: current.captionsId
            ? `/api/media/${encodeURIComponent(current.captionsId)}`
            : data.lesson.captionsUrl,
        }
      : data.lesson,
  };
  return {
    data: localized,
    language: { original, preferred, shown: current ? preferred : original, missing: !current },
  };
}

/**
 * The content language to show a viewer: the account's setting, else the browser's Accept-Language (see
 * {@link preferredContentLanguage}); anonymous viewers use the browser's.
 */
export async function viewerContentLanguage(
  db: Pick<PrismaClient, "user">,
  userId: string | null,
  acceptLanguage: string | null,
): Promise<ContentLanguage | null> {
  const setting = userId
    ? ((await db.user.findUnique({ where: { id: userId }, select: { contentLanguage: true } }))?.contentLanguage ??
      null)
    : null;
  return preferredContentLanguage(setting, acceptLanguage);
}
