"use client";
/**
 * Printable sign-in cards for pupils: school sign-in address, username, initial password and a QR code that
 * opens `<APP_URL>/signin?username=<username>` (the password is printed, never put into the QR code or a URL).
 * The address is APP_URL — the one pupils' devices reach — even when the teacher uses another (e.g. localhost on
 * the server itself). "Print cards" prints only the cards (school.css), two per row, none split across pages.
 */
import QRCode from "qrcode";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

export interface Credentials {
  userId: string;
  name: string;
  username: string;
  password: string;
}

function Card({ c, origin }: { c: Credentials; origin: string }) {
  const t = useTranslations("school.cards");
  const url = `${origin}/signin?username=${encodeURIComponent(c.username)}`;
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    void QRCode.toDataURL(url, { margin: 1, width: 160 }).then(setQr);
  }, [url]);
  return (
    <li className="card sign-in-card" data-testid="sign-in-card" data-username={c.username}>
      <strong>{c.name}</strong>
      <p className="muted">
        {t("school")} {origin}/signin
      </p>
      <p>
        {t("username")}: <code data-testid="card-username">{c.username}</code>
        <br />
        {t("password")}: <code data-testid="card-password">{c.password}</code>
      </p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL generated in the browser */}
      {qr && <img src={qr} alt={t("scan")} width={120} height={120} />}
    </li>
  );
}

/** @param appUrl the instance's APP_URL (server env), the base of the sign-in address and QR code */
export function SignInCards({ credentials, appUrl }: { credentials: Credentials[]; appUrl: string }) {
  const t = useTranslations("school.cards");
  if (credentials.length === 0) return null;
  const origin = appUrl.replace(/\/+$/, "");
  return (
    <section aria-label={t("title")} data-testid="sign-in-cards">
      <h3>{t("title")}</h3>
      <p role="status">{t("lead")}</p>
      <button type="button" className="button" onClick={() => window.print()}>
        {t("print")}
      </button>
      <ul
        className="sign-in-cards"
        style={{
          display: "grid",
          gridTemplateColumns: "repeat(auto-fill, minmax(240px, 1fr))",
          gap: 12,
          listStyle: "none",
          padding: 0,
        }}
      >
        {credentials.map((c) => (
          <Card key={c.userId} c={c} origin={origin} />
        ))}
      </ul>
    </section>
  );
}
