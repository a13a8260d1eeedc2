/**
 * Retries of `bench:lighthouse` runs that fail for a transient reason. Lighthouse sometimes loses the trace of a
 * load on a busy machine and stops with a runtime error such as `NO_NAVSTART` or `NO_FCP`; the same page loads fine
 * the next time. Such a run is repeated (up to {@link MAX_RETRIES} more times, each retry said on the console); any
 * other error, or a transient one that persists, still fails the script.
 */

/** Lighthouse error codes (core/lib/lh-error.js) of a lost or incomplete trace or a stalled protocol: worth a retry. */
export const TRANSIENT_LIGHTHOUSE_CODES: ReadonlySet<string> = new Set([
  "NO_NAVSTART",
  "NO_FCP",
  "NO_LCP",
  "NO_DCL",
  "NO_TRACING_STARTED",
  "TRACING_ALREADY_STARTED",
  "NO_SCREENSHOTS",
  "NO_SPEEDLINE_FRAMES",
  "SPEEDINDEX_OF_ZERO",
  "INVALID_SPEEDLINE",
  "NO_RESOURCE_REQUEST",
  "PROTOCOL_TIMEOUT",
  "PAGE_HUNG",
]);

/** Further attempts after the first one. */
export const MAX_RETRIES = 2;

/** A failed Lighthouse run: its error `code` (Lighthouse's, e.g. `NO_NAVSTART`) and what it said. */
export class LighthouseRunError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code} ${message}`);
    this.name = "LighthouseRunError";
  }
}

/** The Lighthouse error code of `err` (a LighthouseRunError or Lighthouse's own LighthouseError), or null. */
export function lighthouseCode(err: unknown): string | null {
  if (typeof err !== "object" || err === null) return null;
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" && /^[A-Z][A-Z0-9_]+$/.test(code) ? code : null;
}

/** Whether `err` is a transient Lighthouse failure ({@link TRANSIENT_LIGHTHOUSE_CODES}). */
export function isTransient(err: unknown): boolean {
  const code = lighthouseCode(err);
  return code !== null && TRANSIENT_LIGHTHOUSE_CODES.has(code);
}

/**
 * Runs `run` until it succeeds, retrying transient Lighthouse failures up to `retries` more times.
 * @param label names the page in the messages
 * @param log receives one line per retry ("… retrying (1 of 2)")
 * @returns what `run` returned
 * @throws the last error when it is not transient, or when the retries are used up (message names the page, the
 *   code and the number of attempts)
 */
export async function withTransientRetries<T>(
  label: string,
  run: () => Promise<T>,
  log: (line: string) => void = console.log,
  retries = MAX_RETRIES,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!isTransient(err)) throw err;
      const code = lighthouseCode(err)!;
      if (attempt >= retries) {
        throw new Error(`${label}: Lighthouse failed with ${code} in all ${attempt + 1} attempts — giving up`, {
          cause: err,
        });
      }
      log(`${label}: Lighthouse stopped with ${code} (transient), retrying (${attempt + 1} of ${retries})`);
    }
  }
}
