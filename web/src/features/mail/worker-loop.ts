/** Worker loop `mail`: sends the mail outbox through SMTP_URL (none when SMTP_URL is unset). */
import { resolveAuthSecret } from "@/server/auth/secret.ts";
import { mailFrom, smtpTransport } from "@/server/mail.ts";
import type { WorkerContext } from "@/worker/context.ts";
import type { WorkerLoop } from "@/worker/loops.ts";
import { sendDueMails } from "./sender.ts";

/** The mail loop of this configuration ([] without SMTP_URL). */
export function mailLoops(ctx: WorkerContext): WorkerLoop[] {
  const url = ctx.env.SMTP_URL;
  if (!url) return [];
  const log = ctx.log.child("mail");
  const transport = smtpTransport(url, mailFrom(ctx.env));
  const unsubscribeSecret = resolveAuthSecret(ctx.env);
  return [
    {
      name: "mail",
      lockKey: "mail-sender",
      intervalMs: ctx.env.MAIL_POLL_INTERVAL_MS,
      async tick() {
        const s = await sendDueMails({ db: ctx.db, transport, appUrl: ctx.env.APP_URL, unsubscribeSecret, log });
        return s;
      },
    },
  ];
}
