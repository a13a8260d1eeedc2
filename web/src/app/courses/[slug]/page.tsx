import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { courseBySlug } from "@/features/catalog/queries";
import { renderMarkdown } from "@/lib/markdown";
import { formatPrice } from "@/lib/money";
import { db } from "@/server/db";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const course = await courseBySlug(db(), (await params).slug);
  const t = await getTranslations("catalog.course");
  return { title: course?.title ?? t("notFound"), description: course?.subtitle };
}

export default async function CoursePage({ params }: Props) {
  const course = await courseBySlug(db(), (await params).slug);
  if (!course) notFound();
  const t = await getTranslations("catalog");
  const locale = await getLocale();
  const descriptionHtml = await renderMarkdown(course.description);
  return (
    <div className="course-layout">
      <div>
        <h1>{course.title}</h1>
        {course.subtitle && <p className="muted">{course.subtitle}</p>}
        <p className="muted">
          By {course.providerName} · {course.language.toUpperCase()} · {course.level.toLowerCase()} ·{" "}
          {course.lessonCount} lessons
        </p>
        <div className="prose" dangerouslySetInnerHTML={{ __html: descriptionHtml }} />
        <h2>{t("course.curriculum")}</h2>
        <ol className="curriculum" aria-label={t("course.curriculum")}>
          {course.sections.map((s) => (
            <li key={s.id}>
              <strong>{s.title}</strong>
              <ol>
                {s.lessons.map((l) => (
                  <li key={l.id}>
                    {l.title} <span className="muted">({t(`kind.${l.kind as "TEXT"}`)})</span>
                    {l.isPreview && <span className="badge"> {t("course.preview")}</span>}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
        {course.providerBio && (
          <>
            <h2>{t("course.aboutProvider")}</h2>
            <p>{course.providerBio}</p>
          </>
        )}
        {course.license && <p className="muted">{t("course.licence", { licence: course.license })}</p>}
      </div>
      <aside className="card buy-box" aria-label={t("course.prices")}>
        {course.isFree ? (
          <p className="price">{t("card.free")}</p>
        ) : (
          <ul aria-label={t("course.prices")}>
            {course.prices.map((p) => (
              <li key={p.currency} className="price">
                {formatPrice(p.amount, p.currency, locale)}
              </li>
            ))}
          </ul>
        )}
      </aside>
    </div>
  );
}
