/**
 * /verify: "verify a credential" (paste a signed credential JSON → POST /api/certificates/verify) and,
 * for a signed-in learner, their certificates with the name opt-in and links to each verification page.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { myCertificates } from "@/features/certificates/queries";
import { appCertificateDeps } from "@/features/certificates/wiring";
import { certificateStatusKey } from "@/features/certificates/status-label";
import { getSessionUser } from "@/server/auth";
import { env } from "@/server/env";
import { PasteVerifier } from "./_components/paste-verifier";
import { ShowNameToggle } from "./_components/show-name-toggle";
import "./_components/verify.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("certificates.verify");
  return { title: t("metaTitle") };
}

export default async function VerifyIndexPage() {
  const user = await getSessionUser();
  const t = await getTranslations("certificates");
  const mine = user ? await myCertificates(appCertificateDeps(), user.id) : null;
  const offline = env().OFFLINE_MODE;
  return (
    <div className="verify">
      {mine && (
        <section aria-labelledby="my-certificates">
          <h1 id="my-certificates">{t("mine.title")}</h1>
          <ShowNameToggle initial={mine.showName} offline={offline} />
          {mine.certificates.length === 0 ? (
            <p>{t("mine.empty")}</p>
          ) : (
            <ul data-testid="my-certificates">
              {mine.certificates.map((c) => (
                <li key={c.id} data-certificate={c.id}>
                  <Link href={`/verify/${encodeURIComponent(c.id)}`}>{c.course.title}</Link> ·{" "}
                  {t("mine.status", { status: t(`verify.statusName.${certificateStatusKey(c.status, offline)}`) })}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <PasteVerifier />
    </div>
  );
}
