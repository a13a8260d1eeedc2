"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

type Result =
  | { kind: "ok"; title: string; slug: string; newly: boolean }
  | { kind: "error"; key: "invalid" | "expired" | "exhausted" | "rate_limited" | "generic"; seconds?: number };

/** Access-code form: POST /api/access-codes/redeem and show the outcome. */
export function RedeemForm() {
  const t = useTranslations("enrollment.redeem");
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<Result | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget).get("code") ?? "");
    setPending(true);
    setResult(null);
    try {
      const res = await fetch("/api/access-codes/redeem", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ code }),
      });
      const body: unknown = await res.json().catch(() => null);
      if (res.ok && body && typeof body === "object" && "course" in body) {
        const { course, newlyRedeemed } = body as { course: { title: string; slug: string }; newlyRedeemed: boolean };
        setResult({ kind: "ok", title: course.title, slug: course.slug, newly: newlyRedeemed });
      } else if (res.status === 429) {
        setResult({ kind: "error", key: "rate_limited", seconds: Number(res.headers.get("retry-after") ?? 60) });
      } else {
        const reason = (body as { error?: { fields?: { code?: string } } } | null)?.error?.fields?.code;
        const key =
          reason === "expired" || reason === "exhausted" || reason === "invalid"
            ? reason
            : res.status === 404 || res.status === 400
              ? "invalid"
              : "generic";
        setResult({ kind: "error", key });
      }
    } catch {
      setResult({ kind: "error", key: "generic" });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="card" noValidate>
      <label htmlFor="code">{t("label")}</label>
      <input
        id="code"
        name="code"
        required
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        placeholder={t("placeholder")}
        maxLength={64}
      />
      <button className="button" type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
      <div aria-live="polite">
        {result?.kind === "ok" ? (
          <p role="status">
            {t(result.newly ? "success" : "already", { title: result.title })}{" "}
            <Link href={`/courses/${result.slug}`}>{t("open")}</Link>
          </p>
        ) : null}
        {result?.kind === "error" ? (
          <p role="alert">{t(`errors.${result.key}`, { seconds: result.seconds ?? 0 })}</p>
        ) : null}
      </div>
    </form>
  );
}
