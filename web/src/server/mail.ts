/**
 * SMTP integration (nodemailer): one transport per process from `SMTP_URL` (`smtp://user:pass@host:587`,
 * STARTTLS when the server offers it; `smtps://…:465` = implicit TLS). The worker's mail loop is the only
 * sender (features/mail/sender.ts); everything else enqueues MailMessage rows.
 */
import nodemailer from "nodemailer";
import type { Env } from "./env.ts";

/** One rendered message: a plain-text part and an HTML alternative. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** BCP 47 language of the content (`Content-Language`) */
  language: string;
  /** further header fields (e.g. `List-Unsubscribe`, RFC 2369/8058), ASCII values */
  headers?: Record<string, string>;
}

/** What sends mail; the SMTP transport in production, the same transport against a local catcher in tests. */
export interface MailTransport {
  /**
   * Hands one message to the SMTP server.
   * @returns the Message-ID the server accepted
   * @throws when the server cannot be reached, refuses the sender/recipient or the message (nodemailer error)
   */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  /** Closes pooled connections. */
  close(): void;
}

/**
 * An SMTP transport. Timeouts keep a hanging server from stalling the mail loop: 10 s to connect and for
 * the greeting, 30 s of socket inactivity.
 * @param url `smtp:` or `smtps:` URL (credentials in the user-info part)
 * @param from RFC 5322 sender (`Name <address>`)
 */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      const info = await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { ...mail.headers, "Content-Language": mail.language, "Auto-Submitted": "auto-generated" },
      });
      return { messageId: info.messageId };
    },
    close() {
      transporter.close();
    },
  };
}

/** The sender address of account mail: MAIL_FROM, else `Smolitux Academy <no-reply@<APP_URL host>>`. */
export function mailFrom(e: Pick<Env, "MAIL_FROM" | "APP_URL">): string {
  return e.MAIL_FROM ?? `Smolitux Academy <no-reply@${new URL(e.APP_URL).hostname}>`;
}
