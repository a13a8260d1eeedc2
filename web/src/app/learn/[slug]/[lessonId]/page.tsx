/**
 * The course player: /learn/<slug>/<lessonId>. Full access for enrolled learners (ACTIVE), the course's
 * provider and admins; free-preview lessons for anyone. Opening a lesson records it as the resume point.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { courseHref } from "@/features/catalog/links";
import { playerData, type PlayerData } from "@/features/learning/player";
import { openLesson } from "@/features/learning/progress";
import { appLearningDeps } from "@/features/learning/wiring";
import { localizePlayer, viewerContentLanguage } from "@/features/translations/content";
import { getSessionUser } from "@/server/auth";
import { db } from "@/server/db";
import { ApiError } from "@/server/http";
import { ContentLanguageNote } from "../../_components/content-language-note";
import { completionMoment } from "@/features/certificates/owner";
import { CompletionMoment } from "@/app/_components/completion-moment";
import { DeferredHydration } from "@/app/_components/deferred-hydration";
import { Curriculum, MobileCourseProgress } from "../../_components/curriculum";
import { LessonBody } from "../../_components/lesson-body";
import { LessonQaSection } from "../../_components/qa";
import "../../_components/learn.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; lessonId: string }> };

async function load(slug: string, lessonId: string): Promise<PlayerData | ApiError> {
  try {
    return await playerData(db(), await getSessionUser(), slug, lessonId);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, lessonId } = await params;
  const data = await load(slug, lessonId);
  return { title: data instanceof ApiError ? undefined : `${data.lesson.title} · ${data.course.title}` };
}

export default async function LessonPage({ params }: Props) {
  const { slug, lessonId } = await params;
  const t = await getTranslations("learning.player");
  const loaded = await load(slug, lessonId);
  if (loaded instanceof ApiError) {
    if (loaded.code === "not_found") notFound();
    const here = `/learn/${encodeURIComponent(slug)}/${encodeURIComponent(lessonId)}`;
    return (
      <div className="lesson-locked">
        <h1>{t("lockedTitle")}</h1>
        {loaded.code === "unauthenticated" ? (
          <p>
            {t("lockedSignIn")}{" "}
            <Link className="button" href={`/signin?callbackUrl=${encodeURIComponent(here)}`}>
              {t("signIn")}
            </Link>
          </p>
        ) : (
          <p>{t("lockedEnroll")}</p>
        )}
        <p>
          <Link href={courseHref(slug)}>{t("toCourse")}</Link>
        </p>
      </div>
    );
  }
  const user = await getSessionUser();
  if (loaded.canTrack && user) await openLesson(appLearningDeps(), user.id, lessonId);
  const preferred = await viewerContentLanguage(db(), user?.id ?? null, (await headers()).get("accept-language"));
  const localized = await localizePlayer(db(), loaded, preferred);
  const data = localized.data;
  const completed = data.canTrack && user ? await completionMoment(db(), user.id, data.course.id) : null;
  const href = (id: string) => `/learn/${encodeURIComponent(data.course.slug)}/${encodeURIComponent(id)}`;
  return (
    <div className="player-layout">
      {/* The lesson comes first in the document (phones show it above the course content list); on wider
          screens the grid puts the course content on the left (learn.css). */}
      <article className="player-main">
        <p className="muted">
          <Link href={courseHref(data.course.slug)}>{data.course.title}</Link>
        </p>
        <MobileCourseProgress data={data} />
        {completed && <CompletionMoment courseTitle={data.course.title} certificateId={completed.certificateId} />}
        <h1 lang={localized.language.shown}>{data.lesson.title}</h1>
        <ContentLanguageNote state={localized.language} />
        {data.access === "preview" && (
          <p className="notice" role="note">
            {t("previewNotice")}
          </p>
        )}
        <LessonBody data={data} completion={completed} />
        <nav className="lesson-nav" aria-label={t("lessonNav")}>
          {data.previousId ? (
            <Link className="button secondary" href={href(data.previousId)} rel="prev">
              ← {t("previous")}
            </Link>
          ) : (
            <span />
          )}
          {data.nextId && (
            <Link className="button secondary" href={href(data.nextId)} rel="next">
              {t("next")} →
            </Link>
          )}
        </nav>
        <LessonQaSection lessonId={data.lesson.id} viewer={user} />
      </article>
      {/* the course content list hydrates after the lesson, in short slices (synchronous server output) */}
      <DeferredHydration>
        <Curriculum data={data} href={href} />
      </DeferredHydration>
    </div>
  );
}
