"use client";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { signInSchema } from "@/features/auth/schemas";
import { usernameSignInSchema } from "@/features/school/schemas";
import styles from "../auth.module.css";
import { clientFieldErrors } from "./api";
import { Field } from "./field";
import { codeText } from "@/i18n/code-text";

/**
 * Password sign-in: an e-mail address goes to the next-auth "credentials" provider, anything without "@" is a
 * school username ("username" provider; pupils and teachers without e-mail). `initialLogin` pre-fills the
 * field (the QR code of a pupil's sign-in card links to /signin?username=…).
 */
export function SignInForm({
  callbackUrl,
  initialError,
  initialLogin,
  providerName,
}: {
  callbackUrl: string;
  initialError?: string;
  initialLogin?: string;
  /** name of the OpenID Connect provider (OIDC_NAME) in its error messages */
  providerName: string;
}) {
  const t = useTranslations("auth.signIn");
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const login = String(form.get("email") ?? "");
    const password = form.get("password");
    const byUsername = login.trim() !== "" && !login.includes("@");
    const parsed = byUsername
      ? usernameSignInSchema.safeParse({ username: login, password })
      : signInSchema.safeParse({ email: login, password });
    const errs = clientFieldErrors(parsed);
    if (errs.username) errs.email = errs.username;
    setFields(errs);
    setError(undefined);
    if (!parsed.success) return;
    setPending(true);
    const res = await signIn(byUsername ? "username" : "credentials", { ...parsed.data, redirect: false, callbackUrl });
    setPending(false);
    if (!res || res.error) {
      setError(res?.error ?? "generic");
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      {error ? (
        <p className={styles.notice} role="alert">
          {codeText(t, "errors.", error, "generic", { provider: providerName })}
        </p>
      ) : null}
      <Field
        label={t("emailOrUsername")}
        name="email"
        type="text"
        autoComplete="username"
        error={fields.email}
        defaultValue={initialLogin}
        required
      />
      <Field
        label={t("password")}
        name="password"
        type="password"
        autoComplete="current-password"
        error={fields.password}
        required
      />
      <button className="button" type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
