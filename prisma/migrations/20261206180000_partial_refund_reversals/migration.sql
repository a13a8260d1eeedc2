-- AlterTable
ALTER TABLE "CardPayment" ADD COLUMN     "amountRefunded" DECIMAL(78,0) NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "StripeTransfer" ADD COLUMN     "amountReversed" DECIMAL(78,0) NOT NULL DEFAULT 0;
