/**
 * The one logger of the web app and the worker: one JSON object per line on stdout
 * (`{"t":ISO-8601,"level":…,"scope":…,"msg":…,"requestId"?:…,…fields}`).
 *
 * - `requestId`: inside a web request, the trace id of Next.js's request span (server/tracing.ts); outbox
 *   rows enqueued during the request store it and the worker logs it with every step of that job, so one id
 *   follows a purchase from the checkout request to the transaction that records it.
 * - Redaction: every URL in the message, in string fields and in error messages passes through
 *   server/redact.ts (user-info, query strings and key-like path segments removed, e.g. an `RPC_URL` with an
 *   API key). Never pass keys or secrets as fields.
 */
import { isSpanContextValid, trace } from "@opentelemetry/api";
import { redactUrls } from "./redact.ts";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
/** A log level (LOG_LEVEL). */
export type LogLevel = keyof typeof LEVELS;

/** A logger bound to a scope (e.g. `worker`, `indexer`, `card`). */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger with another scope and the same level, sink and bound fields plus `fields`. */
  child(scope: string, fields?: Record<string, unknown>): Logger;
}

function clean(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactUrls(value);
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Error) {
    const short = (value as { shortMessage?: string }).shortMessage;
    return { name: value.name, message: redactUrls(short ?? value.message.split("\n")[0] ?? "") };
  }
  if (depth < 4 && Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
  if (depth < 4 && value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v, depth + 1)]));
  }
  return value;
}

/** Trace id of the active request span, if any. */
export function currentRequestId(): string | undefined {
  const ctx = trace.getActiveSpan()?.spanContext();
  return ctx && isSpanContextValid(ctx) ? ctx.traceId : undefined;
}

/**
 * Creates a logger writing to `write` (stdout by default) and dropping messages below `level`.
 */
export function createLogger(
  level: LogLevel = "info",
  scope = "app",
  write: (line: string) => void = (line) => process.stdout.write(line + "\n"),
  bound: Record<string, unknown> = {},
): Logger {
  const at =
    (l: LogLevel) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (LEVELS[l] < LEVELS[level]) return;
      const requestId = currentRequestId();
      const line = {
        t: new Date().toISOString(),
        level: l,
        scope,
        msg: redactUrls(msg),
        ...(requestId ? { requestId } : {}),
        ...(clean({ ...bound, ...fields }) as object),
      };
      write(JSON.stringify(line));
    };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (name, fields = {}) => createLogger(level, name, write, { ...bound, ...fields }),
  };
}

let root: Logger | undefined;

/** The process logger at `LOG_LEVEL` (read directly: logging must work even when the env is invalid). */
export function logger(scope?: string): Logger {
  const lvl = process.env.LOG_LEVEL;
  root ??= createLogger(lvl === "debug" || lvl === "warn" || lvl === "error" ? lvl : "info");
  return scope ? root.child(scope) : root;
}
