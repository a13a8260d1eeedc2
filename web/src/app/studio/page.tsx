import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { listMyCourses } from "@/features/studio/courses";
import { db } from "@/server/db";
import { NotProvider, studioPageUser } from "./_components/guard";
import styles from "./_components/studio.module.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("studio"))("title") };
}

export default async function StudioPage() {
  const user = await studioPageUser("/studio");
  if (!user) return <NotProvider />;
  const t = await getTranslations("studio");
  const courses = await listMyCourses(db(), user);
  return (
    <section>
      <h1>{t("title")}</h1>
      <p>
        <Link href="/studio/new" className="button">
          {t("newCourse")}
        </Link>{" "}
        <Link href="/studio/storefront" className="button secondary">
          {(await getTranslations("storefront"))("settings.link")}
        </Link>
      </p>
      <h2>{t("myCourses")}</h2>
      {courses.length === 0 ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <ul className={styles.list} aria-label={t("myCourses")}>
          {courses.map((c) => (
            <li key={c.id} className={styles.item}>
              <Link href={`/studio/courses/${c.id}`}>{c.title}</Link>{" "}
              <span className="badge">{t(`status.${c.status}`)}</span>{" "}
              <span className="muted">{t("lessons", { count: c.lessonCount })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
