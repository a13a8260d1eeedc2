"use server";
/**
 * Server action: stores the chosen UI locale in a cookie (one year) and, when signed in, on the account
 * (the language of its mail). Unknown locales are rejected.
 */
import { cookies } from "next/headers";
import { isLocale, LOCALE_COOKIE } from "@/i18n/config";
import { getSessionUser } from "@/server/auth";
import { db } from "@/server/db";

export async function setLocale(locale: string): Promise<{ ok: boolean }> {
  if (!isLocale(locale)) return { ok: false };
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  const user = await getSessionUser();
  if (user) await db().user.update({ where: { id: user.id }, data: { locale }, select: { id: true } });
  return { ok: true };
}
