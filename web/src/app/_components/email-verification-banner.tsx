import { getTranslations } from "next-intl/server";
import { unverifiedEmail } from "@/features/auth/account-mail";
import { getSessionUser } from "@/server/auth";
import { db } from "@/server/db";
import { env, mailEnabled } from "@/server/env";
import { ResendVerification } from "../(auth)/_components/resend-verification";
import { HiddenOnPaths } from "./hidden-on-paths";

/** Pages that show the confirmation state themselves (the sign-up notice, the link's page, /account). */
const OWN_NOTICE = ["/signup/check-inbox", "/verify-email", "/account"];

/**
 * Banner under the header of every page for a signed-in account whose e-mail address is not confirmed yet: says so,
 * points at the mailed link (and the spam folder) and offers "Resend e-mail". Nothing for visitors (so the cached
 * anonymous pages stay as they are), for confirmed accounts, or when the instance sends no mail (no SMTP_URL).
 */
export async function EmailVerificationBanner() {
  // the session first: it reads the request's headers, which marks the render dynamic before env/db are touched
  const user = await getSessionUser();
  if (!user?.email || !mailEnabled(env())) return null;
  const email = await unverifiedEmail(db(), user.id);
  if (!email) return null;
  const t = await getTranslations("auth.verifyNotice");
  return (
    <HiddenOnPaths paths={OWN_NOTICE}>
      <section className="verify-banner" aria-label={t("bannerLabel")} data-testid="verify-banner">
        <div className="container">
          <p>{t("banner", { email })}</p>
          <ResendVerification labels={await resendLabels()} />
        </div>
      </section>
    </HiddenOnPaths>
  );
}

/** The translated texts of the "Resend e-mail" control (messages `auth.verifyNotice`, `auth.errors`). */
export async function resendLabels() {
  const t = await getTranslations("auth.verifyNotice");
  const tErr = await getTranslations("auth.errors");
  return {
    resend: t("resend"),
    sending: t("sending"),
    sent: t("sent"),
    rateLimited: tErr("rate_limited"),
    failed: tErr("generic"),
  };
}
