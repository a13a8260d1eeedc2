"use client";
/**
 * Course pack import for school admins: upload a file (raw tar body → POST /api/school/packs) or import one
 * from PACKS_DIR (POST /api/school/packs/folder). An untrusted publisher key needs a second, explicit click.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { codeText } from "@/i18n/code-text";
import { answerOf, NO_ANSWER, problemText, sendJson, type ApiAnswer } from "../../_components/api";

interface ImportResult {
  status: "created" | "updated" | "unchanged";
  slug: string;
  title: string;
  version: number;
  elapsedMs: number;
}

type Source = { kind: "upload"; file: File } | { kind: "folder"; name: string };

async function upload(file: File, confirm: boolean): Promise<ApiAnswer<ImportResult>> {
  try {
    const res = await fetch(`/api/school/packs${confirm ? "?confirmUntrusted=1" : ""}`, {
      method: "POST",
      headers: { "content-type": "application/x-tar" },
      body: file,
    });
    return await answerOf<ImportResult>(res);
  } catch {
    return NO_ANSWER;
  }
}

export function PackImport({ folder }: { folder: { name: string; sizeBytes: number }[] | null }) {
  const t = useTranslations("school.packs");
  const tSchool = useTranslations("school");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState<{ source: Source; publisher: string; did: string } | null>(null);

  async function run(source: Source, confirm: boolean) {
    setBusy(true);
    setProblem(null);
    setResult(null);
    const a =
      source.kind === "upload"
        ? await upload(source.file, confirm)
        : await sendJson<ImportResult>("/api/school/packs/folder", "POST", {
            file: source.name,
            confirmUntrusted: confirm,
          });
    setBusy(false);
    const f = a.error?.fields ?? {};
    if (a.ok && a.data) {
      setPending(null);
      setResult(a.data);
      router.refresh();
    } else if (a.status === 409 && f.reason === "untrusted") {
      setPending({ source, publisher: f.publisher ?? "", did: f.did ?? "" });
    } else if (a.status === 422 && f.file) {
      setPending(null);
      // the reason by its code in the UI's language (features/packs/rejections.ts), the technical detail as it is
      const reason = codeText(t, "reasons.", f.code ?? "", "generic");
      setProblem(t("rejected", { file: f.file, reason: f.detail ? `${reason} (${f.detail})` : reason }));
    } else {
      setPending(null);
      setProblem(problemText(a, tSchool));
    }
  }

  function onUpload(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = new FormData(e.currentTarget).get("pack");
    if (file instanceof File && file.size > 0) void run({ kind: "upload", file }, false);
  }

  return (
    <div data-testid="pack-import">
      <form onSubmit={onUpload} className="card">
        <label htmlFor="pack-file">{t("upload")}</label>
        <input id="pack-file" name="pack" type="file" accept=".tar,application/x-tar" required />
        <button type="submit" className="button" disabled={busy} aria-busy={busy}>
          {busy ? t("busy") : t("import")}
        </button>
      </form>
      <h2>{t("folder")}</h2>
      {folder === null ? (
        <p className="muted">{t("folderUnset")}</p>
      ) : folder.length === 0 ? (
        <p className="muted">{t("folderEmpty")}</p>
      ) : (
        <ul data-testid="pack-folder">
          {folder.map((f) => (
            <li key={f.name}>
              <code>{f.name}</code> ({(f.sizeBytes / 1024 / 1024).toFixed(1)} MB){" "}
              <button type="button" disabled={busy} onClick={() => void run({ kind: "folder", name: f.name }, false)}>
                {t("importFile", { name: f.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {pending && (
        <div role="alert" className="card" data-testid="pack-untrusted">
          <p>{t("untrusted", { publisher: pending.publisher, did: pending.did })}</p>
          <button type="button" className="button" disabled={busy} onClick={() => void run(pending.source, true)}>
            {t("confirm")}
          </button>
        </div>
      )}
      {problem && (
        <p role="alert" className="error" data-testid="pack-problem">
          {problem}
        </p>
      )}
      {result && (
        <p role="status" data-testid="pack-result">
          {t("done", {
            status: result.status,
            title: result.title,
            version: result.version,
            seconds: (result.elapsedMs / 1000).toFixed(1),
          })}{" "}
          <Link href={`/courses/${result.slug}`}>{t("open")}</Link>
        </p>
      )}
    </div>
  );
}
