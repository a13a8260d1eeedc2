/**
 * Process-wide learning dependencies for route handlers and pages. The certificates feature plugs its
 * course-completed hook in here (replace `noopOnCourseCompleted`).
 */
import { db } from "@/server/db.ts";
import { learningDeps, noopOnCourseCompleted, type LearningDeps } from "./deps.ts";

/** Deps bound to the shared Prisma client, the system clock and the course-completed hook. */
export function appLearningDeps(): LearningDeps {
  return learningDeps(db(), { onCourseCompleted: noopOnCourseCompleted });
}
