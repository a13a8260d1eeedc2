-- Course.chainId (the bytes32 on-chain course id) is renamed so it cannot be confused with the EVM chain id.
ALTER TABLE "Course" RENAME COLUMN "chainId" TO "onchainCourseId";
ALTER INDEX "Course_chainId_key" RENAME TO "Course_onchainCourseId_key";
