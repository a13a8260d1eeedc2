"use client";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import type { CodeView, CreatedCode } from "@/features/access-codes/service";
import { callApi } from "@/lib/api-client";
import { Field } from "../../../../_components/field";
import { BusyButton, useApiErrorText, useFormState } from "../../../../_components/form-state";

/**
 * Create (shows plaintext once: copy / CSV), list and revoke access codes of one course. The create form is busy while
 * it saves and shows the server's field errors beside the fields in the UI's language (studio form state).
 */
export function CodesManager({ courseId, initialCodes }: { courseId: string; initialCodes: CodeView[] }) {
  const t = useTranslations("enrollment.codes");
  const format = useFormatter();
  const router = useRouter();
  const [created, setCreated] = useState<CreatedCode[]>([]);
  const { busy, status, fields, run } = useFormState();
  const errorText = useApiErrorText();
  const [revokeError, setRevokeError] = useState("");
  const [copied, setCopied] = useState(false);

  async function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const expires = String(form.get("expiresAt") ?? "");
    const res = await run(
      () =>
        callApi<{ codes: CreatedCode[] }>("POST", "/api/access-codes", {
          courseId,
          count: Number(form.get("count")),
          maxUses: Number(form.get("maxUses")),
          ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}),
        }),
      "", // success: the new codes are shown below
    );
    if (!res?.ok) return;
    setCreated(res.data.codes);
    setCopied(false);
    router.refresh();
  }

  async function onRevoke(id: string) {
    const res = await callApi("DELETE", `/api/access-codes/${encodeURIComponent(id)}`);
    setRevokeError(res.ok ? "" : errorText(res.error));
    router.refresh();
  }

  const csvHref = `data:text/csv;charset=utf-8,${encodeURIComponent(["code", ...created.map((c) => c.code)].join("\n") + "\n")}`;

  return (
    <>
      <form onSubmit={onCreate} className="card" aria-labelledby="create-codes" noValidate>
        <h2 id="create-codes">{t("createTitle")}</h2>
        <Field
          label={t("count")}
          name="count"
          type="number"
          min={1}
          max={1000}
          defaultValue={10}
          error={fields.count}
        />
        <Field
          label={t("maxUses")}
          name="maxUses"
          type="number"
          min={1}
          max={100000}
          defaultValue={1}
          error={fields.maxUses}
        />
        <Field label={t("expiresAt")} name="expiresAt" type="date" error={fields.expiresAt} />
        <BusyButton busy={busy} busyLabel={t("creating")}>
          {t("create")}
        </BusyButton>{" "}
        <span role="status">{status}</span>
      </form>

      {created.length > 0 ? (
        <section className="card" aria-live="polite">
          <p>{t("created", { count: created.length })}</p>
          <pre data-testid="created-codes">{created.map((c) => c.code).join("\n")}</pre>
          <button
            className="button"
            type="button"
            onClick={() =>
              void navigator.clipboard.writeText(created.map((c) => c.code).join("\n")).then(() => setCopied(true))
            }
          >
            {copied ? t("copied") : t("copy")}
          </button>{" "}
          <a className="button" href={csvHref} download="access-codes.csv">
            {t("csv")}
          </a>
        </section>
      ) : null}

      <h2>{t("listTitle")}</h2>
      {revokeError ? (
        <p role="alert" className="error">
          {revokeError}
        </p>
      ) : null}
      {initialCodes.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("colCreated")}</th>
              <th scope="col">{t("colUses")}</th>
              <th scope="col">{t("colExpires")}</th>
              <th scope="col">{t("colState")}</th>
              <th scope="col">
                <span className="sr-only">{t("revoke")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {initialCodes.map((c) => (
              <tr key={c.id}>
                <td>{format.dateTime(new Date(c.createdAt), { dateStyle: "medium" })}</td>
                <td>
                  {c.uses} / {c.maxUses}
                </td>
                <td>{c.expiresAt ? format.dateTime(new Date(c.expiresAt), { dateStyle: "medium" }) : t("never")}</td>
                <td>{t(`state.${c.state}`)}</td>
                <td>
                  {c.state === "active" ? (
                    <button type="button" onClick={() => void onRevoke(c.id)}>
                      {t("revoke")}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
