/**
 * Reviews on the course page: the list with provider replies, the signed-in learner's review form (when
 * eligible: enrolled with a completed lesson), and reply forms for the course's provider.
 */
import { getFormatter, getTranslations } from "next-intl/server";
import { listCourseReviews, myReview, reviewEligibility } from "@/features/reviews/service";
import { getSessionUser } from "@/server/auth";
import { db } from "@/server/db";
import { ReplyForm, ReviewForm } from "./lazy-review-forms";
import "./reviews.css";

export async function Reviews({ courseId, slug }: { courseId: string; slug: string }) {
  const t = await getTranslations("reviews");
  const row = await db().course.findUnique({ where: { id: courseId }, select: { providerId: true } });
  if (!row) return null;
  const course = { id: courseId, slug, providerId: row.providerId };
  const format = await getFormatter();
  const user = await getSessionUser();
  const reviews = await listCourseReviews(db(), course.id);
  const isProvider = user?.id === course.providerId;
  const eligibility = user ? await reviewEligibility(db(), user.id, course) : null;
  const mine = user && eligibility === "ok" ? await myReview(db(), user.id, course.id) : null;
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });
  return (
    <section aria-labelledby="reviews-title">
      <h2 id="reviews-title">{t("title")}</h2>
      {eligibility === "ok" ? (
        <ReviewForm slug={course.slug} initial={mine ? { rating: mine.rating, body: mine.body } : null} />
      ) : (
        !isProvider && (
          <p className="muted">
            {eligibility === null
              ? t("eligibility.signIn")
              : eligibility !== "own_course" && t(`eligibility.${eligibility}`)}
          </p>
        )
      )}
      {reviews.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <ul className="reviews-list">
          {reviews.map((r) => (
            <li key={r.id}>
              <p>
                <strong aria-label={t("stars", { rating: r.rating })}>
                  {"★".repeat(r.rating)}
                  {"☆".repeat(5 - r.rating)}
                </strong>{" "}
                {r.authorName || t("anonymous")} · <span className="muted">{date(r.createdAt)}</span>
              </p>
              {r.body && <p className="review-body">{r.body}</p>}
              {r.reply && !isProvider && (
                <div className="review-reply">
                  <strong>{t("providerReply")}</strong>
                  <p>{r.reply}</p>
                </div>
              )}
              {isProvider && <ReplyForm reviewId={r.id} initial={r.reply} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
