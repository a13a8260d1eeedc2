import Link from "next/link";
import { useTranslations } from "next-intl";
import { certificateHref } from "@/features/certificates/links";
import "./completion-moment.css";

/**
 * The completion moment: congratulations on finishing `courseTitle` and "Get your certificate" (the
 * certificate's page when it exists, else the certificates list: `certificateHref`). Works in server and client
 * components.
 */
export function CompletionMoment({
  courseTitle,
  certificateId,
}: {
  courseTitle: string;
  certificateId: string | null;
}) {
  const t = useTranslations("certificates.moment");
  return (
    <section className="completion-moment" role="status" data-testid="completion-moment">
      {/* a medal drawn inline (an emoji is a blank box where no emoji font is installed) */}
      <svg className="completion-medal" aria-hidden="true" width="56" height="56" viewBox="0 0 56 56">
        <path d="M18 2h8l6 16h-8zM38 2h-8l-6 16h8z" fill="#7b6cf0" />
        <circle cx="28" cy="34" r="18" fill="#f5b731" stroke="#c98a0b" strokeWidth="3" />
        <path d="m28 23 3.3 6.8 7.4 1-5.4 5.2 1.3 7.4L28 39.9l-6.6 3.5 1.3-7.4-5.4-5.2 7.4-1z" fill="#fff7dc" />
      </svg>
      <div>
        <h2>{t("title")}</h2>
        <p>{t("text", { course: courseTitle })}</p>
        <Link className="button" href={certificateHref(certificateId)}>
          {t("cta")}
        </Link>
      </div>
    </section>
  );
}
