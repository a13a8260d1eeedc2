"use client";
/**
 * Branding form: PUT /api/school/branding {name, primaryColor, accentColor}; PUT /api/school/logo (image body; an
 * empty body when "Remove the logo" is ticked).
 */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { answerOf, NO_ANSWER, problemText, sendJson } from "../../_components/api";

export function BrandingForm(props: {
  name: string;
  primaryColor: string;
  accentColor: string;
  logoVersion: string | null;
}) {
  const t = useTranslations("school");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setMessage(null);
    const a = await sendJson("/api/school/branding", "PUT", {
      name: f.get("name"),
      primaryColor: f.get("primaryColor"),
      accentColor: f.get("accentColor"),
    });
    let ok = a.ok;
    let text = ok ? t("branding.saved") : problemText(a, t, { labels: { name: t("branding.name") } });
    const logo = f.get("logo");
    const upload = logo instanceof File && logo.size > 0 ? logo : null;
    if (ok && (upload || f.get("removeLogo") === "on")) {
      const logoAnswer = await fetch("/api/school/logo", {
        method: "PUT",
        headers: { "content-type": upload ? upload.type : "application/octet-stream" },
        body: upload ?? new Uint8Array(0),
      }).then(answerOf, () => NO_ANSWER);
      if (!logoAnswer.ok) {
        ok = false;
        text = problemText(logoAnswer, t, {
          codes: { payload_too_large: t("errors.logoTooLarge"), unsupported_media_type: t("errors.logoType") },
        });
      }
    }
    setBusy(false);
    setMessage({ ok, text });
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="card" data-testid="branding-form">
      <label htmlFor="brand-name">{t("branding.name")}</label>
      <input id="brand-name" name="name" defaultValue={props.name} required maxLength={120} />
      <label htmlFor="brand-primary">{t("branding.primary")}</label>
      <input id="brand-primary" name="primaryColor" type="color" defaultValue={props.primaryColor} />
      <label htmlFor="brand-accent">{t("branding.accent")}</label>
      <input id="brand-accent" name="accentColor" type="color" defaultValue={props.accentColor} />
      <label htmlFor="brand-logo">{t("branding.logo")}</label>
      {props.logoVersion && (
        // eslint-disable-next-line @next/next/no-img-element -- the school's own small logo, served by the app
        <img src={`/api/school/logo?v=${props.logoVersion}`} alt={t("branding.currentLogo")} height={48} />
      )}
      <input id="brand-logo" name="logo" type="file" accept="image/png,image/jpeg" />
      {props.logoVersion && (
        <label>
          <input type="checkbox" name="removeLogo" /> {t("branding.removeLogo")}
        </label>
      )}
      <button type="submit" className="button" disabled={busy} aria-busy={busy}>
        {busy ? t("branding.busy") : t("branding.save")}
      </button>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? undefined : "error"}>
          {message.text}
        </p>
      )}
    </form>
  );
}
