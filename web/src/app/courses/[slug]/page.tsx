import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { courseBySlug } from "@/features/catalog/queries";
import { renderMarkdown } from "@/lib/markdown";
import { formatPrice } from "@/lib/money";
import { db } from "@/server/db";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const course = await courseBySlug(db(), (await params).slug);
  return { title: course?.title ?? "Course not found", description: course?.subtitle };
}

export default async function CoursePage({ params }: Props) {
  const course = await courseBySlug(db(), (await params).slug);
  if (!course) notFound();
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
        <h2>Curriculum</h2>
        <ol className="curriculum" aria-label="Curriculum">
          {course.sections.map((s) => (
            <li key={s.id}>
              <strong>{s.title}</strong>
              <ol>
                {s.lessons.map((l) => (
                  <li key={l.id}>
                    {l.title} <span className="muted">({l.kind.toLowerCase()})</span>
                    {l.isPreview && <span className="badge"> free preview</span>}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
        {course.providerBio && (
          <>
            <h2>About the provider</h2>
            <p>{course.providerBio}</p>
          </>
        )}
        {course.license && <p className="muted">Licence: {course.license}</p>}
      </div>
      <aside className="card buy-box" aria-label="Price">
        {course.isFree ? (
          <p className="price">Free</p>
        ) : (
          <ul aria-label="Prices">
            {course.prices.map((p) => (
              <li key={p.currency} className="price">
                {formatPrice(p.amount, p.currency)}
              </li>
            ))}
          </ul>
        )}
      </aside>
    </div>
  );
}
