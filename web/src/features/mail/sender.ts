/**
 * The mail outbox's sender (run by the worker's `mail` loop, one instance across replicas by advisory lock):
 * renders each due PENDING MailMessage and hands it to the SMTP transport. A failed send is retried with
 * exponential back-off (30 s · 2^attempt, at most 1 h) up to {@link MAX_MAIL_ATTEMPTS} times, then FAILED;
 * mail that could not go out within {@link MAX_MAIL_AGE_MS} is dropped (FAILED "expired": a password-reset
 * link from yesterday helps nobody). Delivery is at-least-once: a crash between the server's acceptance and
 * the status update sends that one message again. Non-transactional kinds carry one-click `List-Unsubscribe`
 * headers for their recipient's account (unsubscribe.ts).
 */
import type { MailKind, PrismaClient } from "@smolitux/db";
import type { Logger } from "@/server/logger.ts";
import type { MailTransport } from "@/server/mail.ts";
import { renderMail } from "./templates.ts";
import { listUnsubscribeHeaders } from "./unsubscribe.ts";

export const MAX_MAIL_ATTEMPTS = 8;
export const MAX_MAIL_AGE_MS = 24 * 3600_000;

/** Kinds whose parameters hold a secret link: removed from the row once the mail is sent. */
const LINK_KINDS: readonly MailKind[] = ["EMAIL_VERIFICATION", "PASSWORD_RESET"];

/** Dependencies of {@link sendDueMails}. */
export interface MailSenderDeps {
  db: PrismaClient;
  transport: MailTransport;
  appUrl: string;
  /** NEXTAUTH_SECRET (resolveAuthSecret): signs the List-Unsubscribe tokens */
  unsubscribeSecret: string;
  log: Logger;
  now?: () => Date;
}

/** What one pass did. */
export interface MailPassSummary {
  sent: number;
  retry: number;
  failed: number;
  expired: number;
}

/** Delay before attempt `attempts + 1` (ms). */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3600_000);
}

const errorText = (err: unknown) =>
  (err instanceof Error ? err.message : String(err)).split("\n")[0]?.slice(0, 500) ?? "error";

/**
 * Sends up to `limit` due messages (oldest first).
 * @returns counts of sent, rescheduled, failed and expired messages
 */
export async function sendDueMails(deps: MailSenderDeps, opts: { limit?: number } = {}): Promise<MailPassSummary> {
  const now = deps.now?.() ?? new Date();
  const { count: expired } = await deps.db.mailMessage.updateMany({
    where: { status: "PENDING", createdAt: { lt: new Date(now.getTime() - MAX_MAIL_AGE_MS) } },
    data: { status: "FAILED", lastError: "expired: not sent within 24 hours" },
  });
  const due = await deps.db.mailMessage.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: now } },
    orderBy: { createdAt: "asc" },
    take: opts.limit ?? 20,
    select: { id: true, kind: true, userId: true, to: true, locale: true, params: true, attempts: true },
  });
  const summary: MailPassSummary = { sent: 0, retry: 0, failed: 0, expired };
  for (const row of due) {
    const attempts = row.attempts + 1;
    let rendered;
    try {
      rendered = renderMail(row.kind, row.locale, row.params, deps.appUrl);
    } catch (err) {
      // a row that cannot be rendered will never be: no retry
      await deps.db.mailMessage.update({
        where: { id: row.id },
        data: { status: "FAILED", attempts, lastError: `render: ${errorText(err)}` },
      });
      deps.log.error("mail cannot be rendered", { mailId: row.id, kind: row.kind, error: errorText(err) });
      summary.failed++;
      continue;
    }
    try {
      const headers = listUnsubscribeHeaders(deps.unsubscribeSecret, deps.appUrl, row.kind, row.userId);
      const { messageId } = await deps.transport.send({ to: row.to, ...rendered, headers });
      const params =
        LINK_KINDS.includes(row.kind) && row.params && typeof row.params === "object" && !Array.isArray(row.params)
          ? Object.fromEntries(Object.entries(row.params).filter(([k]) => k !== "url"))
          : undefined;
      await deps.db.mailMessage.update({
        where: { id: row.id },
        data: {
          status: "SENT",
          attempts,
          sentAt: new Date(),
          messageId,
          lastError: null,
          ...(params ? { params } : {}),
        },
      });
      deps.log.info("mail sent", { mailId: row.id, kind: row.kind, messageId });
      summary.sent++;
    } catch (err) {
      const give = attempts >= MAX_MAIL_ATTEMPTS;
      await deps.db.mailMessage.update({
        where: { id: row.id },
        data: {
          attempts,
          lastError: errorText(err),
          ...(give ? { status: "FAILED" } : { nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) }),
        },
      });
      deps.log.warn(give ? "mail failed; giving up" : "mail failed; retrying later", {
        mailId: row.id,
        kind: row.kind,
        attempts,
        error: errorText(err),
      });
      if (give) summary.failed++;
      else summary.retry++;
    }
  }
  return summary;
}
