-- Deactivated school accounts (issue 12 §2.3): a teacher / school admin deactivates a pupil who left; the account
-- cannot sign in and its sessions are refused, progress and certificates stay. NULL = active.
ALTER TABLE "User" ADD COLUMN "deactivatedAt" TIMESTAMP(3);
