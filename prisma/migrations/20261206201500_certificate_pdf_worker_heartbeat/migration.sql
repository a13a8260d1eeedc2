-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "pdfKey" TEXT;

-- CreateTable
CREATE TABLE "WorkerHeartbeat" (
    "id" TEXT NOT NULL,
    "beatAt" TIMESTAMP(3) NOT NULL,
    "loops" TEXT[],

    CONSTRAINT "WorkerHeartbeat_pkey" PRIMARY KEY ("id")
);
