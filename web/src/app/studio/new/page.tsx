import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { CourseForm } from "../_components/course-form";
import { NotProvider, studioPageUser } from "../_components/guard";
import styles from "../_components/studio.module.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("studio"))("newCourse") };
}

export default async function NewCoursePage() {
  if (!(await studioPageUser("/studio/new"))) return <NotProvider />;
  const t = await getTranslations("studio");
  const locale = await getLocale();
  return (
    <section className={styles.panel}>
      <h1>{t("newCourse")}</h1>
      <CourseForm
        initial={{
          title: "",
          subtitle: "",
          description: "",
          language: locale,
          level: "BEGINNER",
          category: "general",
          tags: [],
          learningOutcomes: [],
          requirements: [],
          coverId: null,
          videoCompletionPercent: 90,
          coverAlt: "",
          coverOriginal: null,
        }}
      />
    </section>
  );
}
