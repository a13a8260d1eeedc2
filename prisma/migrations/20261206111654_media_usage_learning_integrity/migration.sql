-- CreateEnum
CREATE TYPE "MediaUsageKind" AS ENUM ('COVER', 'DESCRIPTION', 'LESSON_MEDIA', 'CAPTIONS', 'LESSON_TEXT');

-- AlterTable
ALTER TABLE "Course" ADD COLUMN     "videoCompletionPercent" INTEGER NOT NULL DEFAULT 90;

-- AlterTable
ALTER TABLE "Lesson" ADD COLUMN     "quizCooldownSeconds" INTEGER NOT NULL DEFAULT 600,
ADD COLUMN     "quizMaxAttempts" INTEGER NOT NULL DEFAULT 3;

-- AlterTable
ALTER TABLE "LessonProgress" ADD COLUMN     "lastPositionSeconds" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "MediaAsset" ADD COLUMN     "durationSeconds" INTEGER;

-- CreateTable
CREATE TABLE "MediaUsage" (
    "id" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "lessonId" TEXT,
    "kind" "MediaUsageKind" NOT NULL,

    CONSTRAINT "MediaUsage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CourseWatchClock" (
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "lastHeartbeatAt" TIMESTAMP(3) NOT NULL,
    "budgetSeconds" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "CourseWatchClock_pkey" PRIMARY KEY ("userId","courseId")
);

-- CreateIndex
CREATE INDEX "MediaUsage_assetId_idx" ON "MediaUsage"("assetId");

-- CreateIndex
CREATE INDEX "MediaUsage_courseId_idx" ON "MediaUsage"("courseId");

-- AddForeignKey
ALTER TABLE "MediaUsage" ADD CONSTRAINT "MediaUsage_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "MediaAsset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MediaUsage" ADD CONSTRAINT "MediaUsage_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MediaUsage" ADD CONSTRAINT "MediaUsage_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseWatchClock" ADD CONSTRAINT "CourseWatchClock_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseWatchClock" ADD CONSTRAINT "CourseWatchClock_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill the media usages of existing courses (features/media/usage.ts maintains them from now on). Only assets of
-- the course's own provider count; quiz and flashcard texts are picked up at the next save of the course.
INSERT INTO "MediaUsage" ("id", "assetId", "courseId", "lessonId", "kind")
SELECT 'mu_' || replace(gen_random_uuid()::text, '-', ''), u."assetId", u."courseId", u."lessonId", u."kind"::"MediaUsageKind"
FROM (
  SELECT c."coverId" AS "assetId", c."id" AS "courseId", NULL::text AS "lessonId", 'COVER' AS "kind", c."providerId"
    FROM "Course" c WHERE c."coverId" IS NOT NULL
  UNION
  SELECT m[1], c."id", NULL::text, 'DESCRIPTION', c."providerId"
    FROM "Course" c, regexp_matches(c."description", '/api/media/([A-Za-z0-9_-]+)', 'g') AS m
  UNION
  SELECT l."mediaId", s."courseId", l."id", 'LESSON_MEDIA', c."providerId"
    FROM "Lesson" l JOIN "Section" s ON s."id" = l."sectionId" JOIN "Course" c ON c."id" = s."courseId"
    WHERE l."mediaId" IS NOT NULL
  UNION
  SELECT l."captionsId", s."courseId", l."id", 'CAPTIONS', c."providerId"
    FROM "Lesson" l JOIN "Section" s ON s."id" = l."sectionId" JOIN "Course" c ON c."id" = s."courseId"
    WHERE l."captionsId" IS NOT NULL
  UNION
  SELECT m[1], s."courseId", l."id", 'LESSON_TEXT', c."providerId"
    FROM "Lesson" l JOIN "Section" s ON s."id" = l."sectionId" JOIN "Course" c ON c."id" = s."courseId",
      regexp_matches(l."body", '/api/media/([A-Za-z0-9_-]+)', 'g') AS m
) u
JOIN "MediaAsset" a ON a."id" = u."assetId" AND a."ownerId" = u."providerId";
