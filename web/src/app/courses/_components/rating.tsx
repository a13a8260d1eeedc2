import { useLocale, useTranslations } from "next-intl";
import type { RatingSummary } from "@/features/catalog/ratings";

/** "4.3" → "4,3" in German; the value stays a one-decimal string from the server. */
function localAverage(average: string, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Number(average));
}

/** Compact rating for cards: `4.3 ★ (12)`, with a full sentence for screen readers. */
export function RatingBadge({ rating }: { rating: RatingSummary }) {
  const t = useTranslations("catalog.rating");
  const locale = useLocale();
  if (rating.average === null) return <span className="muted rating">{t("none")}</span>;
  const average = localAverage(rating.average, locale);
  return (
    <span className="rating" title={t("summary", { average, count: rating.count })}>
      <span aria-hidden="true">{t("short", { average, count: rating.count })}</span>
      <span className="sr-only">{t("summary", { average, count: rating.count })}</span>
    </span>
  );
}

/** Five stars filled to `average` (0–5), drawn with CSS (`::before` glyphs); the value is read out by `label`. */
export function Stars({ average, label }: { average: number; label: string }) {
  const percent = Math.max(0, Math.min(100, (average / 5) * 100));
  return (
    <span className="stars" role="img" aria-label={label}>
      {/* The star glyphs are CSS content (no text nodes): decorative, the label carries the value. */}
      <span className="stars-fill" style={{ width: `${percent}%` }} />
    </span>
  );
}

/** Average with stars, count and the 1–5 distribution (course page). */
export function RatingDetails({ rating }: { rating: RatingSummary }) {
  const t = useTranslations("catalog.rating");
  const locale = useLocale();
  if (rating.average === null) return <p className="muted">{t("none")}</p>;
  const average = localAverage(rating.average, locale);
  return (
    <div className="rating-details">
      <p>
        <strong className="rating-average">{average}</strong>{" "}
        <Stars average={Number(rating.average)} label={t("starsOf", { average })} />{" "}
        <span data-testid="rating-summary">{t("summary", { average, count: rating.count })}</span>
      </p>
      <ul aria-label={t("distribution")} className="rating-distribution">
        {([5, 4, 3, 2, 1] as const).map((stars) => {
          const n = rating.distribution[stars];
          const percent = rating.count === 0 ? 0 : Math.round((n * 100) / rating.count);
          return (
            <li key={stars}>
              <span className="rating-label">{t("stars", { stars })}</span>
              <span className="rating-bar" aria-hidden="true">
                <span style={{ width: `${percent}%` }} />
              </span>
              <span className="muted">{n}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
