/** Client helpers of the school pages: JSON requests and an API error → one line in the UI's language. */
import { codeText, type CodeTranslator } from "@/i18n/code-text";

export interface ApiAnswer<T> {
  ok: boolean;
  /** HTTP status; 0 when the server was not reached */
  status: number;
  data: T | null;
  error: { code: string; message: string; fields?: Record<string, string> } | null;
}

/** The answer of `res` (JSON body, `{error}` on failures); never throws. */
export async function answerOf<T>(res: Response): Promise<ApiAnswer<T>> {
  const json: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  const error = (json as { error?: ApiAnswer<T>["error"] } | null)?.error ?? null;
  return { ok: res.ok, status: res.status, data: res.ok ? (json as T) : null, error };
}

/** The answer of a request that did not reach the server. */
export const NO_ANSWER: ApiAnswer<never> = { ok: false, status: 0, data: null, error: null };

/** Sends `body` as JSON with `method` and parses the JSON answer (never throws on HTTP errors). */
export async function sendJson<T>(url: string, method: string, body?: unknown): Promise<ApiAnswer<T>> {
  try {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return await answerOf<T>(res);
  } catch {
    return NO_ANSWER;
  }
}

/** What one form says differently from the school's defaults (texts already translated). */
export interface ProblemWording {
  /** the form's own sentence for an API error code without field errors (e.g. set-up's `conflict`) */
  codes?: Partial<Record<string, string>>;
  /** the form's labels by field name (default: `school.fields.<name>`) */
  labels?: Record<string, string>;
}

/**
 * A failed request as one line in the UI's language, by the API's stable codes — never the server's English
 * `error.message` and never a raw field name (`t` = `useTranslations("school")`):
 * - field errors: "Please check: <label>: <field error> <label>: <field error> …" (`school.fields`, a CSV's `line 3` as "Line 3", the field
 *   error by code from `school.fieldErrors`; other keys — the usernames a bulk request repeats or finds taken — as
 *   they are), or "Already taken: <labels>" when every field is `taken`;
 * - otherwise the form's sentence for the error code, `school.errors.<code>`, or the generic sentence;
 * - no answer from the server: `school.errors.network`.
 */
export function problemText(a: ApiAnswer<unknown>, t: CodeTranslator, wording: ProblemWording = {}): string {
  if (a.status === 0) return t("errors.network");
  const fields = Object.entries(a.error?.fields ?? {});
  if (fields.length) {
    const label = (key: string): string | null => {
      const line = /^line (\d+)$/.exec(key);
      if (line) return t("errors.line", { line: Number(line[1]) });
      if (key === "_") return null; // the request as a whole
      return wording.labels?.[key] ?? (t.has(`fields.${key}`) ? t(`fields.${key}`) : key);
    };
    if (fields.every(([, code]) => code === "taken"))
      return t("errors.taken", { names: fields.flatMap(([key]) => label(key) ?? []).join(", ") });
    return t("errors.invalid", {
      fields: fields
        .map(([key, code]) => {
          const text = codeText(t, "fieldErrors.", code, "invalid");
          const l = label(key);
          return l ? `${l}: ${text}` : text;
        })
        .join(" "),
    });
  }
  const code = a.error?.code ?? "";
  return wording.codes?.[code] ?? codeText(t, "errors.", code, "generic");
}
