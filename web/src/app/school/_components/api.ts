/** Client helpers of the school pages: JSON requests and API error → message arguments. */

export interface ApiAnswer<T> {
  ok: boolean;
  status: number;
  data: T | null;
  error: { code: string; message: string; fields?: Record<string, string> } | null;
}

/** Sends `body` as JSON with `method` and parses the JSON answer (never throws on HTTP errors). */
export async function sendJson<T>(url: string, method: string, body?: unknown): Promise<ApiAnswer<T>> {
  try {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = res.status === 204 ? null : await res.json().catch(() => null);
    const error = (json as { error?: ApiAnswer<T>["error"] } | null)?.error ?? null;
    return { ok: res.ok, status: res.status, data: res.ok ? (json as T) : null, error };
  } catch {
    return { ok: false, status: 0, data: null, error: null };
  }
}

/** A readable one-line problem for an error answer (names the fields or the taken names). */
export function problemText(
  a: ApiAnswer<unknown>,
  t: (key: "generic" | "taken" | "invalid", values?: Record<string, string>) => string,
): string {
  const fields = a.error?.fields ?? {};
  if (a.status === 409) {
    const names = Object.keys(fields).join(", ");
    return names ? t("taken", { names }) : (a.error?.message ?? t("generic"));
  }
  if (a.status === 400 && Object.keys(fields).length) {
    return t("invalid", {
      fields: Object.entries(fields)
        .map(([k, v]) => `${k}: ${v}`)
        .join("; "),
    });
  }
  return a.error?.message ?? t("generic");
}
