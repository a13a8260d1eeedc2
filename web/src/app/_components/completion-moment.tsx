import Link from "next/link";
import { useTranslations } from "next-intl";
import "./completion-moment.css";

/**
 * The completion moment: congratulations on finishing `courseTitle` and "Get your certificate" (the
 * certificate's page when it exists, else the certificates list). Works in server and client components.
 */
export function CompletionMoment({
  courseTitle,
  certificateId,
}: {
  courseTitle: string;
  certificateId: string | null;
}) {
  const t = useTranslations("certificates.moment");
  const href = certificateId ? `/certificates/${encodeURIComponent(certificateId)}` : "/certificates";
  return (
    <section className="completion-moment" role="status" data-testid="completion-moment">
      <h2>🎉 {t("title")}</h2>
      <p>{t("text", { course: courseTitle })}</p>
      <Link className="button" href={href}>
        {t("cta")}
      </Link>
    </section>
  );
}
