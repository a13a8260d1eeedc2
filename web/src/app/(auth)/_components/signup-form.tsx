"use client";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { signUpSchema } from "@/features/auth/schemas";
import styles from "../auth.module.css";
import { callApi, clientFieldErrors } from "./api";
import { Field } from "./field";

/**
 * Sign-up (POST /api/auth/signup), then sign-in with the same credentials, then the notice that a verification link
 * was mailed (`/signup/check-inbox`).
 */
export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth.signUp");
  const tErr = useTranslations("auth.errors");
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = { name: form.get("name"), email: form.get("email"), password: form.get("password") };
    const parsed = signUpSchema.safeParse(input);
    setFields(clientFieldErrors(parsed));
    setFailed(false);
    if (!parsed.success) return;
    setPending(true);
    const res = await callApi("POST", "/api/auth/signup", input);
    if (!res.ok) {
      setPending(false);
      setFields(res.error.fields);
      setFailed(Object.keys(res.error.fields).length === 0);
      return;
    }
    const login = await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirect: false,
    });
    setPending(false);
    if (!login || login.error) {
      router.push("/signin");
      return;
    }
    // "check your inbox" with "Resend e-mail"; it goes on to callbackUrl itself when there is nothing to confirm
    router.push(`/signup/check-inbox?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    router.refresh();
  }

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      {failed ? (
        <p className={styles.notice} role="alert">
          {tErr("generic")}
        </p>
      ) : null}
      <Field label={t("name")} name="name" autoComplete="name" error={fields.name} required />
      <Field label={t("email")} name="email" type="email" autoComplete="email" error={fields.email} required />
      <Field
        label={t("password")}
        name="password"
        type="password"
        autoComplete="new-password"
        hint={t("passwordHint")}
        error={fields.password}
        required
      />
      <button className="button" type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
