import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { CourseListItem } from "@/features/catalog/search";
import { formatPrice } from "@/lib/money";
import { RatingBadge } from "./rating";

/** A search result tile: title, provider, lessons, level, language, rating and prices. */
export function CatalogCard({ course }: { course: CourseListItem }) {
  const t = useTranslations("catalog");
  const locale = useLocale();
  return (
    <article className="card" data-testid="course-card">
      <h3>
        <Link href={`/courses/${course.slug}`}>{course.title}</Link>
      </h3>
      {course.subtitle && <p className="muted">{course.subtitle}</p>}
      <p className="muted">
        {course.providerName} · {t("card.lessons", { count: course.lessonCount })} ·{" "}
        <span className="badge">{t(`level.${course.level as "BEGINNER"}`)}</span> ·{" "}
        <span lang={course.language}>{course.language.toUpperCase()}</span>
      </p>
      <p>
        <RatingBadge rating={course.rating} />
      </p>
      <div className="prices">
        {course.isFree ? (
          <span className="price">{t("card.free")}</span>
        ) : (
          course.prices.map((p) => (
            <span key={p.currency} className="price">
              {formatPrice(p.amount, p.currency, locale)}
            </span>
          ))
        )}
      </div>
    </article>
  );
}
