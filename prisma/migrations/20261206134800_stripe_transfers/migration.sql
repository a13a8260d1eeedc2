-- CreateEnum
CREATE TYPE "StripeTransferStatus" AS ENUM ('PENDING', 'SENT', 'FAILED', 'REVERSED', 'CANCELED');

-- CreateEnum
CREATE TYPE "StripePayoutStatus" AS ENUM ('PAID', 'FAILED');

-- AlterTable
ALTER TABLE "CardPayment" ADD COLUMN     "platformFeeBps" INTEGER,
ADD COLUMN     "providerId" TEXT,
ADD COLUMN     "refundDeadline" TIMESTAMP(3),
ADD COLUMN     "refundWindowSeconds" INTEGER;

-- CreateTable
CREATE TABLE "StripeTransfer" (
    "id" TEXT NOT NULL,
    "cardPaymentId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "currency" "Currency" NOT NULL,
    "grossAmount" DECIMAL(78,0) NOT NULL,
    "platformFee" DECIMAL(78,0) NOT NULL,
    "stripeFeeShare" DECIMAL(78,0) NOT NULL,
    "amount" DECIMAL(78,0) NOT NULL,
    "chargeId" TEXT,
    "status" "StripeTransferStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "destination" TEXT,
    "transferId" TEXT,
    "sentAt" TIMESTAMP(3),
    "reversalId" TEXT,
    "reversedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StripeTransfer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StripePayout" (
    "id" TEXT NOT NULL,
    "payoutId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "amount" DECIMAL(78,0) NOT NULL,
    "currency" TEXT NOT NULL,
    "status" "StripePayoutStatus" NOT NULL,
    "failureCode" TEXT,
    "arrivalDate" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StripePayout_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StripeTransfer_cardPaymentId_key" ON "StripeTransfer"("cardPaymentId");

-- CreateIndex
CREATE UNIQUE INDEX "StripeTransfer_transferId_key" ON "StripeTransfer"("transferId");

-- CreateIndex
CREATE INDEX "StripeTransfer_status_nextAttemptAt_idx" ON "StripeTransfer"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "StripeTransfer_providerId_idx" ON "StripeTransfer"("providerId");

-- CreateIndex
CREATE UNIQUE INDEX "StripePayout_payoutId_key" ON "StripePayout"("payoutId");

-- CreateIndex
CREATE INDEX "StripePayout_accountId_idx" ON "StripePayout"("accountId");

-- CreateIndex
CREATE INDEX "CardPayment_providerId_idx" ON "CardPayment"("providerId");

-- AddForeignKey
ALTER TABLE "StripeTransfer" ADD CONSTRAINT "StripeTransfer_cardPaymentId_fkey" FOREIGN KEY ("cardPaymentId") REFERENCES "CardPayment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
