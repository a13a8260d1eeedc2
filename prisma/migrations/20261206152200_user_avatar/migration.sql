-- Provider avatars / logos (issue 14 item 1): a 256×256 WebP on the user row, served publicly.
ALTER TABLE "User" ADD COLUMN "avatar" BYTEA;
