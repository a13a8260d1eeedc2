"use client";
/** The learner's review form (1–5 stars + optional text) and the provider's reply form. */
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

async function put(url: string, body: unknown): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: "PUT",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return res.ok;
  } catch {
    return false;
  }
}

export function ReviewForm({ slug, initial }: { slug: string; initial: { rating: number; body: string } | null }) {
  const t = useTranslations("reviews");
  const router = useRouter();
  const [rating, setRating] = useState(initial?.rating ?? 5);
  const [body, setBody] = useState(initial?.body ?? "");
  const [state, setState] = useState<"idle" | "pending" | "saved" | "error">("idle");
  return (
    <form
      className="review-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setState("pending");
        const ok = await put(`/api/reviews/courses/${encodeURIComponent(slug)}`, { rating, body });
        setState(ok ? "saved" : "error");
        if (ok) router.refresh();
      }}
    >
      <h3>{t("form.yourReview")}</h3>
      <fieldset>
        <legend>{t("form.rating")}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n}>
            <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} />
            <span aria-hidden="true">{"★".repeat(n)}</span>
            <span className="sr-only">{t("stars", { rating: n })}</span>{" "}
          </label>
        ))}
      </fieldset>
      <p>
        <label>
          {t("form.body")}
          <br />
          <textarea value={body} maxLength={4000} rows={4} cols={60} onChange={(e) => setBody(e.target.value)} />
        </label>
      </p>
      <button className="button" type="submit" disabled={state === "pending"}>
        {initial ? t("form.update") : t("form.save")}
      </button>
      {state === "saved" && <p role="status">{t("form.saved")}</p>}
      {state === "error" && <p role="alert">{t("form.error")}</p>}
    </form>
  );
}

export function ReplyForm({ reviewId, initial }: { reviewId: string; initial: string | null }) {
  const t = useTranslations("reviews");
  const router = useRouter();
  const [reply, setReply] = useState(initial ?? "");
  const [state, setState] = useState<"idle" | "pending" | "saved" | "error">("idle");
  return (
    <form
      className="review-reply"
      onSubmit={async (e) => {
        e.preventDefault();
        setState("pending");
        const ok = await put(`/api/reviews/${encodeURIComponent(reviewId)}/reply`, { reply });
        setState(ok ? "saved" : "error");
        if (ok) router.refresh();
      }}
    >
      <label>
        {t("reply.label")}
        <br />
        <textarea
          value={reply}
          required
          maxLength={4000}
          rows={3}
          cols={60}
          onChange={(e) => setReply(e.target.value)}
        />
      </label>
      <br />
      <button className="button secondary" type="submit" disabled={state === "pending" || !reply.trim()}>
        {initial ? t("reply.update") : t("reply.save")}
      </button>
      {state === "saved" && <p role="status">{t("reply.saved")}</p>}
      {state === "error" && <p role="alert">{t("reply.error")}</p>}
    </form>
  );
}
