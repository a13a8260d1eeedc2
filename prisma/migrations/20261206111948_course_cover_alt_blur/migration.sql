-- AlterTable
ALTER TABLE "Course" ADD COLUMN     "coverAlt" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "coverBlurDataUrl" TEXT;
