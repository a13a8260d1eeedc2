"use client";
/** Trusted publisher keys: add (POST /api/school/publishers) and remove (DELETE ?did=). */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { problemText, sendJson } from "../../_components/api";

export function Publishers({ publishers }: { publishers: { did: string; name: string }[] }) {
  const t = useTranslations("school.packs");
  const tSchool = useTranslations("school");
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const a = await sendJson("/api/school/publishers", "POST", { did: f.get("did"), name: f.get("name") });
    if (a.ok) router.refresh();
    else setProblem(problemText(a, tSchool, { labels: { name: t("name"), did: t("did") } }));
  }
  async function remove(did: string) {
    await sendJson(`/api/school/publishers?did=${encodeURIComponent(did)}`, "DELETE");
    router.refresh();
  }

  return (
    <div data-testid="publishers">
      {publishers.length === 0 ? (
        <p className="muted">{t("noPublishers")}</p>
      ) : (
        <ul>
          {publishers.map((p) => (
            <li key={p.did}>
              <strong>{p.name}</strong> <code style={{ wordBreak: "break-all" }}>{p.did}</code>{" "}
              <button type="button" onClick={() => void remove(p.did)} aria-label={`${t("remove")}: ${p.name}`}>
                {t("remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} className="card">
        <label htmlFor="publisher-did">{t("did")}</label>
        <input id="publisher-did" name="did" required placeholder="did:key:z6Mk…" />
        <label htmlFor="publisher-name">{t("name")}</label>
        <input id="publisher-name" name="name" required maxLength={200} />
        <button type="submit" className="button">
          {t("trust")}
        </button>
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
      </form>
    </div>
  );
}
