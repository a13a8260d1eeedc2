import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getSessionUser, hasRole } from "@/server/auth";
import { env, signUpOpen } from "@/server/env";
import { SignOutButton } from "../(auth)/_components/sign-out-button";

/**
 * Header account menu: "Sign in" and "Sign up" for visitors ("Sign up" only while self sign-up is open: SIGNUP,
 * closed by default on an offline school server); for signed-in users "My learning" (dashboard), "Earnings"
 * (providers), "School" (teachers, school admins), "Admin" (school/platform admins), their name (→ /account) and "Sign out".
 */
export async function UserMenu() {
  const t = await getTranslations("auth.menu");
  const user = await getSessionUser();
  if (!user)
    return (
      <span className="user-menu">
        <Link href="/signin">{t("signIn")}</Link>
        {signUpOpen(env()) && (
          <Link href="/signup" className="button nav-signup">
            {t("signUp")}
          </Link>
        )}
      </span>
    );
  const label = user.name ?? user.email ?? t("account");
  return (
    <span className="user-menu" role="group" aria-label={t("label")}>
      <Link href="/dashboard">{t("dashboard")}</Link>
      <Link href="/certificates">{t("certificates")}</Link>
      {hasRole(user, "PROVIDER") && <Link href="/earnings">{t("earnings")}</Link>}
      {hasRole(user, "TEACHER", "SCHOOL_ADMIN", "PLATFORM_ADMIN") && <Link href="/school">{t("school")}</Link>}
      {hasRole(user, "SCHOOL_ADMIN", "PLATFORM_ADMIN") && <Link href="/admin">{t("admin")}</Link>}
      <Link href="/account" data-testid="user-menu-name" className="user-name" title={label}>
        {label}
      </Link>
      <SignOutButton label={t("signOut")} />
    </span>
  );
}
