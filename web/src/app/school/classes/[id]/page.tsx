/**
 * /school/classes/<id> — one class: pupils (add in bulk, reset passwords → sign-in cards, remove from the class,
 * move to another class, deactivate / reactivate the account), assigned courses
 * (assign / remove) and progress per pupil, lesson and quiz with a CSV download per course.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { assignableCourses } from "@/features/admin/queries";
import { classDetail, listClasses } from "@/features/school/classes";
import { classProgress, type ClassProgress } from "@/features/school/progress";
import { ApiError } from "@/server/http";
import { db } from "@/server/db";
import { env } from "@/server/env";
import {
  AddPupilsForm,
  AssignCourseForm,
  RemoveCourseButton,
  ResetPasswordButton,
} from "../../_components/class-actions";
import { schoolUser } from "../../_components/guard";
import { PupilActions } from "../../_components/pupil-actions";
import "../../_components/school.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("school"))("title") };
}

async function ProgressTable({ p }: { p: ClassProgress }) {
  const t = await getTranslations("school.class");
  const format = await getFormatter();
  return (
    <div className="class-progress-scroll">
      <table aria-label={`${t("progress")}: ${p.course.title}`} data-testid="class-progress" className="class-progress">
        <thead>
          <tr>
            <th>{t("name")}</th>
            {p.lessons.map((l) => (
              <th key={l.id} title={l.section}>
                {l.title}
              </th>
            ))}
            <th>{t("completed")}</th>
            <th>{t("courseDone")}</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr key={r.userId} data-username={r.username ?? ""}>
              <th scope="row">{r.name ?? r.username}</th>
              {r.cells.map((c, i) => (
                <td key={p.lessons[i]?.id ?? i}>
                  {c.quizBestPercent !== null
                    ? `${c.completedAt ? "✓ " : ""}${t("quizScore", { ratio: c.quizBestPercent / 100 })}`
                    : c.completedAt
                      ? "✓"
                      : t("notStarted")}
                </td>
              ))}
              <td>
                {r.completedLessons}/{p.lessons.length}
              </td>
              <td>
                {r.courseCompletedAt
                  ? format.dateTime(new Date(r.courseCompletedAt), { dateStyle: "medium" })
                  : t("notStarted")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function ClassPage({ params }: Props) {
  const { id } = await params;
  const guard = await schoolUser(`/school/classes/${id}`);
  if ("denied" in guard) return guard.denied;
  const t = await getTranslations("school");
  const klass = await classDetail(db(), guard.user, id).catch((err: unknown) => {
    if (err instanceof ApiError && err.code === "not_found") notFound();
    throw err;
  });
  // Sign-in cards name the address pupils type (APP_URL), not the one this teacher's browser happens to use.
  const appUrl = env().APP_URL;
  const [courses, progress, classes] = await Promise.all([
    assignableCourses(db()),
    Promise.all(klass.courses.map((c) => classProgress(db(), guard.user, id, c.id))),
    listClasses(db(), guard.user),
  ]);
  const otherClasses = classes.filter((c) => c.id !== klass.id).map((c) => ({ id: c.id, name: c.name }));
  return (
    <section data-testid="school-class">
      <p>
        <Link href="/school">← {t("class.back")}</Link>
      </p>
      <h1>{klass.name}</h1>
      <h2>{t("class.pupils")}</h2>
      {klass.pupils.length === 0 ? (
        <p className="muted">{t("class.noPupils")}</p>
      ) : (
        <table aria-label={t("class.pupils")} data-testid="class-pupils">
          <thead>
            <tr>
              <th>{t("class.name")}</th>
              <th>{t("class.username")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {klass.pupils.map((p) => (
              <tr key={p.id} data-username={p.username ?? ""} className={p.active ? undefined : "pupil-deactivated"}>
                <td>
                  {p.name}
                  {!p.active && <> ({t("class.deactivated")})</>}
                </td>
                <td>
                  <code>{p.username}</code>
                </td>
                <td>
                  <ResetPasswordButton userId={p.id} name={p.name ?? p.username ?? ""} appUrl={appUrl} />
                  <PupilActions
                    classId={klass.id}
                    pupil={{ id: p.id, name: p.name ?? p.username ?? "", active: p.active }}
                    otherClasses={otherClasses}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t("class.addTitle")}</h3>
      <AddPupilsForm classId={klass.id} appUrl={appUrl} />
      <h2>{t("class.courses")}</h2>
      {klass.courses.length === 0 ? (
        <p className="muted">{t("class.noCourses")}</p>
      ) : (
        <ul data-testid="class-courses">
          {klass.courses.map((c) => (
            <li key={c.id}>
              <Link href={`/courses/${c.slug}`}>{c.title}</Link>{" "}
              <RemoveCourseButton classId={klass.id} courseId={c.id} title={c.title} />
            </li>
          ))}
        </ul>
      )}
      <AssignCourseForm classId={klass.id} courses={courses} />
      <h2>{t("class.progress")}</h2>
      {progress.map((p) => (
        <section key={p.course.id} aria-label={`${t("class.progress")}: ${p.course.title}`}>
          <h3>{p.course.title}</h3>
          <p>
            <a href={`/api/school/classes/${klass.id}/progress?courseId=${p.course.id}&format=csv`} download>
              {t("class.downloadCsv")}
            </a>
          </p>
          <ProgressTable p={p} />
        </section>
      ))}
    </section>
  );
}
