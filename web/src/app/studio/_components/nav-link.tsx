import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getSessionUser, hasRole } from "@/server/auth";

/** Header link to the studio, shown to providers and platform admins only. */
export async function StudioNavLink() {
  const user = await getSessionUser();
  if (!hasRole(user, "PROVIDER", "PLATFORM_ADMIN")) return null;
  return <Link href="/studio">{(await getTranslations("studio"))("nav")}</Link>;
}
