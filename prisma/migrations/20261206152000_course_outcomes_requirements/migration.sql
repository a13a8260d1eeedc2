-- Course page (issue 14 item 2): "what you'll learn" and requirements, edited in the studio.
ALTER TABLE "Course" ADD COLUMN "learningOutcomes" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "Course" ADD COLUMN "requirements" TEXT[] DEFAULT ARRAY[]::TEXT[];
