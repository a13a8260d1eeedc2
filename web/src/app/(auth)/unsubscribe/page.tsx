import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { verifyUnsubscribeToken } from "@/features/mail/unsubscribe";
import { resolveAuthSecret } from "@/server/auth/secret";
import { env } from "@/server/env";
import { UnsubscribeButton } from "../_components/unsubscribe-button";
import styles from "../auth.module.css";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.unsubscribe"))("title"), robots: { index: false } };
}

/**
 * Where a mail's unsubscribe link leads in a browser (GET /api/mail/unsubscribe redirects here): checks the token
 * without changing anything and asks for one click, which POSTs the RFC 8058 body. No sign-in needed.
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const t = await getTranslations("auth.unsubscribe");
  const target =
    typeof token === "string" && token.length <= 200 ? verifyUnsubscribeToken(resolveAuthSecret(env()), token) : null;
  return (
    <section className={styles.panel}>
      <h1>{t("title")}</h1>
      {target && token ? (
        <UnsubscribeButton token={token} category={target.category} />
      ) : (
        <p className={styles.notice} role="status">
          {t("invalid")}
        </p>
      )}
    </section>
  );
}
