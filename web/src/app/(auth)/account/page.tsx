import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getAccountOverview } from "@/features/auth/account";
import { preferredContentLanguage } from "@/features/translations/schemas";
import { getSessionUser } from "@/server/auth";
import { db } from "@/server/db";
import { env, mailEnabled } from "@/server/env";
import styles from "../auth.module.css";
import {
  AddPasswordForm,
  ChangePasswordForm,
  ProfileForm,
  ProviderForm,
  WalletList,
} from "../_components/account-forms";
import { ContentLanguageForm } from "../_components/content-language-form";
import { NotificationSettingsForm } from "../_components/notification-settings-form";
import { WalletButton } from "../_components/wallet-button";
import { ResendVerification } from "../_components/resend-verification";
import { resendLabels } from "@/app/_components/email-verification-banner";
import { AvatarForm } from "../_components/avatar-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.account"))("title") };
}

export default async function AccountPage() {
  const user = await getSessionUser();
  if (!user) redirect("/signin?callbackUrl=%2Faccount");
  const account = await getAccountOverview(db(), user.id);
  if (!account) redirect("/signin?callbackUrl=%2Faccount");
  const t = await getTranslations("auth.account");
  const tRoles = await getTranslations("auth.roles");
  const isProvider = account.roles.includes("PROVIDER");
  const prefs = await db().user.findUnique({
    where: { id: user.id },
    select: { contentLanguage: true, qaMail: true },
  });
  return (
    <section className={`${styles.panel} ${styles.wide}`}>
      <h1>{t("title")}</h1>
      <div className={styles.section}>
        <h2>{t("profile")}</h2>
        <p>
          <strong>{t("email")}:</strong> {account.email ?? <span className="muted">{t("noEmail")}</span>}
          {account.email ? (
            <>
              {" "}
              <span className="muted" data-testid="email-verification">
                ({account.emailVerified ? t("emailVerified") : t("emailUnverified")})
              </span>{" "}
              {account.emailVerified || !mailEnabled(env()) ? null : (
                <ResendVerification labels={await resendLabels()} />
              )}
            </>
          ) : null}
          <br />
          <strong>{t("roles")}:</strong> {account.roles.map((r) => tRoles(r)).join(", ")}
        </p>
        <ProfileForm name={account.name ?? ""} />
        <AvatarForm image={account.image} />
      </div>
      <div className={styles.section} id="content-language">
        <h2>{t("contentLanguage.title")}</h2>
        <ContentLanguageForm
          current={prefs?.contentLanguage ?? null}
          browser={preferredContentLanguage(null, (await headers()).get("accept-language"))}
        />
      </div>
      <div className={styles.section} id="notifications">
        <h2>{t("qaMail.title")}</h2>
        <NotificationSettingsForm qaMail={prefs?.qaMail ?? true} hasEmail={!!account.email} />
      </div>
      {env().OFFLINE_MODE ? null : (
        <div className={styles.section}>
          <h2>{t("wallets")}</h2>
          <WalletList wallets={account.wallets.map((w) => w.address)} />
          <WalletButton mode="link" chainId={env().CHAIN_ID} />
        </div>
      )}
      {account.hasPassword ? (
        <div className={styles.section}>
          <h2>{t("changePassword")}</h2>
          <ChangePasswordForm />
        </div>
      ) : (
        <div className={styles.section}>
          <h2>{t("addPassword")}</h2>
          <AddPasswordForm email={account.email} />
        </div>
      )}
      <div className={styles.section}>
        <h2>{t("provider")}</h2>
        <ProviderForm isProvider={isProvider} payoutAddress={account.payoutAddress} />
      </div>
    </section>
  );
}
