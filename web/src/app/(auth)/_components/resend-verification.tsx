"use client";
import { useState } from "react";
import { callApi } from "@/lib/api-client";

/** Texts of {@link ResendVerification}, translated by the server component that renders it. */
export interface ResendLabels {
  /** the button ("Resend e-mail") */
  resend: string;
  /** the button while the request runs */
  sending: string;
  /** after the mail was queued */
  sent: string;
  /** 429: the account asked too often (5 per hour, `verificationMailPerAccount`) */
  rateLimited: string;
  /** any other failure */
  failed: string;
}

/**
 * "Resend e-mail" for a signed-in account whose address is not confirmed yet: POST /api/auth/email-verification (a new
 * single-use link; the previous one stops working; rate limited per account). Used by the sign-up notice, the banner
 * of signed-in pages and /account. The labels come as props so that pages whose client components get no messages
 * (the root layout's banner) can render it too; its styles are global (globals.css) for the same reason.
 */
export function ResendVerification({ labels }: { labels: ResendLabels }) {
  const [status, setStatus] = useState<"idle" | "pending" | "done" | "limited" | "failed">("idle");
  async function onClick() {
    setStatus("pending");
    const res = await callApi("POST", "/api/auth/email-verification");
    setStatus(res.ok ? "done" : res.status === 429 ? "limited" : "failed");
  }
  return (
    <span className="resend-verification">
      <button
        type="button"
        className="button secondary"
        onClick={() => void onClick()}
        disabled={status === "pending"}
        aria-busy={status === "pending"}
      >
        {status === "pending" ? labels.sending : labels.resend}
      </button>
      {status === "done" ? (
        <span className="resend-verification-done" role="status">
          {labels.sent}
        </span>
      ) : status === "limited" || status === "failed" ? (
        <span className="resend-verification-error" role="alert">
          {status === "limited" ? labels.rateLimited : labels.failed}
        </span>
      ) : null}
    </span>
  );
}
