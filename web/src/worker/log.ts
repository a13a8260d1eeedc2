/** One-line JSON logger of the worker process (`{"t":…,"level":…,"loop":…,"msg":…,…fields}`). */
import type { Env } from "../server/env.ts";
import { redactUrls } from "../server/redact.ts";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

/** Logger with a fixed `loop` field. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(loop: string): Logger;
}

/** bigint → string; URLs in strings lose credentials (RPC_URL user-info, query keys — see server/redact.ts). */
const replacer = (_k: string, v: unknown) =>
  typeof v === "bigint" ? v.toString() : typeof v === "string" && v.includes("://") ? redactUrls(v) : v;

/**
 * Creates a logger writing one JSON object per line to `write` (stdout by default), dropping
 * messages below `level`. Never pass secrets in `fields`.
 */
export function createLogger(
  level: Env["LOG_LEVEL"],
  loop = "worker",
  write: (line: string) => void = (line) => process.stdout.write(line + "\n"),
): Logger {
  const at =
    (l: Level) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (LEVELS[l] < LEVELS[level]) return;
      write(JSON.stringify({ t: new Date().toISOString(), level: l, loop, msg, ...fields }, replacer));
    };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (name) => createLogger(level, name, write),
  };
}
