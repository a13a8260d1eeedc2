"use client";
/** "Verify a credential": paste JSON, POST it to /api/certificates/verify, show the verdict. */
import { useState } from "react";
import { useTranslations } from "next-intl";

interface Result {
  /** VALID: our key, existing unrevoked certificate; FOREIGN: signed by another issuer; INVALID otherwise */
  verdict: "VALID" | "FOREIGN" | "INVALID";
  errors: string[];
  issuer: string | null;
  revoked: boolean;
}

export function PasteVerifier() {
  const t = useTranslations("certificates.paste");
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setResult(null);
    setError(null);
    let credential: unknown;
    try {
      credential = JSON.parse(text);
    } catch {
      setError(t("badJson"));
      return;
    }
    setBusy(true);
    const res = await fetch("/api/certificates/verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ credential }),
    });
    setBusy(false);
    const body = (await res.json().catch(() => null)) as (Result & { error?: { message?: string } }) | null;
    if (!res.ok || !body) setError(body?.error?.message ?? res.statusText);
    else setResult(body);
  }

  return (
    <section aria-labelledby="paste-title">
      <h2 id="paste-title">{t("title")}</h2>
      <p>{t("intro")}</p>
      <form onSubmit={submit}>
        <label htmlFor="credential-json">{t("label")}</label>
        <textarea id="credential-json" value={text} onChange={(e) => setText(e.target.value)} required />
        <button type="submit" disabled={busy}>
          {busy ? t("checking") : t("submit")}
        </button>
      </form>
      {error && <p role="alert">{error}</p>}
      {result && (
        <div
          className={`verdict ${result.verdict === "VALID" ? "ok" : "bad"}`}
          data-testid="paste-verdict"
          data-valid={String(result.verdict === "VALID")}
          data-verdict={result.verdict}
        >
          <strong>
            {result.verdict === "VALID" ? t("valid") : result.verdict === "FOREIGN" ? t("foreign") : t("invalid")}
          </strong>
          {result.issuer && <span>{t("issuer", { issuer: result.issuer })}</span>}
          {result.revoked && <span>{t("revoked")}</span>}
          {result.errors.length > 0 && (
            <ul>
              {result.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
