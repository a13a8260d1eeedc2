-- Certificates (issue 14 item 5): the learner's explicit choice of the name on their certificates; minting waits for it.
ALTER TABLE "User" ADD COLUMN "certificateNameConfirmedAt" TIMESTAMP(3);
