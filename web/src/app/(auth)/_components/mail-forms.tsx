"use client";
/** Forms of the mailed-link flows: "forgot password", the reset link's new password. */
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { passwordResetRequestSchema, passwordSchema } from "@/features/auth/schemas";
import styles from "../auth.module.css";
import { callApi, clientFieldErrors } from "./api";
import { Field } from "./field";

type Status = "idle" | "pending" | "done" | "failed";

/** E-mail → POST /api/auth/password-reset; the same confirmation whether or not the address is registered. */
export function ForgotPasswordForm() {
  const t = useTranslations("auth.forgot");
  const tErr = useTranslations("auth.errors");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Status>("idle");
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = { email: new FormData(e.currentTarget).get("email") };
    const parsed = passwordResetRequestSchema.safeParse(input);
    setFields(clientFieldErrors(parsed));
    if (!parsed.success) return;
    setStatus("pending");
    const res = await callApi("POST", "/api/auth/password-reset", input);
    if (res.ok) return setStatus("done");
    setFields(res.error.fields);
    setStatus("failed");
  }
  if (status === "done") {
    return (
      <p className={styles.success} role="status">
        {t("sent")}
      </p>
    );
  }
  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      {status === "failed" && Object.keys(fields).length === 0 ? (
        <p className={styles.notice} role="alert">
          {tErr("generic")}
        </p>
      ) : null}
      <Field label={t("email")} name="email" type="email" autoComplete="email" error={fields.email} required />
      <button className="button" type="submit" disabled={status === "pending"} aria-busy={status === "pending"}>
        {status === "pending" ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}

/** New password for a reset link's token → POST /api/auth/password-reset/confirm. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("auth.reset");
  const tErr = useTranslations("auth.errors");
  const tField = useTranslations("auth.fieldErrors");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Status>("idle");
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const password = new FormData(e.currentTarget).get("password");
    const parsed = passwordSchema.safeParse(password);
    setFields(parsed.success ? {} : { password: parsed.error.issues[0]?.message ?? "invalid" });
    if (!parsed.success) return;
    setStatus("pending");
    const res = await callApi("POST", "/api/auth/password-reset/confirm", { token, password });
    if (res.ok) return setStatus("done");
    setFields(res.error.fields);
    setStatus("failed");
  }
  if (status === "done") {
    return (
      <p className={styles.success} role="status">
        {t("done")} <Link href="/signin">{t("signIn")}</Link>
      </p>
    );
  }
  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      {fields.token ? (
        <p className={styles.notice} role="alert">
          {tField("invalid_token")} <Link href="/forgot-password">{t("requestNew")}</Link>
        </p>
      ) : status === "failed" && Object.keys(fields).length === 0 ? (
        <p className={styles.notice} role="alert">
          {tErr("generic")}
        </p>
      ) : null}
      <Field
        label={t("password")}
        name="password"
        type="password"
        autoComplete="new-password"
        hint={t("passwordHint")}
        error={fields.password}
        required
      />
      <button className="button" type="submit" disabled={status === "pending"} aria-busy={status === "pending"}>
        {status === "pending" ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
