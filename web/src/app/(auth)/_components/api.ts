/** Browser-side helpers of the auth pages (API calls come from `@/lib/api-client`). */
import type { z } from "zod";

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

/** A same-site relative path from a `callbackUrl` query value, else `fallback` (prevents open redirects). */
export function safeCallbackUrl(value: string | null | undefined, fallback = "/"): string {
  return value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : fallback;
}
