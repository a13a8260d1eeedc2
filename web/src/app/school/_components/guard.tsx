/** Server guard of the school pages: the signed-in teacher/admin, or a message page. */
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { canTeach } from "@/features/school/access";
import { getSessionUser, type SessionUser } from "@/server/auth";

/** The user when they may use the school area; otherwise the element to render instead. */
export async function schoolUser(callbackUrl: string): Promise<{ user: SessionUser } | { denied: ReactNode }> {
  const t = await getTranslations("school");
  const user = await getSessionUser();
  if (user && canTeach(user)) return { user };
  return {
    denied: (
      <section>
        <h1>{t("title")}</h1>
        {user ? (
          <p role="alert">{t("forbidden")}</p>
        ) : (
          <p>
            <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>{t("signIn")}</Link>
          </p>
        )}
      </section>
    ),
  };
}
