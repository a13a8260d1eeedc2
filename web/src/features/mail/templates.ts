/**
 * Rendering of account mail: subject, plain-text part and HTML alternative in the recipient's locale, from
 * the kind and the parameters stored on the MailMessage row (validated here with zod: the row is input).
 */
import type { MailKind } from "@smolitux/db";
import { z } from "zod";
import { CURRENCIES, formatPrice } from "@/lib/money.ts";
import type { OutgoingMail } from "@/server/mail.ts";
import { interpolate, mailCatalog } from "./messages.ts";

const name = z.string().nullable().default(null);
const linkParams = z.object({ name, url: z.url().optional() });
const paymentParams = z.object({
  name,
  course: z.string(),
  courseSlug: z.string(),
  /** integer amount in minor units (cents) or base units (wei), as a decimal string */
  amount: z.string().regex(/^\d+$/),
  currency: z.enum(CURRENCIES),
  method: z.enum(["card", "wallet"]),
  /** Stripe payment intent id (card) or transaction hash (wallet) */
  reference: z.string(),
  /** ISO-8601 time of the payment or refund */
  at: z.iso.datetime(),
});
const certificateParams = z.object({ name, course: z.string(), certificateId: z.string() });
/** Lesson Q&A (features/qa/mail.ts): who asked/answered what, and where. */
const qaParams = z.object({
  name,
  course: z.string(),
  courseSlug: z.string(),
  lesson: z.string(),
  lessonId: z.string(),
  question: z.string(),
  questionId: z.string(),
  /** display name of the learner who asked / the person who answered */
  actor: z.string(),
});

/** Parameters of each mail kind as stored in MailMessage.params. */
export const MAIL_PARAMS = {
  EMAIL_VERIFICATION: linkParams,
  PASSWORD_RESET: linkParams,
  PURCHASE_RECEIPT: paymentParams,
  REFUND_CONFIRMATION: paymentParams,
  CERTIFICATE_ISSUED: certificateParams,
  QUESTION_ASKED: qaParams,
  QUESTION_ANSWERED: qaParams,
} satisfies Record<MailKind, z.ZodType>;

export type MailParams<K extends MailKind> = z.input<(typeof MAIL_PARAMS)[K]>;

/** Validity of the mailed links (shown in the mail and enforced by the token). */
export const VERIFICATION_HOURS = 48;
export const RESET_MINUTES = 60;

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/**
 * Renders one message.
 * @param appUrl APP_URL (course, dashboard and certificate links; the footer names its host)
 * @throws ZodError when the stored parameters do not fit the kind (the sender marks the row FAILED);
 *   Error when a link mail has no link any more (already sent)
 */
export function renderMail(
  kind: MailKind,
  locale: string,
  rawParams: unknown,
  appUrl: string,
): Omit<OutgoingMail, "to"> {
  const { locale: lang, messages: m } = mailCatalog(locale);
  const t = m[kind];
  const base = appUrl.replace(/\/$/, "");
  let subjectValues: Record<string, string> = {};
  let rows: [string, string][] = [];
  let action: string;
  let noteValues: Record<string, string | number> = {};
  let introValues: Record<string, string> = {};
  let who: string | null;
  if (kind === "EMAIL_VERIFICATION" || kind === "PASSWORD_RESET") {
    const p = MAIL_PARAMS[kind].parse(rawParams);
    if (!p.url) throw new Error("link mail without a link (already sent)");
    who = p.name;
    action = p.url;
    noteValues = { hours: VERIFICATION_HOURS, minutes: RESET_MINUTES };
  } else if (kind === "CERTIFICATE_ISSUED") {
    const p = MAIL_PARAMS[kind].parse(rawParams);
    who = p.name;
    subjectValues = { course: p.course };
    rows = [
      [m.fields.course, p.course],
      [m.fields.certificateId, p.certificateId],
    ];
    // the owner's page (PDF, credential, share link, LinkedIn); the public /verify page is linked from there
    action = `${base}/certificates/${encodeURIComponent(p.certificateId)}`;
  } else if (kind === "QUESTION_ASKED" || kind === "QUESTION_ANSWERED") {
    const p = MAIL_PARAMS[kind].parse(rawParams);
    who = p.name;
    subjectValues = { course: p.course, question: p.question };
    introValues = { actor: p.actor };
    rows = [
      [m.fields.course, p.course],
      [m.fields.lesson, p.lesson],
      [m.fields.question, p.question],
      [m.fields.from, p.actor],
    ];
    action = `${base}/learn/${encodeURIComponent(p.courseSlug)}/${encodeURIComponent(p.lessonId)}#q-${encodeURIComponent(p.questionId)}`;
    // the opt-out: the account settings' e-mail notification section
    noteValues = { settings: `${base}/account#notifications` };
  } else {
    const p = MAIL_PARAMS[kind].parse(rawParams);
    who = p.name;
    subjectValues = { course: p.course };
    const date = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(
      new Date(p.at),
    );
    rows = [
      [m.fields.course, p.course],
      [m.fields.amount, formatPrice(BigInt(p.amount), p.currency, lang)],
      [m.fields.currency, p.currency],
      [m.fields.method, p.method === "card" ? m.fields.card : m.fields.wallet],
      [p.method === "card" ? m.fields.paymentId : m.fields.transaction, p.reference],
      [m.fields.date, `${date} UTC`],
    ];
    action = kind === "PURCHASE_RECEIPT" ? `${base}/learn/${encodeURIComponent(p.courseSlug)}` : `${base}/dashboard`;
  }
  const subject = interpolate(t.subject, subjectValues);
  const greeting = who ? interpolate(m.greeting, { name: who }) : m.greetingNoName;
  const note = interpolate(t.note, noteValues);
  const intro = interpolate(t.intro, introValues);
  const footer = interpolate(m.footer, { host: new URL(base).host });
  const text = [
    greeting,
    "",
    intro,
    "",
    ...rows.map(([k, v]) => `${k}: ${v}`),
    ...(rows.length ? [""] : []),
    `${t.action}: ${action}`,
    "",
    note,
    "",
    m.signature,
    "",
    "--",
    footer,
    "",
  ].join("\n");
  const table = rows.length
    ? `<table style="border-collapse:collapse;margin:16px 0">${rows
        .map(
          ([k, v]) =>
            `<tr><th style="text-align:left;padding:4px 12px 4px 0;color:#555;font-weight:600">${escape(k)}</th><td style="padding:4px 0;word-break:break-all">${escape(v)}</td></tr>`,
        )
        .join("")}</table>`
    : "";
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escape(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:560px;margin:0 auto;padding:16px">
<p>${escape(greeting)}</p>
<p>${escape(intro)}</p>
${table}
<p><a href="${escape(action)}" style="display:inline-block;background:#4338ca;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escape(t.action)}</a></p>
<p style="font-size:13px;color:#555">${escape(m.linkFallback)}<br><a href="${escape(action)}">${escape(action)}</a></p>
<p>${escape(note)}</p>
<p>${escape(m.signature)}</p>
<hr style="border:none;border-top:1px solid #ddd"><p style="font-size:12px;color:#777">${escape(footer)}</p>
</body></html>
`;
  return { subject, text, html, language: lang };
}
