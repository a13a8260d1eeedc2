import Link from "next/link";
import type { CourseCard as Card } from "@/features/catalog/queries";
import { formatPrice } from "@/lib/money";

/** A course tile for catalog listings. */
export function CourseCard({ course }: { course: Card }) {
  return (
    <article className="card" data-testid="course-card">
      <h3>
        <Link href={`/courses/${course.slug}`}>{course.title}</Link>
      </h3>
      {course.subtitle && <p className="muted">{course.subtitle}</p>}
      <p className="muted">
        {course.providerName} · {course.lessonCount} lessons ·{" "}
        <span className="badge">{course.level.toLowerCase()}</span>
      </p>
      <div className="prices">
        {course.isFree ? (
          <span className="price">Free</span>
        ) : (
          course.prices.map((p) => (
            <span key={p.currency} className="price">
              {formatPrice(p.amount, p.currency)}
            </span>
          ))
        )}
      </div>
    </article>
  );
}
