import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { learnHref, previewLessonHref } from "@/features/catalog/links";
import { courseBySlug, type CourseDetail } from "@/features/catalog/queries";
import { learnerCourseState } from "@/features/learning/dashboard";
import { renderMarkdown } from "@/lib/markdown";
import { formatPrice, primaryCurrency } from "@/lib/money";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { RatingBadge, RatingDetails } from "../_components/rating";
import "../_components/catalog.css";
import { getSessionUser } from "@/server/auth";
import { holdsPackLicence } from "@/features/packs/service";
import { cardPaymentsEnabled } from "@/server/stripe";
import { linkedWallets } from "@/features/auth/wallets";
import { BuyBox } from "./_components/buy-box";
import { CourseCover } from "@/app/_components/course-cover";
import { DeferredHydration } from "@/app/_components/deferred-hydration";
import { InstructorCard } from "./_components/instructor-card";
import { ALL_SECTIONS_OPEN, Curriculum } from "./_components/curriculum";
import { Duration } from "./_components/duration";
import { ProviderAvatar } from "@/app/_components/provider-avatar";
import { Reviews } from "./_components/reviews";
import { unlinkedPurchases } from "@/features/checkout/crypto/unlinked-purchases";
import { UnlinkedPurchases } from "@/app/dashboard/_components/unlinked-purchases";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** `?sections=all` opens every curriculum section; any other query is ignored (the page is shown as without it). */
const curriculumQuery = z.object({ sections: z.literal(ALL_SECTIONS_OPEN.sections) });

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const course = await courseBySlug(db(), (await params).slug);
  const t = await getTranslations("catalog.course");
  return { title: course?.title ?? t("notFound"), description: course?.subtitle };
}

