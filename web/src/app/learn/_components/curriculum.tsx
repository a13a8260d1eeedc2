/**
 * Curriculum sidebar of the player: the course progress bar (required lessons completed, as on the dashboard),
 * sections, lessons with completion ticks, the current lesson marked.
 */
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { PlayerData } from "@/features/learning/player";
import { progressPercent } from "@/features/learning/dashboard";

/** Required lessons done, their count and the course progress in percent (as on the dashboard). */
function courseProgress(data: PlayerData): { done: number; total: number; percent: number } {
  const required = data.sections.flatMap((s) => s.lessons).filter((l) => l.required);
  const done = required.filter((l) => l.completed).length;
  return { done, total: required.length, percent: progressPercent(done, required.length) };
}

/** Element id of the player's course content list (the phone's progress line links to it). */
export const COURSE_CONTENT_ID = "course-content";

/**
 * Phones only (learn.css): the course progress above the lesson, linking down to the course content list,
 * which a phone shows below the lesson.
 */
export function MobileCourseProgress({ data }: { data: PlayerData }) {
  const t = useTranslations("learning");
  const { done, total, percent } = courseProgress(data);
  if (!data.canTrack || total === 0) return null;
  return (
    <p className="player-mobile-progress">
      <progress max={100} value={percent} aria-label={t("player.courseProgressLabel")} />
      <a href={`#${COURSE_CONTENT_ID}`}>{t("player.courseProgress", { done, total, ratio: percent / 100 })}</a>
    </p>
  );
}

export function Curriculum({ data, href }: { data: PlayerData; href: (lessonId: string) => string }) {
  const t = useTranslations("learning");
  const { done, total, percent } = courseProgress(data);
  return (
    <nav className="player-sidebar" aria-label={t("player.curriculum")} id={COURSE_CONTENT_ID}>
      {data.canTrack && total > 0 && (
        <div className="course-progress-box">
          <progress max={100} value={percent} aria-label={t("player.courseProgressLabel")} />
          <span className="muted small" data-testid="player-course-progress">
            {t("player.courseProgress", { done, total, ratio: percent / 100 })}
          </span>
        </div>
      )}
      <h2>{t("player.curriculum")}</h2>
      <ol className="player-sections">
        {data.sections.map((s) => (
          <li key={s.id}>
            <strong>{s.title}</strong>
            <ol>
              {s.lessons.map((l) => {
                const current = l.id === data.lesson.id;
                const open = data.access === "full" || l.isPreview;
                return (
                  <li key={l.id} className={current ? "current" : undefined}>
                    <span
                      className={`tick ${l.completed ? "done" : ""}`}
                      aria-label={l.completed ? t("player.completed") : t("player.notCompleted")}
                      role="img"
                    >
                      {l.completed ? "✓" : "○"}
                    </span>{" "}
                    {open ? (
                      <Link href={href(l.id)} aria-current={current ? "page" : undefined}>
                        {l.title}
                      </Link>
                    ) : (
                      <span className="muted">{l.title}</span>
                    )}{" "}
                    <span className="muted small">({t(`kind.${l.kind}`)})</span>
                  </li>
                );
              })}
            </ol>
          </li>
        ))}
      </ol>
    </nav>
  );
}
