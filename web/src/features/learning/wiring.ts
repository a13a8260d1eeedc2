/**
 * Process-wide learning dependencies for route handlers and pages. The certificates feature plugs its
 * course-completed hook in here: `onCourseCompleted` records the certificate (features/certificates).
 */
import { db } from "@/server/db.ts";
import { onCourseCompleted } from "@/features/certificates/service.ts";
import { learningDeps, type LearningDeps } from "./deps.ts";

/** Deps bound to the shared Prisma client, the system clock and the course-completed hook. */
export function appLearningDeps(): LearningDeps {
  return learningDeps(db(), { onCourseCompleted });
}
