/**
 * Lesson Q&A by e-mail (issue 14 item 7): the course's provider when a learner asks on one of its lessons
 * (`QUESTION_ASKED`, key `qa:question:<questionId>`), the asker when someone else answers
 * (`QUESTION_ANSWERED`, key `qa:answer:<answerId>`). Enqueued in the transaction that stores the post, next to the
 * in-app notification; sent by the worker's mail loop in the recipient's locale. Nothing is enqueued for accounts
 * without an e-mail address or that turned Q&A e-mail off on /account (`User.qaMail`).
 */
import type { Prisma } from "@smolitux/db";
import { enqueueMail } from "@/features/mail/outbox.ts";

type Tx = Pick<Prisma.TransactionClient, "mailMessage" | "user" | "question">;

/** One Q&A fact to mail about. */
export type QaMailFact =
  | { kind: "QUESTION_ASKED"; recipientId: string; questionId: string; actorName: string }
  | { kind: "QUESTION_ANSWERED"; recipientId: string; questionId: string; answerId: string; actorName: string };

/**
 * Enqueues the e-mail of a Q&A fact, unless the recipient has no address or opted out.
 * @returns whether a mail was enqueued
 */
export async function enqueueQaMail(tx: Tx, fact: QaMailFact): Promise<boolean> {
  const user = await tx.user.findUnique({
    where: { id: fact.recipientId },
    select: { email: true, name: true, locale: true, qaMail: true },
  });
  if (!user?.email || !user.qaMail) return false;
  const q = await tx.question.findUnique({
    where: { id: fact.questionId },
    select: {
      title: true,
      lessonId: true,
      lesson: { select: { title: true, section: { select: { course: { select: { title: true, slug: true } } } } } },
    },
  });
  if (!q) return false;
  const course = q.lesson.section.course;
  return enqueueMail(tx, {
    idempotencyKey: fact.kind === "QUESTION_ASKED" ? `qa:question:${fact.questionId}` : `qa:answer:${fact.answerId}`,
    kind: fact.kind,
    userId: fact.recipientId,
    to: user.email,
    locale: user.locale,
    params: {
      name: user.name,
      course: course.title,
      courseSlug: course.slug,
      lesson: q.lesson.title,
      lessonId: q.lessonId,
      question: q.title,
      questionId: fact.questionId,
      actor: fact.actorName,
    },
  });
}
