-- Certificates: a failed mint leaves MINTING (back to CLAIMABLE, bounded retries with a new outbox key).
ALTER TABLE "Certificate" ADD COLUMN "mintAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "mintError" TEXT;
