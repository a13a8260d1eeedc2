-- Card path: paid means unlocked or refunded (automatic refunds with a named problem), expired sessions,
-- malformed-but-signed webhook events stored as failed.
ALTER TYPE "CardPaymentStatus" ADD VALUE 'EXPIRED';

CREATE TYPE "CardPaymentProblem" AS ENUM ('RECORD_FAILED', 'RECORD_TIMEOUT', 'SESSION_MISMATCH', 'COURSE_UNAVAILABLE', 'DUPLICATE_PAYMENT');

ALTER TABLE "CardPayment" ADD COLUMN "problem" "CardPaymentProblem",
ADD COLUMN "problemDetail" TEXT,
ADD COLUMN "paidAt" TIMESTAMP(3),
ADD COLUMN "refundId" TEXT,
ADD COLUMN "refundError" TEXT;

ALTER TABLE "StripeEvent" ADD COLUMN "error" TEXT;

CREATE INDEX "CardPayment_userId_courseId_idx" ON "CardPayment"("userId", "courseId");
CREATE INDEX "CardPayment_status_problem_idx" ON "CardPayment"("status", "problem");
