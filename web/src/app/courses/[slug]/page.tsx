import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { previewLessonHref } from "@/features/catalog/links";
import { courseBySlug } from "@/features/catalog/queries";
import { renderMarkdown } from "@/lib/markdown";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { RatingBadge, RatingDetails } from "../_components/rating";
import "../_components/catalog.css";
import { hasAccess } from "@/features/enrollment/service";
import { getSessionUser } from "@/server/auth";
import { cardPaymentsEnabled } from "@/server/stripe";
import { linkedWallets } from "@/features/auth/wallets";
import { BuyBox } from "./_components/buy-box";
import { CourseCover } from "@/app/_components/course-cover";
import { Reviews } from "./_components/reviews";
import { unlinkedPurchases } from "@/features/checkout/crypto/unlinked-purchases";
import { UnlinkedPurchases } from "@/app/dashboard/_components/unlinked-purchases";

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
  const language = new Intl.DisplayNames([locale], { type: "language" }).of(course.language) ?? course.language;
  const descriptionHtml = await renderMarkdown(course.description);
  const user = await getSessionUser();
  const enrolled = user ? await hasAccess(db(), user.id, course.id) : false;
  // bought from a wallet this account does not have: say where the purchase went and offer linking
  const unlinked = user && !enrolled ? await unlinkedPurchases(db(), user.id, { courseId: course.id }) : [];
  const buyBox = (
    <BuyBox
      isFree={course.isFree}
      prices={course.prices}
      course={{ id: course.id, slug: course.slug, refundWindowDays: course.refundWindowDays }}
      cardEnabled={cardPaymentsEnabled()}
      enrolled={enrolled}
      signedIn={user !== null}
      accountWallets={user ? await linkedWallets(db(), user.id) : null}
      offline={env().OFFLINE_MODE}
    />
  );
  return (
    <div className="course-layout">
      <div>
        <CourseCover cover={course.cover} title={course.title} sizes="(max-width: 800px) 100vw, 760px" priority />
        <h1>{course.title}</h1>
        {course.subtitle && <p className="muted">{course.subtitle}</p>}
        <p className="muted">
          {t("course.meta", {
            provider: course.providerName,
            language,
            level: t(`level.${course.level as "BEGINNER"}`),
            count: course.lessonCount,
          })}{" "}
          · <RatingBadge rating={course.rating} />
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
                    {l.isPreview ? (
                      <Link
                        href={previewLessonHref(course.slug, l.id)}
                        aria-label={t("course.previewLink", { title: l.title })}
                      >
                        {l.title}
                      </Link>
                    ) : (
                      l.title
                    )}{" "}
                    <span className="muted">({t(`kind.${l.kind as "TEXT"}`)})</span>
                    {l.isPreview && <span className="badge"> {t("course.preview")}</span>}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
        <h2>{t("rating.title")}</h2>
        <RatingDetails rating={course.rating} />
        <Reviews courseId={course.id} slug={course.slug} />
        {course.providerBio && (
          <>
            <h2>{t("course.aboutProvider")}</h2>
            <p>
              <strong>{course.providerName}</strong>
            </p>
            <p>{course.providerBio}</p>
          </>
        )}
        {course.license && <p className="muted">{t("course.licence", { licence: course.license })}</p>}
      </div>
      {unlinked.length > 0 ? (
        <div>
          <UnlinkedPurchases purchases={unlinked} chainId={env().CHAIN_ID} withTitle={false} />
          {buyBox}
        </div>
      ) : (
        buyBox
      )}
    </div>
  );
}
