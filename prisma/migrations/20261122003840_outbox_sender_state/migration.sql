-- AlterTable
ALTER TABLE "OutboxTx" ADD COLUMN     "blockNumber" BIGINT,
ADD COLUMN     "rawTx" TEXT,
ADD COLUMN     "sentAt" TIMESTAMP(3),
ADD COLUMN     "txHashes" TEXT[] DEFAULT ARRAY[]::TEXT[];
