"use client";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import type { CodeView, CreatedCode } from "@/features/access-codes/service";

/** Create (shows plaintext once: copy / CSV), list and revoke access codes of one course. */
export function CodesManager({ courseId, initialCodes }: { courseId: string; initialCodes: CodeView[] }) {
  const t = useTranslations("enrollment.codes");
  const format = useFormatter();
  const router = useRouter();
  const [created, setCreated] = useState<CreatedCode[]>([]);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState(false);
  const [copied, setCopied] = useState(false);

  async function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const expires = String(form.get("expiresAt") ?? "");
    setPending(true);
    setError(false);
    const res = await fetch("/api/access-codes", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        courseId,
        count: Number(form.get("count")),
        maxUses: Number(form.get("maxUses")),
        ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}),
      }),
    });
    setPending(false);
    if (!res.ok) return setError(true);
    const body = (await res.json()) as { codes: CreatedCode[] };
    setCreated(body.codes);
    setCopied(false);
    router.refresh();
  }

  async function onRevoke(id: string) {
    const res = await fetch(`/api/access-codes/${encodeURIComponent(id)}`, { method: "DELETE" });
    if (!res.ok) return setError(true);
    router.refresh();
  }

  const csvHref = `data:text/csv;charset=utf-8,${encodeURIComponent(["code", ...created.map((c) => c.code)].join("\n") + "\n")}`;

  return (
    <>
      <form onSubmit={onCreate} className="card" aria-labelledby="create-codes">
        <h2 id="create-codes">{t("createTitle")}</h2>
        <label htmlFor="count">{t("count")}</label>
        <input id="count" name="count" type="number" min={1} max={1000} defaultValue={10} required />
        <label htmlFor="maxUses">{t("maxUses")}</label>
        <input id="maxUses" name="maxUses" type="number" min={1} max={100000} defaultValue={1} required />
        <label htmlFor="expiresAt">{t("expiresAt")}</label>
        <input id="expiresAt" name="expiresAt" type="date" />
        <button className="button" type="submit" disabled={pending}>
          {pending ? t("creating") : t("create")}
        </button>
        {error ? <p role="alert">{t("error")}</p> : null}
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
