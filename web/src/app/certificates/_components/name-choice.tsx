"use client";
/**
 * The explicit choice of what a certificate says, asked before anything is minted: the name to print (the
 * account's name, editable) or no name. PUT /api/certificates/settings `{ showName, name? }`; the worker
 * mints only after this choice.
 */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

export function NameChoice({
  initialName,
  initialShowName,
  confirmed,
  offline = false,
}: {
  initialName: string;
  initialShowName: boolean;
  /** the learner chose before: the form edits the choice instead of asking for it */
  confirmed: boolean;
  /** offline school: nothing is minted; the credential and PDF are issued again with the chosen name */
  offline?: boolean;
}) {
  const t = useTranslations("certificates.name");
  const router = useRouter();
  const [name, setName] = useState(initialName);
  const [show, setShow] = useState(confirmed ? initialShowName : true);
  const [state, setState] = useState<"idle" | "saving" | "saved" | "error">("idle");
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (show && name.trim() === "") {
      setError(t("required"));
      return;
    }
    setState("saving");
    const res = await fetch("/api/certificates/settings", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(show ? { showName: true, name: name.trim() } : { showName: false }),
    }).catch(() => null);
    if (res?.ok) {
      setState("saved");
      router.refresh();
    } else {
      setState("error");
      setError(t("failed"));
    }
  }

  return (
    <form className="card name-choice" onSubmit={(e) => void submit(e)} data-testid="name-choice" noValidate>
      <h2>{confirmed ? t("editTitle") : t("title")}</h2>
      <p className="muted">{offline ? t("explainOffline") : t("explain")}</p>
      <fieldset>
        <legend>{t("legend")}</legend>
        <label>
          <input type="radio" name="show" checked={show} onChange={() => setShow(true)} /> {t("showName")}
        </label>
        <label className="name-input">
          {t("nameLabel")}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            disabled={!show}
            maxLength={100}
            autoComplete="name"
            aria-invalid={error === t("required") ? true : undefined}
          />
        </label>
        <label>
          <input type="radio" name="show" checked={!show} onChange={() => setShow(false)} /> {t("noName")}
        </label>
      </fieldset>
      <button type="submit" className="button" disabled={state === "saving"}>
        {state === "saving" ? t("saving") : confirmed ? t("save") : t("submit")}
      </button>{" "}
      {state === "saved" && <span role="status">{t("saved")}</span>}
      {error && <span role="alert">{error}</span>}
    </form>
  );
}