export default async function CoursePage({ params, searchParams }: Props) {
  const course = await courseBySlug(db(), (await params).slug);
  if (!course) notFound();
  const allSectionsOpen = curriculumQuery.safeParse(await searchParams).success;
  const t = await getTranslations("catalog");
  const format = await getFormatter();
  const locale = await getLocale();
  const language = new Intl.DisplayNames([locale], { type: "language" }).of(course.language) ?? course.language;
  const descriptionHtml = await renderMarkdown(course.description);
  const user = await getSessionUser();
  const [learner, wallets] = user
    ? await Promise.all([learnerCourseState(db(), user.id, course.id), linkedWallets(db(), user.id)])
    : [null, null];
  // bought from a wallet this account does not have: say where the purchase went and offer linking
  const unlinked = user && !learner ? await unlinkedPurchases(db(), user.id, { courseId: course.id }) : [];
  const preview = course.sections.flatMap((s) => s.lessons).find((l) => l.isPreview && l.kind === "VIDEO");
  const level = t(`level.${course.level as "BEGINNER"}`);
  const buyBox = (
    <BuyBox
      isFree={course.isFree}
      prices={course.prices}
      course={{ id: course.id, slug: course.slug, refundWindowDays: course.refundWindowDays }}
      cardEnabled={cardPaymentsEnabled()}
      learner={learner}
      signedIn={user !== null}
      accountWallets={wallets}
      offline={env().OFFLINE_MODE}
      packDownload={user !== null && learner !== null && holdsPackLicence(user, { status: "ACTIVE", ...learner })}
    />
  );
  return (
    <>
      {/* Grid areas (globals.css): hero and details on the left, the buy box on the right; on phones the buy
          box comes right after the hero, before the details. */}
      <div className="course-layout">
        <div className="course-main course-top">
          <div className="course-hero">
            <h1>{course.title}</h1>
            {course.subtitle && <p className="lead">{course.subtitle}</p>}
            <p className="muted course-byline">
              <ProviderAvatar name={course.instructor.name} image={course.instructor.image} size={28} />{" "}
              {t("course.by", { provider: course.instructor.name })} · <RatingBadge rating={course.rating} />
            </p>
            <CourseCover cover={course.cover} title={course.title} sizes="(max-width: 800px) 100vw, 760px" priority />
            {preview && !learner && (
              <p>
                <Link className="button secondary" href={previewLessonHref(course.slug, preview.id)}>
                  ▶ {t("course.watchPreview")}
                </Link>
              </p>
            )}
            <dl className="course-facts" aria-label={t("course.facts")} data-testid="course-facts">
              <div>
                <dt>{t("course.lessonsLabel")}</dt>
                <dd data-fact="lessons">{t("course.lessons", { count: course.lessonCount })}</dd>
              </div>
              {course.videoSeconds > 0 && (
                <div>
                  <dt>{t("course.videoDuration")}</dt>
                  <dd data-fact="duration">
                    <Duration seconds={course.videoSeconds} />
                  </dd>
                </div>
              )}
              <div>
                <dt>{t("course.level")}</dt>
                <dd data-fact="level">{level}</dd>
              </div>
              <div>
                <dt>{t("course.language")}</dt>
                <dd data-fact="language" lang={course.language}>
                  {language}
                </dd>
              </div>
              <div>
                <dt>{t("course.updated")}</dt>
                <dd data-fact="updated">
                  <time dateTime={course.updatedAt}>
                    {format.dateTime(new Date(course.updatedAt), { dateStyle: "medium" })}
                  </time>
                </dd>
              </div>
            </dl>
          </div>
        </div>
        <div className="course-main course-details">
          {/* hydrated after the hero and the buy box, in short slices (synchronous server output; Reviews is async) */}
          <DeferredHydration>
            {course.learningOutcomes.length > 0 && (
              <section className="card learn-box" aria-labelledby="learn-heading" data-testid="learning-outcomes">
                <h2 id="learn-heading">{t("course.learn")}</h2>
                <ul className="checklist">
                  {course.learningOutcomes.map((o) => (
                    <li key={o}>{o}</li>
                  ))}
                </ul>
              </section>
            )}
            {course.requirements.length > 0 && (
              <section aria-labelledby="requirements-heading" data-testid="requirements">
                <h2 id="requirements-heading">{t("course.requirements")}</h2>
                <ul>
                  {course.requirements.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </section>
            )}
            <div className="prose" dangerouslySetInnerHTML={{ __html: descriptionHtml }} />
            <h2 id="curriculum">{t("course.curriculum")}</h2>
            <Curriculum course={course} allOpen={allSectionsOpen} />
            <h2>{t("rating.title")}</h2>
            <RatingDetails rating={course.rating} />
          </DeferredHydration>
          <Reviews courseId={course.id} slug={course.slug} />
          <DeferredHydration>
            <InstructorCard instructor={course.instructor} others={course.otherCourses} />
            {course.license && <p className="muted">{t("course.licence", { licence: course.license })}</p>}
          </DeferredHydration>
        </div>
        <div className="course-aside">
          {unlinked.length > 0 && <UnlinkedPurchases purchases={unlinked} chainId={env().CHAIN_ID} withTitle={false} />}
          {buyBox}
        </div>
      </div>
      <StickyBuyBar course={course} locale={locale} learner={learner} />
    </>
  );
}

/**
 * Phones only (CSS): a bar fixed to the bottom with the primary price and a button to the buy box — or, for
 * an enrolled learner, "Go to the course".
 */
async function StickyBuyBar({
  course,
  locale,
  learner,
}: {
  course: CourseDetail;
  locale: string;
  learner: Awaited<ReturnType<typeof learnerCourseState>>;
}) {
  const t = await getTranslations("catalog");
  const primary = primaryCurrency(
    course.prices.map((p) => p.currency),
    locale,
  );
  const price = course.prices.find((p) => p.currency === primary);
  return (
    <div className="sticky-buy" data-testid="sticky-buy">
      {learner ? (
        <Link className="button" href={learnHref(course.slug, learner.resumeLessonId)}>
          {t("buy.stickyGo")}
        </Link>
      ) : (
        <>
          <span className="price">
            {course.isFree ? t("card.free") : price ? formatPrice(price.amount, price.currency, locale) : ""}
          </span>
          <a className="button" href="#buy">
            {course.isFree ? t("buy.stickyEnroll") : t("buy.stickyBuy")}
          </a>
        </>
      )}
    </div>
  );
}
