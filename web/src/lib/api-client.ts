/**
 * Browser-side JSON calls to our API routes, returning the `{error:{code,message,fields}}` convention of
 * `src/server/http.ts` as a value (never throws; a network failure is code `network`, status 0).
 */
export interface ApiFailure {
  code: string;
  message: string;
  fields: Record<string, string>;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiFailure };

/** Sends `body` as JSON with `method` to `url` (same origin, cookies included). */
export async function callApi<T = unknown>(method: string, url: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, error: { code: "network", message: "", fields: {} } };
  }
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : null;
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  const err = (json as { error?: Partial<ApiFailure> } | null)?.error;
  return {
    ok: false,
    status: res.status,
    error: { code: err?.code ?? "internal", message: err?.message ?? res.statusText, fields: err?.fields ?? {} },
  };
}
