import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { assertCanManage, listCodes } from "@/features/access-codes/service";
import { getSessionUser } from "@/server/auth";
import { db } from "@/server/db";
import { ApiError } from "@/server/http";
import { CodesManager } from "./_components/codes-manager";

export const dynamic = "force-dynamic";

/** /studio/courses/<id>/codes — the provider's (or a school/platform admin's) access-code management. */
export default async function CourseCodesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const t = await getTranslations("enrollment.codes");
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/studio/courses/${id}/codes`)}`);
  let course: { id: string; title: string };
  try {
    course = await assertCanManage(db(), user, id);
  } catch (err) {
    if (err instanceof ApiError && err.code === "not_found") notFound();
    if (err instanceof ApiError && err.code === "forbidden") return <p role="alert">{t("forbidden")}</p>;
    throw err;
  }
  const codes = await listCodes(db(), user, id);
  return (
    <section aria-labelledby="codes-title">
      <h1 id="codes-title">{t("title", { title: course.title })}</h1>
      <p className="muted">{t("lead")}</p>
      <CodesManager courseId={course.id} initialCodes={codes} />
    </section>
  );
}
