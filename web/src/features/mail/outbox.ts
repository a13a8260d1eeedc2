/**
 * Enqueueing account mail: one MailMessage row per fact, inserted in the transaction of that fact and keyed
 * by an idempotency key (a replayed webhook, a re-indexed log or a second worker pass enqueues nothing new).
 * The worker's mail loop sends it (sender.ts); enqueueing never talks to the SMTP server.
 */
import type { MailKind, Prisma } from "@smolitux/db";
import type { MailParams } from "./templates.ts";

type Tx = Pick<Prisma.TransactionClient, "mailMessage" | "user">;

/** One mail to enqueue. */
export interface MailRequest<K extends MailKind> {
  /** unique per fact, e.g. `receipt:card:<cardPaymentId>` */
  idempotencyKey: string;
  kind: K;
  userId: string | null;
  to: string;
  locale: string;
  params: MailParams<K>;
}

/**
 * Inserts the mail unless its idempotency key exists.
 * @returns whether a new row was inserted
 */
export async function enqueueMail<K extends MailKind>(tx: Tx, req: MailRequest<K>): Promise<boolean> {
  return (await enqueueMails(tx, [req])) === 1;
}

/**
 * Inserts `reqs` in one statement, skipping idempotency keys that exist (or repeat within `reqs`).
 * @returns number of new rows
 */
export async function enqueueMails<K extends MailKind>(tx: Tx, reqs: readonly MailRequest<K>[]): Promise<number> {
  if (reqs.length === 0) return 0;
  const res = await tx.mailMessage.createMany({
    data: reqs.map((req) => ({
      idempotencyKey: req.idempotencyKey,
      kind: req.kind,
      userId: req.userId,
      to: req.to,
      locale: req.locale,
      params: req.params as Prisma.InputJsonObject,
    })),
    skipDuplicates: true,
  });
  return res.count;
}

/**
 * Enqueues a mail to a user's own address in the user's locale; users without an e-mail (wallet-only
 * accounts, school pupils) get none.
 * @param params the kind's parameters without `name` (filled in from the account)
 * @returns whether a new row was inserted
 */
export async function enqueueUserMail<K extends MailKind>(
  tx: Tx,
  userId: string,
  idempotencyKey: string,
  kind: K,
  params: Omit<MailParams<K>, "name">,
): Promise<boolean> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, name: true, locale: true } });
  if (!user?.email) return false;
  return enqueueMail(tx, {
    idempotencyKey,
    kind,
    userId,
    to: user.email,
    locale: user.locale,
    params: { ...params, name: user.name } as MailParams<K>,
  });
}
