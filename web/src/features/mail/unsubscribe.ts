/**
 * One-click unsubscribe of non-transactional mail (RFC 2369 `List-Unsubscribe`, RFC 8058 `List-Unsubscribe-Post`).
 * Every mail kind belongs to a category; transactional kinds (verification, password reset, receipts, refunds,
 * certificates) have none and never carry the headers. A non-transactional mail carries a per-recipient link
 * `APP_URL/api/mail/unsubscribe?token=<token>`; POSTing `List-Unsubscribe=One-Click` to it turns that category off
 * for the recipient's account — no sign-in, idempotent.
 *
 * Token: `v1.<userId>.<category>.<signature>`, the signature being HMAC-SHA-256 (base64url, 43 characters) of
 * `v1.<userId>.<category>` under a key derived from NEXTAUTH_SECRET (`HMAC(secret, "smolitux mail unsubscribe")`),
 * so web and worker agree without storing tokens. Tokens do not expire (an unsubscribe link in an old mail must keep
 * working) and grant nothing but this opt-out.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { MailKind, PrismaClient } from "@smolitux/db";

/** Categories of non-transactional mail a recipient can turn off. */
export const MAIL_CATEGORIES = ["qa"] as const;
export type MailCategory = (typeof MAIL_CATEGORIES)[number];

/** The category of each mail kind; null = transactional (no List-Unsubscribe). */
export const MAIL_KIND_CATEGORY: Record<MailKind, MailCategory | null> = {
  EMAIL_VERIFICATION: null,
  PASSWORD_RESET: null,
  PURCHASE_RECEIPT: null,
  REFUND_CONFIRMATION: null,
  CERTIFICATE_ISSUED: null,
  QUESTION_ASKED: "qa",
  QUESTION_ANSWERED: "qa",
};

const TOKEN = /^v1\.([a-z0-9]{10,40})\.([a-z]{1,20})\.([A-Za-z0-9_-]{43})$/;

const keyOf = (secret: string) => createHmac("sha256", secret).update("smolitux mail unsubscribe").digest();
const sign = (secret: string, payload: string) =>
  createHmac("sha256", keyOf(secret)).update(payload).digest("base64url");

/**
 * The unsubscribe token of `userId` for `category`.
 * @param secret NEXTAUTH_SECRET (resolveAuthSecret)
 */
export function unsubscribeToken(secret: string, userId: string, category: MailCategory): string {
  const payload = `v1.${userId}.${category}`;
  return `${payload}.${sign(secret, payload)}`;
}

/**
 * Checks a token's shape and signature (constant-time compare).
 * @returns the recipient and category, or null for anything else
 */
export function verifyUnsubscribeToken(
  secret: string,
  token: string,
): { userId: string; category: MailCategory } | null {
  const m = TOKEN.exec(token);
  if (!m) return null;
  const [, userId, category, signature] = m as unknown as [string, string, string, string];
  if (!(MAIL_CATEGORIES as readonly string[]).includes(category)) return null;
  const expected = Buffer.from(sign(secret, `v1.${userId}.${category}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId, category: category as MailCategory };
}

/**
 * The List-Unsubscribe headers of a mail of `kind` to account `userId` (RFC 2369 + RFC 8058), or none for
 * transactional kinds and mail to no account.
 * @param appUrl APP_URL (the link's origin)
 */
export function listUnsubscribeHeaders(
  secret: string,
  appUrl: string,
  kind: MailKind,
  userId: string | null,
): Record<string, string> {
  const category = MAIL_KIND_CATEGORY[kind];
  if (!category || !userId) return {};
  const url = `${appUrl.replace(/\/$/, "")}/api/mail/unsubscribe?token=${unsubscribeToken(secret, userId, category)}`;
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/**
 * Turns `category` off for account `userId` (idempotent: a second call changes nothing).
 * @returns false when the account no longer exists
 */
export async function unsubscribe(
  db: Pick<PrismaClient, "user">,
  userId: string,
  category: MailCategory,
): Promise<boolean> {
  const data = { qa: { qaMail: false } }[category];
  const { count } = await db.user.updateMany({ where: { id: userId }, data });
  return count === 1;
}
