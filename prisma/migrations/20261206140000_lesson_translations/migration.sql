-- Course content in several languages: lesson translations (title, text, captions) and the learner's preferred
-- content language (null = negotiated from the browser's Accept-Language).
ALTER TABLE "User" ADD COLUMN "contentLanguage" TEXT;

CREATE TABLE "LessonTranslation" (
    "id" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "captionsId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LessonTranslation_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "LessonTranslation_lessonId_language_key" ON "LessonTranslation"("lessonId", "language");
CREATE INDEX "LessonTranslation_language_idx" ON "LessonTranslation"("language");

ALTER TABLE "LessonTranslation" ADD CONSTRAINT "LessonTranslation_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LessonTranslation" ADD CONSTRAINT "LessonTranslation_captionsId_fkey" FOREIGN KEY ("captionsId") REFERENCES "MediaAsset"("id") ON DELETE SET NULL ON UPDATE CASCADE;
