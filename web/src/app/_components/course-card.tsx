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

/** A course tile (home page, search results): 16:9 cover, title, provider, lessons, level, language, rating when known, prices. */
export function CourseCard({ course }: { course: Card & { rating?: RatingSummary } }) {
  const t = useTranslations("catalog");
  const locale = useLocale();
  return (
    <article className="card" data-testid="course-card">
      <CourseCover cover={course.cover} title={course.title} sizes={CARD_SIZES} />
      <h3>
        <Link href={`/courses/${course.slug}`}>{course.title}</Link>
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
