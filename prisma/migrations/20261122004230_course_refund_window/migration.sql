-- AlterTable
ALTER TABLE "Course" ADD COLUMN     "refundWindowDays" INTEGER NOT NULL DEFAULT 14;
