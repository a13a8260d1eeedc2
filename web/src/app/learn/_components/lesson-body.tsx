/** The content of one lesson by kind (VIDEO, TEXT, PDF, QUIZ, FLASHCARDS) plus "mark as done" (not for videos and quizzes). */
import { useTranslations } from "next-intl";
import { getImageProps } from "next/image";
import type { PlayerData } from "@/features/learning/player";
// each part's JavaScript loads only when the lesson shows it (lazy-parts.tsx)
import { Flashcards, MarkDone, PdfViewer, Quiz, VideoPlayer } from "./lazy-parts";

/**
 * The poster of a video lesson: the course's cover at the image optimizer's 828 px width (a phone's player at
 * 2× density). It is the page's largest paint, which would otherwise wait for the video's first frame; the
 * browser's preload scanner finds it in the server-rendered `<video poster>`. Null for courses without a cover or with an SVG cover (no single raster size).
 */
function videoPoster(cover: PlayerData["course"]["cover"]): string | null {
  if (!cover || cover.mimeType === "image/svg+xml") return null;
  const { props } = getImageProps({ src: `/api/media/${cover.id}`, alt: "", width: 828, height: 466 });
  // the 1× candidate of the srcset (`<url> 1x, <url> 2x`) is the 828 px one; `src` is the 2× one
  const poster = props.srcSet?.split(/\s+1x,/)[0] ?? props.src;
  return poster;
}

/**
 * @param completion the course's completion moment for this learner (null until completed): the quiz that completes
 *   the course links to the same certificate page as the completion moment
 */
export function LessonBody({
  data,
  completion,
}: {
  data: PlayerData;
  completion: { certificateId: string | null } | null;
}) {
  const t = useTranslations("learning");
  const { lesson } = data;
  const body = lesson.bodyHtml.trim() ? (
    <div className="prose lesson-text" dangerouslySetInnerHTML={{ __html: lesson.bodyHtml }} />
  ) : null;
  return (
    <div className="lesson-body">
      {lesson.kind === "VIDEO" &&
        (lesson.mediaUrl ? (
          <VideoPlayer
            lessonId={lesson.id}
            src={lesson.mediaUrl}
            poster={videoPoster(data.course.cover)}
            captionsUrl={lesson.captionsUrl}
            srclang={data.course.language}
            canTrack={data.canTrack}
            startAt={data.progress.lastPositionSeconds}
            furthest={data.progress.positionSeconds}
            requiredSeconds={data.progress.requiredSeconds}
            heartbeatIntervalSeconds={data.progress.heartbeatIntervalSeconds}
            completed={data.progress.completed}
          />
        ) : (
          <p className="muted">{t("video.noMedia")}</p>
        ))}
      {lesson.kind === "PDF" &&
        (lesson.mediaUrl ? (
          <div className="pdf-lesson">
            <PdfViewer src={lesson.mediaUrl} title={lesson.title} />
            <p className="pdf-actions">
              <a href={lesson.mediaUrl} target="_blank" rel="noopener">
                {t("player.pdfOpen")}
              </a>
              {" · "}
              <a href={lesson.mediaUrl} download>
                {t("pdf.download")}
              </a>
            </p>
          </div>
        ) : (
          <p className="muted">{t("pdf.noMedia")}</p>
        ))}
      {body}
      {lesson.kind === "QUIZ" && (
        <Quiz
          lessonId={lesson.id}
          questions={lesson.questions}
          passMarkPercent={lesson.passMarkPercent}
          canTrack={data.canTrack}
          lastAttempt={data.lastAttempt}
          attempts={data.quiz}
          completion={completion}
        />
      )}
      {lesson.kind === "FLASHCARDS" && <Flashcards cards={lesson.flashcards} canTrack={data.canTrack} />}
      {data.canTrack && lesson.kind !== "QUIZ" && lesson.kind !== "VIDEO" && (
        <MarkDone lessonId={lesson.id} completed={data.progress.completed} />
      )}
      {data.canTrack && (lesson.kind === "QUIZ" || lesson.kind === "VIDEO") && data.progress.completed && (
        <p className="lesson-done" role="status">
          ✓ {t("player.completed")}
        </p>
      )}
    </div>
  );
}
