import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { hasRole, getSessionUser, type SessionUser } from "@/server/auth";

/**
 * The signed-in provider/admin for a studio page; redirects anonymous visitors to sign-in.
 * @returns the user, or null when signed in without the PROVIDER role (render {@link NotProvider})
 */
export async function studioPageUser(callbackPath: string): Promise<SessionUser | null> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return hasRole(user, "PROVIDER", "PLATFORM_ADMIN") ? user : null;
}

/** What a signed-in non-provider sees instead of the studio. */
export async function NotProvider() {
  const t = await getTranslations("studio");
  return (
    <section>
      <h1>{t("title")}</h1>
      <p>{t("notProvider")}</p>
      <Link href="/account" className="button">
        {t("toAccount")}
      </Link>
    </section>
  );
}
