/**
 * Account mail in tests, below the UI: the in-process SMTP catcher (scripts/stack/mail-catcher.ts, npm
 * `smtp-server`) with the real nodemailer transport pointed at it, and `send()`, one pass of the mail outbox sender
 * (features/mail/sender.ts) over a test database. The tests read what arrived from `catcher`.
 *
 *   beforeAll: `t = await createTestDatabase(); smtp = await startMailFixture({ db: t.db, appUrl: APP });`
 *   afterAll:  `await smtp.close(); await t.drop();`
 */
import type { PrismaClient } from "@smolitux/db";
import { startMailCatcher, type MailCatcher } from "../scripts/stack/mail-catcher.ts";
import { createLogger, type Logger } from "@/server/logger.ts";
import { smtpTransport, type MailTransport } from "@/server/mail.ts";
import { sendDueMails, type MailPassSummary } from "@/features/mail/sender.ts";

/** Sender address of the test mail. */
export const TEST_MAIL_FROM = "Smolitux Academy <no-reply@localhost>";

export interface MailFixture {
  /** the running catcher: `messages`, `waitFor(match)`, `failNext(n)` */
  catcher: MailCatcher;
  /** the real SMTP transport to the catcher */
  transport: MailTransport;
  /** the silent logger `send` passes to the sender */
  log: Logger;
  /** One pass of the outbox sender through the catcher; `now` moves the sender's clock (e.g. past the mail age limit). */
  send(now?: Date): Promise<MailPassSummary>;
  /** Closes the transport and the catcher. */
  close(): Promise<void>;
}

/**
 * Starts a catcher on a free 127.0.0.1 port and the transport to it.
 * @param opts.db the test database whose outbox `send` works through
 * @param opts.appUrl base of the links in the mails
 * @param opts.unsubscribeSecret signs the List-Unsubscribe tokens (NEXTAUTH_SECRET in the app); default a fixed test value
 */
export async function startMailFixture(opts: {
  db: PrismaClient;
  appUrl: string;
  unsubscribeSecret?: string;
}): Promise<MailFixture> {
  const catcher = await startMailCatcher();
  const transport = smtpTransport(catcher.url, TEST_MAIL_FROM);
  const log = createLogger("error", "mail-test", () => undefined);
  const unsubscribeSecret = opts.unsubscribeSecret ?? "mail-test-secret-0123456789abcdef0123456789";
  return {
    catcher,
    transport,
    log,
    send: (now) =>
      sendDueMails({
        db: opts.db,
        transport,
        appUrl: opts.appUrl,
        unsubscribeSecret,
        log,
        now: now ? () => now : undefined,
      }),
    async close() {
      transport.close();
      await catcher.close();
    },
  };
}
