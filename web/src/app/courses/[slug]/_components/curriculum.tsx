import Link from "next/link";
import { useTranslations } from "next-intl";
import { courseHref, previewLessonHref } from "@/features/catalog/links";
import { totalSeconds } from "@/features/catalog/durations";
import type { CourseDetail } from "@/features/catalog/queries";
import { splitDuration } from "@/lib/duration";
import { Duration } from "./duration";
import { LessonKindIcon } from "./lesson-kind-icon";

/** The query that renders every section open (the "Expand all sections" link); anything else: the first only. */
export const ALL_SECTIONS_OPEN = { sections: "all" } as const;

/**
 * The course page's curriculum, Udemy-style, without client JavaScript: one native `<details>` per section
 * (the first open) whose summary shows the section's lesson count and video time; each lesson shows its kind
 * (icon and label), "Preview" with a link for free preview lessons, and a video's playing time — the same
 * per-lesson seconds the course's total is summed from (features/catalog/durations.ts). Text, PDF, quiz and
 * flashcard lessons show no duration: nothing is estimated. "Expand all sections" / "Collapse all sections" is a
 * link to the page with or without `?sections=all` (server-rendered open; the anonymous page cache keeps serving
 * the query-less page). Synchronous: rendered inside DeferredHydration.
 */
export function Curriculum({ course, allOpen }: { course: CourseDetail; allOpen: boolean }) {
  const t = useTranslations("catalog");
  const lessonCount = course.sections.reduce((n, s) => n + s.lessons.length, 0);
  const toggleHref = allOpen
    ? `${courseHref(course.slug)}#curriculum`
    : `${courseHref(course.slug)}?${new URLSearchParams(ALL_SECTIONS_OPEN)}#curriculum`;
  return (
    <div className="curriculum-block" data-testid="curriculum">
      <div className="curriculum-head">
        <p className="muted small-count">
          {t("course.curriculumSections", { count: course.sections.length })} ·{" "}
          {t("course.lessons", { count: lessonCount })}
          {course.videoSeconds > 0 && (
            <>
              {" · "}
              {t("course.curriculumTotal", {
                duration: t("course.duration", splitDuration(course.videoSeconds)),
              })}
            </>
          )}
        </p>
        {course.sections.length > 1 && (
          <Link className="curriculum-toggle" href={toggleHref} scroll={false} replace rel="nofollow">
            {allOpen ? t("course.collapseAll") : t("course.expandAll")}
          </Link>
        )}
      </div>
      <div className="curriculum">
        {course.sections.map((s, i) => {
          const seconds = totalSeconds(s.lessons);
          return (
            <details key={s.id} className="curriculum-section" open={allOpen || i === 0} data-section={s.id}>
              <summary>
                <span className="curriculum-section-title">{s.title}</span>
                <span className="muted small-count curriculum-section-meta">
                  {t("course.lessons", { count: s.lessons.length })}
                  {seconds > 0 && (
                    <>
                      {" · "}
                      <Duration seconds={seconds} />
                    </>
                  )}
                </span>
              </summary>
              <ol>
                {s.lessons.map((l) => (
                  <li key={l.id} className="curriculum-lesson" data-kind={l.kind}>
                    <LessonKindIcon kind={l.kind} />
                    <span className="curriculum-lesson-title">
                      {l.isPreview ? (
                        <Link
                          href={previewLessonHref(course.slug, l.id)}
                          aria-label={t("course.previewLink", { title: l.title })}
                        >
                          {l.title}
                        </Link>
                      ) : (
                        l.title
                      )}
                    </span>
                    <span className="curriculum-lesson-meta">
                      {l.isPreview && <span className="badge">{t("course.preview")}</span>}
                      <span className="muted">{t(`kind.${l.kind as "TEXT"}`)}</span>
                      {l.durationSeconds !== null && l.durationSeconds > 0 && (
                        <Duration className="muted" seconds={l.durationSeconds} />
                      )}
                    </span>
                  </li>
                ))}
              </ol>
            </details>
          );
        })}
      </div>
    </div>
  );
}
