-- AlterTable
ALTER TABLE "ChainLog" ADD COLUMN     "blockTime" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Purchase" ADD COLUMN     "payee" TEXT;

-- CreateTable
CREATE TABLE "LearnerAddress" (
    "address" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LearnerAddress_pkey" PRIMARY KEY ("address")
);

-- CreateIndex
CREATE INDEX "LearnerAddress_userId_idx" ON "LearnerAddress"("userId");

-- CreateIndex
CREATE INDEX "Purchase_payee_idx" ON "Purchase"("payee");

-- AddForeignKey
ALTER TABLE "LearnerAddress" ADD CONSTRAINT "LearnerAddress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
