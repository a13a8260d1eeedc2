import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { RatingSummary } from "@/features/catalog/ratings";
import type { CourseCard as Card } from "@/features/catalog/queries";
import { formatPrice } from "@/lib/money";
import { RatingBadge } from "../courses/_components/rating";
import { CourseCover } from "./course-cover";
import { ProviderAvatar } from "./provider-avatar";

/** How wide a card's cover is drawn: one column on phones, the grid's ~250–370 px columns above. */
const CARD_SIZES = "(max-width: 480px) 100vw, (max-width: 800px) 50vw, 370px";

/**
 * A course tile (home page, search results): 16:9 cover, title, provider, lessons, level, language, rating when known,
 * prices. `priority`: the first tile of a page (its cover is the phone's largest paint: loaded at once, high priority).
 * The title link does not prefetch: an anonymous visitor's document load of a course page comes from the page cache,
 * while each prefetch would be a fresh server render.
 */
export function CourseCard({
  course,
  priority = false,
}: {
  course: Card & { rating?: RatingSummary };
  priority?: boolean;
}) {
  const t = useTranslations("catalog");
  const locale = useLocale();
  return (
    <article className="card" data-testid="course-card">
      <CourseCover cover={course.cover} title={course.title} sizes={CARD_SIZES} priority={priority} />
      <h3>
        <Link href={`/courses/${course.slug}`} prefetch={false}>
          {course.title}
        </Link>
      </h3>
      {course.subtitle && <p className="muted">{course.subtitle}</p>}
      <p className="muted">
        <ProviderAvatar name={course.providerName} image={course.providerImage} size={20} /> {course.providerName} ·{" "}
        {t("card.lessons", { count: course.lessonCount })} ·{" "}
        <span className="badge">{t(`level.${course.level as "BEGINNER"}`)}</span> ·{" "}
        <span lang={course.language}>{course.language.toUpperCase()}</span>
      </p>
      {course.rating && (
        <p>
          <RatingBadge rating={course.rating} />
        </p>
      )}
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
