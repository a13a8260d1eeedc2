-- Purchases a signed-in user made from a wallet not linked to the account ("this wallet only"): the
-- dashboard and course page explain where the purchase went and offer linking (issue 10 §3.1).
CREATE TABLE "WalletPurchaseNotice" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "chainId" INTEGER NOT NULL,
    "txHash" TEXT NOT NULL,
    "learner" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WalletPurchaseNotice_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "WalletPurchaseNotice_courseId_idx" ON "WalletPurchaseNotice"("courseId");

CREATE UNIQUE INDEX "WalletPurchaseNotice_userId_chainId_txHash_key" ON "WalletPurchaseNotice"("userId", "chainId", "txHash");

ALTER TABLE "WalletPurchaseNotice" ADD CONSTRAINT "WalletPurchaseNotice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "WalletPurchaseNotice" ADD CONSTRAINT "WalletPurchaseNotice_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;
