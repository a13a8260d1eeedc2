/** Browser-side helpers of the auth pages (API calls come from `@/lib/api-client`). */
import type { z } from "zod";
import { safeRedirectPath } from "@/lib/safe-redirect";

export { callApi, type ApiFailure, type ApiResult } from "@/lib/api-client";

/** Field error codes from a zod validation result (first code per top-level field). */
export function clientFieldErrors(result: z.ZodSafeParseResult<unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  if (result.success) return fields;
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "_");
    fields[key] ??= issue.message;
  }
  return fields;
}

/**
 * A same-origin path from a `callbackUrl` query value, else `fallback` (prevents open redirects; WHATWG URL
 * parsing against `appUrl` (APP_URL on the server), control characters refused — see lib/safe-redirect.ts).
 */
export function safeCallbackUrl(value: string | null | undefined, appUrl?: string, fallback = "/"): string {
  return safeRedirectPath(value, appUrl, fallback);
}
