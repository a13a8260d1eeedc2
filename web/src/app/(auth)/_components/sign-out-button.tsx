"use client";
import { useState } from "react";
import styles from "../auth.module.css";

/**
 * Ends the session through next-auth's sign-out endpoint (its CSRF token first, as next-auth's `signOut` does) and
 * returns to the home page. Written without `next-auth/react` and with its label from the server, so the root
 * layout ships neither next-auth's client nor a message formatter to anonymous pages (issue 14 item 13).
 */
export function SignOutButton({ label }: { label: string }) {
  const [busy, setBusy] = useState(false);
  async function signOut() {
    setBusy(true);
    try {
      const csrf = (await (await fetch("/api/auth/csrf", { credentials: "same-origin" })).json()) as {
        csrfToken?: string;
      };
      const res = await fetch("/api/auth/signout", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken: csrf.csrfToken ?? "", callbackUrl: "/", json: "true" }),
      });
      const data = (await res.json().catch(() => ({}))) as { url?: string };
      // next-auth answers with the callback URL on this origin; anything else goes home
      const url =
        data.url && new URL(data.url, window.location.href).origin === window.location.origin ? data.url : "/";
      window.location.href = url;
    } catch {
      setBusy(false);
    }
  }
  return (
    <button type="button" className={styles.linkButton} disabled={busy} onClick={() => void signOut()}>
      {label}
    </button>
  );
}
