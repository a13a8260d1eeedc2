"use client";
/** Forms of /account; each calls one API route and shows field errors beside the field. */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { addPasswordSchema, becomeProviderSchema, changePasswordSchema, profileSchema } from "@/features/auth/schemas";
import styles from "../auth.module.css";
import { callApi, clientFieldErrors } from "./api";
import { Field, useAuthFieldError } from "./field";
import { codeText } from "@/i18n/code-text";

/** Runs a form submission: client validation with `schema`, then the API call; tracks field errors. */
function useApiForm() {
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<"idle" | "pending" | "done" | "failed">("idle");
  /** error code of a failure without field errors (e.g. `rate_limited`) */
  const [errorCode, setErrorCode] = useState<string | undefined>();
  async function submit(
    parsed: Parameters<typeof clientFieldErrors>[0],
    call: () => ReturnType<typeof callApi>,
  ): Promise<void> {
    setFields(clientFieldErrors(parsed));
    if (!parsed.success) return;
    setStatus("pending");
    const res = await call();
    if (res.ok) {
      setStatus("done");
      router.refresh();
    } else {
      setFields(res.error.fields);
      setErrorCode(res.error.code);
      setStatus("failed");
    }
  }
  return { fields, status, errorCode, submit };
}

function Status({
  status,
  fields,
  doneText,
  errorCode,
}: {
  status: string;
  fields: Record<string, string>;
  doneText: string;
  errorCode?: string;
}) {
  const t = useTranslations("auth.errors");
  if (status === "done")
    return (
      <span className={styles.success} role="status">
        {doneText}
      </span>
    );
  if (status === "failed" && Object.keys(fields).length === 0)
    return (
      <span className={styles.error} role="alert">
        {codeText(t, "", errorCode, "generic")}
      </span>
    );
  return null;
}

/** Display name. */
export function ProfileForm({ name }: { name: string }) {
  const t = useTranslations("auth.account");
  const { fields, status, submit } = useApiForm();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const input = { name: new FormData(e.currentTarget).get("name") };
    void submit(profileSchema.safeParse(input), () => callApi("PATCH", "/api/auth/account", input));
  };
  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      <Field label={t("name")} name="name" defaultValue={name} error={fields.name} autoComplete="name" />
      <div>
        <button className="button" type="submit" disabled={status === "pending"}>
          {t("save")}
        </button>{" "}
        <Status status={status} fields={fields} doneText={t("saved")} />
      </div>
    </form>
  );
}

/** Adds e-mail + password to a wallet account. */
export function AddPasswordForm({ email }: { email: string | null }) {
  const t = useTranslations("auth.account");
  const tf = useTranslations("auth.signUp");
  const { fields, status, submit } = useApiForm();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = { email: form.get("email"), password: form.get("password") };
    void submit(addPasswordSchema.safeParse(input), () => callApi("POST", "/api/auth/password", input));
  };
  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      <p className="muted">{t("addPasswordHint")}</p>
      <Field
        label={tf("email")}
        name="email"
        type="email"
        defaultValue={email ?? ""}
        error={fields.email}
        autoComplete="email"
      />
      <Field
        label={tf("password")}
        name="password"
        type="password"
        hint={tf("passwordHint")}
        error={fields.password}
        autoComplete="new-password"
      />
      <div>
        <button className="button" type="submit" disabled={status === "pending"}>
          {t("addPassword")}
        </button>{" "}
        <Status status={status} fields={fields} doneText={t("passwordAdded")} />
      </div>
    </form>
  );
}

/**
 * Changes the password of an account that has one (PUT /api/auth/password): the current password and a new
 * one. The server ends every other session of the account and keeps this one (re-issued cookie).
 */
export function ChangePasswordForm() {
  const t = useTranslations("auth.account");
  const tf = useTranslations("auth.signUp");
  const { fields, status, errorCode, submit } = useApiForm();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const form = new FormData(formElement);
    const input = { currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") };
    void submit(changePasswordSchema.safeParse(input), async () => {
      const res = await callApi("PUT", "/api/auth/password", input);
      if (res.ok) formElement.reset();
      return res;
    });
  };
  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      <p className="muted">{t("changePasswordHint")}</p>
      <Field
        label={t("currentPassword")}
        name="currentPassword"
        type="password"
        error={fields.currentPassword}
        autoComplete="current-password"
      />
      <Field
        label={t("newPassword")}
        name="newPassword"
        type="password"
        hint={tf("passwordHint")}
        error={fields.newPassword}
        autoComplete="new-password"
      />
      <div>
        <button className="button" type="submit" disabled={status === "pending"}>
          {t("changePassword")}
        </button>{" "}
        <Status status={status} fields={fields} errorCode={errorCode} doneText={t("passwordChanged")} />
      </div>
    </form>
  );
}

/** "Become a provider" (POST) or, for providers, change the payout address (PUT). */
export function ProviderForm({ isProvider, payoutAddress }: { isProvider: boolean; payoutAddress: string | null }) {
  const t = useTranslations("auth.account");
  const { fields, status, submit } = useApiForm();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const input = { payoutAddress: new FormData(e.currentTarget).get("payoutAddress") };
    void submit(becomeProviderSchema.safeParse(input), () =>
      callApi(isProvider ? "PUT" : "POST", "/api/auth/provider", input),
    );
  };
  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      <p className="muted">{isProvider ? t("isProvider") : t("providerHint")}</p>
      <Field
        label={t("payoutAddress")}
        name="payoutAddress"
        defaultValue={payoutAddress ?? ""}
        placeholder="0x…"
        spellCheck={false}
        error={fields.payoutAddress}
      />
      <div>
        <button className="button" type="submit" disabled={status === "pending"}>
          {isProvider ? t("savePayout") : t("becomeProvider")}
        </button>{" "}
        <Status status={status} fields={fields} doneText={t("saved")} />
      </div>
    </form>
  );
}

/** Linked wallets with an unlink button each (the API refuses the last sign-in method). */
export function WalletList({ wallets }: { wallets: string[] }) {
  const t = useTranslations("auth.account");
  const tErr = useTranslations("auth.errors");
  const fieldError = useAuthFieldError();
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function unlink(address: string) {
    const res = await callApi("DELETE", `/api/auth/wallets/${address}`);
    if (res.ok) {
      setErrors({});
      router.refresh();
    } else {
      // the field code in the UI's language, else the error code's sentence — never the server's English message
      const { code, fields } = res.error;
      const text = fields.address ? fieldError(fields.address)! : codeText(tErr, "", code, "generic");
      setErrors({ [address]: text });
    }
  }
  if (wallets.length === 0) return <p className="muted">{t("noWallets")}</p>;
  return (
    <ul className={styles.wallets}>
      {wallets.map((a) => (
        <li key={a}>
          <span>{a}</span>
          <span>
            {errors[a] ? (
              <span className={styles.error} role="alert">
                {errors[a]}{" "}
              </span>
            ) : null}
            <button type="button" className={styles.secondary} onClick={() => void unlink(a)}>
              {t("unlink")}
            </button>
          </span>
        </li>
      ))}
    </ul>
  );
}
