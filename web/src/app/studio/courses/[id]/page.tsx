import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getStudioCourse } from "@/features/studio/courses";
import { priceText } from "@/features/studio/prices";
import { coverCropSchema } from "@/features/studio/schemas";
import { ApiError } from "@/server/http";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { CourseForm } from "../../_components/course-form";
import { EditorTabs } from "../../_components/editor-tabs";
import { Curriculum } from "../../_components/curriculum";
import { NotProvider, studioPageUser } from "../../_components/guard";
import { PricingForm } from "../../_components/pricing-form";
import { PublishPanel } from "../../_components/publish-panel";
import type { EditorSection } from "../../_components/types";
import styles from "../../_components/studio.module.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

async function load(id: string) {
  const user = await studioPageUser(`/studio/courses/${id}`);
  if (!user) return null;
  try {
    return await getStudioCourse(db(), user, id);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403)) notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const course = await load((await params).id);
  return { title: course?.title ?? (await getTranslations("studio"))("title") };
}

export default async function CourseEditorPage({ params }: Props) {
  const course = await load((await params).id);
  if (!course) return <NotProvider />;
  const t = await getTranslations("studio");
  const sections: EditorSection[] = course.sections.map((s) => ({
    id: s.id,
    title: s.title,
    lessons: s.lessons.map((l) => ({
      id: l.id,
      title: l.title,
      kind: l.kind,
      body: l.body,
      isPreview: l.isPreview,
      mediaId: l.mediaId,
      captionsId: l.captionsId,
      durationSeconds: l.durationSeconds,
      passMarkPercent: l.passMarkPercent,
      quizMaxAttempts: l.quizMaxAttempts,
      quizCooldownSeconds: l.quizCooldownSeconds,
      mediaName: l.media?.originalName ?? null,
      questions: l.questions,
      flashcards: l.flashcards,
    })),
  }));
  return (
    <div>
      <h1>{course.title}</h1>
      <p className={styles.row}>
        <span className="badge">{t(`status.${course.status}`)}</span>
        <Link href={`/studio/courses/${course.id}/preview`}>{t("editor.previewCourse")}</Link>
        <Link href="/studio">{t("myCourses")}</Link>
      </p>
      <EditorTabs
        label={t("tabs.label")}
        tabs={[
          {
            id: "details",
            label: t("editor.details"),
            content: (
              <section className={styles.panel} aria-labelledby="details">
                <h2 id="details">{t("editor.details")}</h2>
                <CourseForm
                  courseId={course.id}
                  initial={{
                    title: course.title,
                    subtitle: course.subtitle,
                    description: course.description,
                    language: course.language,
                    level: course.level,
                    category: course.category,
                    tags: course.tags,
                    learningOutcomes: course.learningOutcomes,
                    requirements: course.requirements,
                    coverId: course.coverId,
                    videoCompletionPercent: course.videoCompletionPercent,
                    coverAlt: course.coverAlt,
                    coverOriginal:
                      course.coverId && course.coverSourceId
                        ? {
                            assetId: course.coverSourceId,
                            crop: coverCropSchema.safeParse(course.coverCrop).data ?? null,
                          }
                        : null,
                  }}
                />
              </section>
            ),
          },
          {
            id: "curriculum",
            label: t("editor.curriculum"),
            content: (
              <section className={styles.panel} aria-labelledby="curriculum">
                <h2 id="curriculum">{t("editor.curriculum")}</h2>
                <Curriculum courseId={course.id} sections={sections} />
              </section>
            ),
          },
          {
            id: "pricing",
            label: t("editor.pricing"),
            content: (
              <section className={styles.panel} aria-labelledby="pricing">
                <h2 id="pricing">{t("editor.pricing")}</h2>
                <PricingForm
                  courseId={course.id}
                  initial={{
                    isFree: course.isFree,
                    prices: Object.fromEntries(course.prices.map((p) => [p.currency, priceText(p.currency, p.amount)])),
                    refundWindowDays: course.refundWindowDays,
                    payoutAddress: course.payoutAddress ?? "",
                  }}
                />
              </section>
            ),
          },
          {
            id: "publishing",
            label: t("editor.publishing"),
            content: (
              <section className={styles.panel} aria-labelledby="publishing">
                <h2 id="publishing">{t("editor.publishing")}</h2>
                <PublishPanel courseId={course.id} status={course.status} chainId={env().CHAIN_ID} />
                {course.status === "PUBLISHED" && (
                  <p>
                    <a
                      className="button"
                      href={`/api/studio/courses/${course.id}/pack`}
                      download
                      data-testid="export-pack"
                    >
                      {t("editor.exportPack")}
                    </a>{" "}
                    <span className="muted">{t("editor.exportPackHint")}</span>
                  </p>
                )}
              </section>
            ),
          },
        ]}
      />
    </div>
  );
}
