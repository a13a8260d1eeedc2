/**
 * /admin — school and platform admins: assign a learner to a course, remove assignments, review the audit
 * log (platform admins: every entry; school admins: their own). Platform admins also grant/revoke roles
 * and see payment problems and card payouts (providers' balances, failed transfers).
 * Every action goes through the admin APIs; this page only reads.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { canAssign, isPlatformAdmin } from "@/features/admin/access";
import { assignableCourses, recentAssignments, recentAuditEntries } from "@/features/admin/queries";
import { paymentProblems } from "@/features/checkout/card/problems";
import { failedTransfers, providerCardBalances } from "@/features/payouts/admin";
import { getSessionUser } from "@/server/auth";
import { db } from "@/server/db";
import { AssignForm } from "./_components/assign-form";
import { AssignmentList } from "./_components/assignment-list";
import { CardPayouts } from "./_components/card-payouts";
import { PaymentProblems } from "./_components/payment-problems";
import { RoleForm } from "./_components/role-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("title") };
}

export default async function AdminPage() {
  const t = await getTranslations("admin");
  const format = await getFormatter();
  const user = await getSessionUser();
  if (!user || !canAssign(user)) {
    return (
      <section>
        <h1>{t("title")}</h1>
        {user ? (
          <p role="alert">{t("forbidden")}</p>
        ) : (
          <p>
            <Link href="/signin?callbackUrl=/admin">{t("signIn")}</Link>
          </p>
        )}
      </section>
    );
  }
  const platform = isPlatformAdmin(user);
  const [courses, assignments, audit, problems, balances, failed] = await Promise.all([
    assignableCourses(db()),
    recentAssignments(db(), user),
    recentAuditEntries(db(), user),
    platform ? paymentProblems(db(), user) : null,
    platform ? providerCardBalances(db()) : null,
    platform ? failedTransfers(db()) : null,
  ]);
  return (
    <section data-testid="admin">
      <h1>{t("title")}</h1>
      <p className="muted">{t("lead")}</p>
      <h2>{t("assign.title")}</h2>
      <AssignForm courses={courses} />
      <h2>{t("assignments.title")}</h2>
      <AssignmentList assignments={assignments} />
      {platform && (
        <>
          <h2>{t("roles.title")}</h2>
          <RoleForm />
        </>
      )}
      {problems && <PaymentProblems problems={problems} />}
      {balances && failed && <CardPayouts balances={balances} failed={failed} />}
      <h2>{t("audit.title")}</h2>
      {!platform && <p className="muted">{t("audit.own")}</p>}
      {audit.length === 0 ? (
        <p className="muted">{t("audit.empty")}</p>
      ) : (
        <table data-testid="audit-log">
          <thead>
            <tr>
              <th>{t("audit.when")}</th>
              <th>{t("audit.actor")}</th>
              <th>{t("audit.action")}</th>
              <th>{t("audit.entity")}</th>
              <th>{t("audit.details")}</th>
            </tr>
          </thead>
          <tbody>
            {audit.map((a) => (
              <tr key={a.id} data-action={a.action}>
                <td>{format.dateTime(new Date(a.createdAt), { dateStyle: "medium", timeStyle: "short" })}</td>
                <td>{a.actor ? (a.actor.email ?? a.actor.name) : t("audit.system")}</td>
                <td>
                  <code>{a.action}</code>
                </td>
                <td>
                  {a.entity} <code>{a.entityId}</code>
                </td>
                <td>
                  <code>{JSON.stringify(a.details).slice(0, 200)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
