/** /learn/<slug> — resume the course: redirects to the last opened lesson (or the first one). */
import { notFound, redirect } from "next/navigation";
import { resumeLessonId } from "@/features/learning/player";
import { getSessionUser } from "@/server/auth";
import { db } from "@/server/db";

export const dynamic = "force-dynamic";

export default async function ResumeCoursePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const course = await db().course.findUnique({ where: { slug }, select: { id: true } });
  if (!course) notFound();
  const user = await getSessionUser();
  const lessonId = await resumeLessonId(db(), user?.id ?? null, course.id);
  if (!lessonId) notFound();
  redirect(`/learn/${encodeURIComponent(slug)}/${encodeURIComponent(lessonId)}`);
}
