"use client";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { signInSchema } from "@/features/auth/schemas";
import styles from "../auth.module.css";
import { clientFieldErrors } from "./api";
import { Field } from "./field";

/** E-mail + password sign-in through the next-auth "credentials" provider. */
export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const t = useTranslations("auth.signIn");
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
    setFields(clientFieldErrors(parsed));
    setError(undefined);
    if (!parsed.success) return;
    setPending(true);
    const res = await signIn("credentials", { ...parsed.data, redirect: false, callbackUrl });
    setPending(false);
    if (!res || res.error) {
      setError(res?.error ?? "generic");
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  const errorKey = error && t.has(`errors.${error}`) ? `errors.${error}` : "errors.generic";
  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      {error ? (
        <p className={styles.notice} role="alert">
          {t(errorKey)}
        </p>
      ) : null}
      <Field label={t("email")} name="email" type="email" autoComplete="email" error={fields.email} required />
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
