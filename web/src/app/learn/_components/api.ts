/** Browser-side JSON POST to the learning API; returns the parsed body or the API error code. */

export type PostResult<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

/** POSTs `body` as JSON to `url` (same origin, cookies included). */
export async function postJson<T>(url: string, body: unknown = {}): Promise<PostResult<T>> {
  try {
    const res = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json: unknown = await res.json().catch(() => null);
    if (res.ok) return { ok: true, data: json as T };
    const err = (json as { error?: { code?: string; message?: string } } | null)?.error;
    return { ok: false, code: err?.code ?? "internal", message: err?.message ?? "" };
  } catch {
    return { ok: false, code: "network", message: "" };
  }
}

/** `/api/learning/lessons/<id>/<action>` */
export function lessonApi(lessonId: string, action: "complete" | "progress" | "quiz"): string {
  return `/api/learning/lessons/${encodeURIComponent(lessonId)}/${action}`;
}
