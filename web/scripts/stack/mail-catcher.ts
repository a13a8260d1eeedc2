/**
 * In-process SMTP catcher (npm `smtp-server` + `mailparser`) for the dev stack and the tests: accepts every
 * message on 127.0.0.1 (no TLS, no auth), parses it and keeps it in memory; with `dir`, each message is also
 * written as `<n>-<time>.eml` (raw) and `.json` (parsed: to, subject, text, html, links) — the e2e specs and
 * developers read them there. Test hook: {@link MailCatcher.failNext} answers the next messages with a
 * temporary SMTP error (451), so senders' retries can be observed.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** One received message. */
export interface CaughtMail {
  /** sequence number in this catcher */
  n: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** `Content-Language` header */
  language: string | null;
  /** every header field as sent, by lower-case name (unfolded; the last one of a repeated name) */
  headers: Record<string, string>;
  /** every http(s) URL in the plain-text part, in order */
  links: string[];
  receivedAt: string;
}

/** A running catcher. */
export interface MailCatcher {
  port: number;
  /** `smtp://127.0.0.1:<port>` (for SMTP_URL) */
  url: string;
  messages: CaughtMail[];
  /** Refuses the next `count` messages with `451 4.3.0 try again later`. */
  failNext(count: number): void;
  /** Resolves with the first message (already received or arriving within `ms`) that `match` accepts. */
  waitFor(match: (m: CaughtMail) => boolean, ms?: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

/**
 * Starts a catcher on 127.0.0.1.
 * @param opts.port TCP port (0 = any free port)
 * @param opts.dir folder for `.eml` + `.json` copies (created)
 * @param opts.onMail called after each stored message (the dev stack logs it)
 */
export async function startMailCatcher(
  opts: { port?: number; dir?: string; onMail?: (m: CaughtMail) => void } = {},
): Promise<MailCatcher> {
  const messages: CaughtMail[] = [];
  const waiters: { match: (m: CaughtMail) => boolean; resolve: (m: CaughtMail) => void }[] = [];
  let failing = 0;
  if (opts.dir) await mkdir(opts.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (failing > 0) {
          failing--;
          const err = Object.assign(new Error("4.3.0 try again later"), { responseCode: 451 });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks);
        void simpleParser(raw)
          .then(async (parsed) => {
            const text = parsed.text ?? "";
            const mail: CaughtMail = {
              n: messages.length + 1,
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? "",
              text,
              html: typeof parsed.html === "string" ? parsed.html : "",
              language: (parsed.headers.get("content-language") as string | undefined) ?? null,
              headers: Object.fromEntries(
                parsed.headerLines.map((h) => [
                  h.key,
                  h.line
                    .slice(h.line.indexOf(":") + 1)
                    .replace(/\r?\n[ \t]+/g, " ")
                    .trim(),
                ]),
              ),
              links: [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]),
              receivedAt: new Date().toISOString(),
            };
            messages.push(mail);
            if (opts.dir) {
              const base = path.join(opts.dir, `${String(mail.n).padStart(4, "0")}-${Date.now()}`);
              await writeFile(`${base}.eml`, raw);
              // written aside and renamed: a reader polling for *.json (e2e/fixtures/mail.ts) never sees half a file
              await writeFile(`${base}.json.partial`, JSON.stringify(mail, null, 2));
              await rename(`${base}.json.partial`, `${base}.json`);
            }
            opts.onMail?.(mail);
            for (const w of [...waiters]) {
              if (w.match(mail)) {
                waiters.splice(waiters.indexOf(w), 1);
                w.resolve(mail);
              }
            }
            callback();
          })
          .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
      });
    },
  });
  server.on("error", () => undefined);
  const port = await new Promise<number>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      const addr = server.server.address();
      resolve(typeof addr === "object" && addr ? addr.port : 0);
    });
  });
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    failNext(count) {
      failing = count;
    },
    waitFor(match, ms = 15_000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { match, resolve };
        waiters.push(w);
        setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i >= 0) {
            waiters.splice(i, 1);
            reject(new Error(`no matching mail within ${ms} ms (received ${messages.length})`));
          }
        }, ms).unref();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
