-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "issuedOffline" BOOLEAN NOT NULL DEFAULT false;
