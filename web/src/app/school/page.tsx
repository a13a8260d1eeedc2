/**
 * /school — teachers and school admins: their classes (admins: all), "New class"; school admins also create
 * teacher accounts and see the staff list with each account's status, "Reset password" (sign-in card) and
 * "Deactivate account" / "Reactivate" (never for their own account). Actions go through /api/school/*.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { isSchoolAdmin } from "@/features/school/access";
import { listClasses } from "@/features/school/classes";
import { listStaff } from "@/features/school/pupils";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { AccountActiveButton } from "./_components/account-active-button";
import { ResetPasswordButton } from "./_components/class-actions";
import { CreateClassForm } from "./_components/create-class-form";
import { CreateTeacherForm } from "./_components/create-teacher-form";
import { schoolUser } from "./_components/guard";
import "./_components/school.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("school"))("title") };
}

export default async function SchoolPage() {
  const guard = await schoolUser("/school");
  if ("denied" in guard) return guard.denied;
  const { user } = guard;
  const t = await getTranslations("school");
  const classes = await listClasses(db(), user);
  const staff = isSchoolAdmin(user) ? await listStaff(db(), user) : [];
  const tr = await getTranslations("auth.roles");
  return (
    <section data-testid="school">
      <h1>{t("title")}</h1>
      <p className="muted">{t("lead")}</p>
      <h2>{t("classes.title")}</h2>
      {classes.length === 0 ? (
        <p className="muted">{t("classes.empty")}</p>
      ) : (
        <table aria-label={t("classes.title")}>
          <thead>
            <tr>
              <th>{t("classes.name")}</th>
              <th>{t("classes.teacher")}</th>
              <th>{t("classes.pupils")}</th>
              <th>{t("classes.courses")}</th>
            </tr>
          </thead>
          <tbody>
            {classes.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link href={`/school/classes/${c.id}`}>{c.name}</Link>
                </td>
                <td>{c.teacherName}</td>
                <td>{c.pupils}</td>
                <td>{c.courses}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("createClass.title")}</h2>
      <CreateClassForm />
      {isSchoolAdmin(user) && (
        <>
          <p>
            <Link href="/school/packs">{t("packs.link")}</Link> ·{" "}
            <Link href="/school/branding">{t("branding.link")}</Link>
          </p>
          <h2>{t("teachers.title")}</h2>
          <p className="muted">{t("teachers.lead")}</p>
          {staff.length > 0 && (
            <table aria-label={t("teachers.title")} data-testid="school-staff">
              <thead>
                <tr>
                  <th>{t("teachers.name")}</th>
                  <th>{t("teachers.username")}</th>
                  <th>{t("teachers.roles")}</th>
                  <th>{t("teachers.classes")}</th>
                  <th>{t("teachers.status")}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {staff.map((s) => (
                  <tr key={s.id} data-username={s.username} className={s.active ? undefined : "pupil-deactivated"}>
                    <td>{s.name}</td>
                    <td>
                      <code>{s.username}</code>
                    </td>
                    <td>
                      {s.roles
                        .filter((r) => r === "TEACHER" || r === "SCHOOL_ADMIN")
                        .map((r) => tr(r))
                        .join(", ")}
                    </td>
                    <td>{s.classes}</td>
                    <td data-testid="staff-status">{s.active ? t("teachers.active") : t("teachers.deactivated")}</td>
                    <td>
                      <ResetPasswordButton userId={s.id} name={s.name ?? s.username} appUrl={env().APP_URL} />
                      {s.id !== user.id && (
                        <AccountActiveButton userId={s.id} name={s.name ?? s.username} active={s.active} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <CreateTeacherForm />
        </>
      )}
    </section>
  );
}
