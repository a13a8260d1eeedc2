-- Lesson Q&A by e-mail (issue 14 item 7): two mail kinds and the account's opt-out.
ALTER TYPE "MailKind" ADD VALUE 'QUESTION_ASKED';
ALTER TYPE "MailKind" ADD VALUE 'QUESTION_ANSWERED';

ALTER TABLE "User" ADD COLUMN "qaMail" BOOLEAN NOT NULL DEFAULT true;
