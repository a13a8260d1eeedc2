/** The platform roles (mirrors the Prisma `Role` enum; importable from client components). */
import type { Role } from "@smolitux/db";

/** Every role; a user always keeps LEARNER (a provider or admin can also learn). */
export const ROLES = [
  "LEARNER",
  "PROVIDER",
  "SCHOOL_ADMIN",
  "PLATFORM_ADMIN",
  "TEACHER",
] as const satisfies readonly Role[];

export type { Role };
