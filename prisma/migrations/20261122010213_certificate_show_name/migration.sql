-- AlterTable
ALTER TABLE "User" ADD COLUMN     "certificateShowName" BOOLEAN NOT NULL DEFAULT false;
