/** In-app notifications (header bell, /notifications): listing, unread count, marking read — only the recipient's. */
import type { NotificationKind, PrismaClient } from "@smolitux/db";

/** One notification with the link target (the question on its lesson). */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  actorName: string;
  questionTitle: string;
  courseTitle: string;
  /** `/learn/<slug>/<lessonId>#q-<questionId>` */
  href: string;
  read: boolean;
  /** ISO-8601 */
  createdAt: string;
}

/** The user's unread notifications count. */
export function unreadCount(db: PrismaClient, userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

/** The user's latest notifications (newest first, at most `limit`); notifications of deleted questions are left out. */
export async function listNotifications(db: PrismaClient, userId: string, limit = 50): Promise<NotificationView[]> {
  const rows = await db.notification.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, kind: true, actorName: true, questionId: true, readAt: true, createdAt: true },
  });
  const questions = await db.question.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.questionId))] } },
    select: {
      id: true,
      title: true,
      lessonId: true,
      lesson: { select: { section: { select: { course: { select: { slug: true, title: true } } } } } },
    },
  });
  const byId = new Map(questions.map((q) => [q.id, q]));
  return rows.flatMap((r) => {
    const q = byId.get(r.questionId);
    if (!q) return [];
    const course = q.lesson.section.course;
    return [
      {
        id: r.id,
        kind: r.kind,
        actorName: r.actorName,
        questionTitle: q.title,
        courseTitle: course.title,
        href: `/learn/${encodeURIComponent(course.slug)}/${encodeURIComponent(q.lessonId)}#q-${q.id}`,
        read: r.readAt !== null,
        createdAt: r.createdAt.toISOString(),
      },
    ];
  });
}

/**
 * Marks the user's notifications read: the given ids (others' ids are ignored), or all unread ones.
 * @returns how many were marked
 */
export async function markRead(db: PrismaClient, userId: string, ids?: string[], now = new Date()): Promise<number> {
  const { count } = await db.notification.updateMany({
    where: { userId, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: now },
  });
  return count;
}
