/**
 * Sends a huge request body to a running server the way an attacker would, and reads a process's memory —
 * shared by `bench:body-limits` (prints figures) and test/scale/page-body.scale.test.ts (asserts bounds).
 */
import { readFileSync } from "node:fs";
import { request } from "node:http";

/** Resident memory of process `pid` in bytes: current (VmRSS) and peak (VmHWM), from /proc (Linux). */
export function processMemory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}

/** How one huge request went. */
export interface HugeBodyResult {
  /** HTTP status of the answer (0 = none before the connection ended) */
  status: number;
  /** response headers (lower-case names) */
  headers: Record<string, string | string[] | undefined>;
  /** bytes of body the client managed to write before it stopped */
  sentBytes: number;
  /** milliseconds until the status line arrived (or the connection ended without one) */
  msToAnswer: number;
  /** milliseconds until the client was done (answer read and, when persistent, sending stopped) */
  ms: number;
}

/**
 * POSTs `totalBytes` of spaces in 64 KiB chunks to `http://127.0.0.1:<port><path>`.
 * @param opts.declared send a `Content-Length` (otherwise the body is chunked: `Transfer-Encoding: chunked`)
 * @param opts.persistent keep sending after the answer arrived, until everything is sent or the server closes
 *   the connection (an attacker's client); otherwise stop at the answer (a polite client)
 * @param opts.headers extra request headers (e.g. `next-action`, `origin`)
 */
export function sendHugeBody(
  port: number,
  path: string,
  totalBytes: number,
  opts: { declared?: boolean; persistent?: boolean; headers?: Record<string, string> } = {},
): Promise<HugeBodyResult> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let sent = 0;
    let status = 0;
    let headers: HugeBodyResult["headers"] = {};
    let msToAnswer = -1;
    let answered = false;
    let done = false;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const req = request({
      host: "127.0.0.1",
      port,
      path,
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(opts.declared ? { "content-length": String(totalBytes) } : {}),
        ...opts.headers,
      },
    });
    const finish = () => {
      if (done) return;
      done = true;
      if (msToAnswer < 0) msToAnswer = Math.round(performance.now() - t0);
      req.destroy();
      resolve({ status, headers, sentBytes: sent, msToAnswer, ms: Math.round(performance.now() - t0) });
    };
    const maybeFinish = () => {
      if (answered && (!opts.persistent || sent >= totalBytes)) finish();
    };
    req.on("response", (res) => {
      status = res.statusCode ?? 0;
      headers = res.headers;
      msToAnswer = Math.round(performance.now() - t0);
      res.resume();
      res.on("end", () => {
        answered = true;
        maybeFinish();
      });
    });
    req.on("error", finish);
    req.on("close", finish);
    const pump = () => {
      while (!done && sent < totalBytes && (opts.persistent || status === 0)) {
        const n = Math.min(chunk.length, totalBytes - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once("drain", pump);
      }
      if (done) return;
      if (sent >= totalBytes) {
        req.end();
        maybeFinish();
      }
    };
    pump();
  });
}
