"use client";
/**
 * Platform admins grant or revoke a role: GET /api/admin/users?email= to find the user, then
 * PATCH /api/auth/users/<userId>/roles {add | remove} (audited by the auth service).
 */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { ROLES, type Role } from "@/server/auth/roles";

type ErrorKey = "user" | "self" | "invalid" | "generic";
type Outcome = { kind: "ok"; email: string; roles: Role[] } | { kind: "error"; key: ErrorKey };
const GRANTABLE = ROLES.filter((r) => r !== "LEARNER");

export function RoleForm() {
  const t = useTranslations("admin.roles");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function change(form: HTMLFormElement, op: "add" | "remove") {
    const data = new FormData(form);
    const email = String(data.get("email") ?? "").trim();
    const role = String(data.get("role") ?? "");
    setBusy(true);
    setOutcome(null);
    try {
      const found = await fetch(`/api/admin/users?email=${encodeURIComponent(email)}`, { cache: "no-store" });
      if (!found.ok) {
        setOutcome({
          kind: "error",
          key: found.status === 404 ? "user" : found.status === 400 ? "invalid" : "generic",
        });
        return;
      }
      const { id } = (await found.json()) as { id: string };
      const res = await fetch(`/api/auth/users/${encodeURIComponent(id)}/roles`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ [op]: [role] }),
      });
      if (res.ok) setOutcome({ kind: "ok", email, roles: ((await res.json()) as { roles: Role[] }).roles });
      else setOutcome({ kind: "error", key: res.status === 409 ? "self" : "generic" });
      router.refresh();
    } catch {
      setOutcome({ kind: "error", key: "generic" });
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void change(e.currentTarget, submitter?.value === "remove" ? "remove" : "add");
  }

  return (
    <form onSubmit={onSubmit} className="card" data-testid="role-form">
      <label htmlFor="role-email">{t("email")}</label>
      <input id="role-email" name="email" type="email" required autoComplete="off" />
      <label htmlFor="role-role">{t("role")}</label>
      <select id="role-role" name="role">
        {GRANTABLE.map((r) => (
          <option key={r} value={r}>
            {t(`names.${r}`)}
          </option>
        ))}
      </select>
      <button type="submit" name="op" value="add" className="button" disabled={busy}>
        {busy ? t("busy") : t("grant")}
      </button>
      <button type="submit" name="op" value="remove" disabled={busy}>
        {t("revoke")}
      </button>
      {outcome?.kind === "error" ? (
        <p role="alert" className="error">
          {t(`errors.${outcome.key}`)}
        </p>
      ) : outcome ? (
        <p role="status">
          {t("result", { email: outcome.email, roles: outcome.roles.map((r) => t(`names.${r}`)).join(", ") })}
        </p>
      ) : null}
    </form>
  );
}
