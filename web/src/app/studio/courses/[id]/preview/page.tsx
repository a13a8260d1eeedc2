import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getStudioCourse } from "@/features/studio/courses";
import { renderMarkdown } from "@/lib/markdown";
import { ApiError } from "@/server/http";
import { db } from "@/server/db";
import { NotProvider, studioPageUser } from "../../../_components/guard";
import styles from "../../../_components/studio.module.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("studio.editor"))("previewCourse") };
}

/** The course as an enrolled learner sees it (every lesson's content), for the provider to check. */
export default async function CoursePreviewPage({ params }: Props) {
  const id = (await params).id;
  const user = await studioPageUser(`/studio/courses/${id}/preview`);
  if (!user) return <NotProvider />;
  let course;
  try {
    course = await getStudioCourse(db(), user, id);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403)) notFound();
    throw err;
  }
  const t = await getTranslations("studio");
  const bodies = new Map<string, string>();
  for (const s of course.sections) {
    for (const l of s.lessons) if (l.body) bodies.set(l.id, await renderMarkdown(l.body));
  }
  return (
    <article>
      <p className={styles.banner}>
        {t("previewPage.banner")} <Link href={`/studio/courses/${id}`}>{t("previewPage.back")}</Link>
      </p>
      <h1>{course.title}</h1>
      {course.subtitle && <p className="muted">{course.subtitle}</p>}
      {course.coverId && (
        // eslint-disable-next-line @next/next/no-img-element -- served by /api/media
        <img src={`/api/media/${course.coverId}`} alt="" style={{ maxWidth: "100%" }} />
      )}
      <div className="prose" dangerouslySetInnerHTML={{ __html: await renderMarkdown(course.description) }} />
      {course.sections.map((s) => (
        <section key={s.id}>
          <h2>{s.title}</h2>
          {s.lessons.map((l) => (
            <section key={l.id} className={styles.panel}>
              <h3>
                {l.title} <span className="muted">({t(`kinds.${l.kind}`)})</span>
                {l.isPreview && <span className="badge"> {t("editor.freePreview")}</span>}
              </h3>
              {l.kind === "VIDEO" &&
                (l.mediaId ? (
                  <video controls preload="metadata" src={`/api/media/${l.mediaId}`} style={{ maxWidth: "100%" }}>
                    {l.captionsId && <track kind="captions" src={`/api/media/${l.captionsId}`} default />}
                  </video>
                ) : (
                  <p className="muted">{t("previewPage.noMedia")}</p>
                ))}
              {l.kind === "PDF" &&
                (l.mediaId ? (
                  <a href={`/api/media/${l.mediaId}`}>{t("previewPage.openPdf")}</a>
                ) : (
                  <p className="muted">{t("previewPage.noMedia")}</p>
                ))}
              {bodies.has(l.id) && <div className="prose" dangerouslySetInnerHTML={{ __html: bodies.get(l.id)! }} />}
              {l.kind === "QUIZ" && (
                <>
                  <p className="muted">{t("previewPage.passMark", { ratio: l.passMarkPercent / 100 })}</p>
                  <ol>
                    {l.questions.map((q, i) => (
                      <li key={i}>
                        <p>{q.prompt}</p>
                        <ul>
                          {q.options.map((o, j) => (
                            <li key={j}>
                              {o.text} {o.correct && <span className="badge">{t("previewPage.correct")}</span>}
                            </li>
                          ))}
                        </ul>
                        {q.explanation && <p className="muted">{q.explanation}</p>}
                      </li>
                    ))}
                  </ol>
                </>
              )}
              {l.kind === "FLASHCARDS" && (
                <dl>
                  {l.flashcards.map((c, i) => (
                    <div key={i}>
                      <dt>{c.front}</dt>
                      <dd>{c.back}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </section>
          ))}
        </section>
      ))}
    </article>
  );
}
