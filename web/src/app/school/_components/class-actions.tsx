"use client";
/**
 * Class page actions: create pupils (rows or CSV file → POST …/pupils {csv}), reset a pupil's password,
 * assign a course (POST …/courses) and remove it (DELETE …/courses/<id>). New passwords appear as printable
 * sign-in cards (shown once).
 */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { problemText, sendJson } from "./api";
import { SignInCards, type Credentials } from "./sign-in-cards";

/** Reads an uploaded CSV as UTF-8 (BOM allowed); null when the bytes are not UTF-8 (a Windows-1252 or UTF-16 export). */
async function readUtf8(file: File): Promise<string | null> {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return null;
  }
}

export function AddPupilsForm({ classId, appUrl }: { classId: string; appUrl: string }) {
  const t = useTranslations("school");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [issued, setIssued] = useState<Credentials[]>([]);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const file = form.get("file");
    const fromFile = file instanceof File && file.size > 0;
    // The chosen file is used once: after an error the teacher may type rows instead, which must not be
    // shadowed by the stale file (they pick the corrected file again).
    const fileInput = formEl.elements.namedItem("file");
    if (fileInput instanceof HTMLInputElement) fileInput.value = "";
    const csv = fromFile ? await readUtf8(file) : String(form.get("rows") ?? "");
    setProblem(null);
    if (csv === null) {
      setProblem(t("class.notUtf8", { file: file instanceof File ? file.name : "" }));
      return;
    }
    setBusy(true);
    const a = await sendJson<{ pupils: Credentials[] }>(`/api/school/classes/${classId}/pupils`, "POST", { csv });
    setBusy(false);
    if (a.ok && a.data) {
      setIssued(a.data.pupils);
      formEl.reset();
      router.refresh();
    } else setProblem(problemText(a, t));
  }

  return (
    <>
      <form onSubmit={onSubmit} className="card" data-testid="add-pupils-form">
        <p className="muted">{t("class.addLead")}</p>
        <label htmlFor="pupil-rows">{t("class.addRows")}</label>
        <textarea id="pupil-rows" name="rows" rows={6} placeholder={"Mia Schmidt, mia.s\nLeo Meier, leo.m"} />
        <label htmlFor="pupil-file">{t("class.addFile")}</label>
        <input id="pupil-file" name="file" type="file" accept=".csv,text/csv,text/plain" />
        <button type="submit" className="button" disabled={busy} aria-busy={busy}>
          {busy ? t("class.addBusy") : t("class.addSubmit")}
        </button>
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
      </form>
      <SignInCards credentials={issued} appUrl={appUrl} />
    </>
  );
}

export function ResetPasswordButton({ userId, name, appUrl }: { userId: string; name: string; appUrl: string }) {
  const t = useTranslations("school");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [issued, setIssued] = useState<Credentials | null>(null);

  async function onClick() {
    setBusy(true);
    setProblem(null);
    const a = await sendJson<Credentials>(`/api/school/users/${userId}/password`, "POST");
    setBusy(false);
    if (a.ok && a.data) setIssued(a.data);
    else setProblem(problemText(a, t));
  }

  return (
    <>
      <button type="button" onClick={onClick} disabled={busy} aria-label={`${t("class.reset")}: ${name}`}>
        {busy ? t("class.resetBusy") : t("class.reset")}
      </button>
      {problem && (
        <span role="alert" className="error">
          {problem}
        </span>
      )}
      {issued && <SignInCards credentials={[issued]} appUrl={appUrl} />}
    </>
  );
}

export function AssignCourseForm({
  classId,
  courses,
}: {
  classId: string;
  courses: { slug: string; title: string }[];
}) {
  const t = useTranslations("school");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const courseSlug = String(new FormData(e.currentTarget).get("courseSlug") ?? "");
    setBusy(true);
    setProblem(null);
    const a = await sendJson(`/api/school/classes/${classId}/courses`, "POST", { courseSlug });
    setBusy(false);
    if (a.ok) router.refresh();
    else setProblem(problemText(a, t));
  }

  return (
    <form onSubmit={onSubmit} className="card" data-testid="assign-course-form">
      <label htmlFor="class-course">{t("class.assignCourse")}</label>
      <select id="class-course" name="courseSlug" required>
        {courses.map((c) => (
          <option key={c.slug} value={c.slug}>
            {c.title}
          </option>
        ))}
      </select>
      <button type="submit" className="button" disabled={busy || courses.length === 0} aria-busy={busy}>
        {busy ? t("class.assignBusy") : t("class.assignSubmit")}
      </button>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </form>
  );
}

export function RemoveCourseButton({ classId, courseId, title }: { classId: string; courseId: string; title: string }) {
  const t = useTranslations("school");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  async function onClick() {
    // Removing revokes every pupil's class access to the course at once (progress is kept): ask first.
    if (!window.confirm(t("class.removeConfirm", { title }))) return;
    setBusy(true);
    await sendJson(`/api/school/classes/${classId}/courses/${courseId}`, "DELETE");
    setBusy(false);
    router.refresh();
  }
  return (
    <button type="button" onClick={onClick} disabled={busy} aria-label={`${t("class.remove")}: ${title}`}>
      {t("class.remove")}
    </button>
  );
}
