import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { RatingSummary } from "@/features/catalog/ratings";
import type { CourseCard as Card } from "@/features/catalog/queries";
import { formatPrice, primaryCurrency } from "@/lib/money";
import { RatingBadge } from "../courses/_components/rating";
import { CourseCover } from "./course-cover";
import { ProviderAvatar } from "./provider-avatar";

/** How wide a card's cover is drawn: one column on phones, the grid's ~250–370 px columns above. */
const CARD_SIZES = "(max-width: 480px) 100vw, (max-width: 800px) 50vw, 370px";

/**
 * A course tile (home page, search results): 16:9 cover, title, provider, lessons, level, language, rating when known,
 * one primary price (the course page's currency picker's first choice for this locale) and the other currencies
 * by code ("Also payable in USD, POL, ESN"), never a row of four prices. `priority`: the first tile of a page (its cover is the phone's largest paint: loaded at once, high priority).
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
      <CardPrice
        course={course}
        locale={locale}
        free={t("card.free")}
        also={(currencies) => t("card.alsoPayable", { currencies })}
      />
    </article>
  );
}

/** The card's price: "Free", or the primary price with the other currencies named below it. */
function CardPrice({
  course,
  locale,
  free,
  also,
}: {
  course: Pick<Card, "isFree" | "prices">;
  locale: string;
  free: string;
  also: (currencies: string) => string;
}) {
  if (course.isFree) {
    return (
      <p className="card-price">
        <span className="price">{free}</span>
      </p>
    );
  }
  const primary = primaryCurrency(
    course.prices.map((p) => p.currency),
    locale,
  );
  const main = course.prices.find((p) => p.currency === primary);
  const others = course.prices.filter((p) => p.currency !== primary).map((p) => p.currency);
  if (!main) return null;
  return (
    <p className="card-price" data-testid="card-price">
      <span className="price">{formatPrice(main.amount, main.currency, locale)}</span>
      {others.length > 0 && (
        <span className="muted small" data-testid="card-also-payable">
          {also(new Intl.ListFormat(locale, { type: "conjunction" }).format(others))}
        </span>
      )}
    </p>
  );
}
