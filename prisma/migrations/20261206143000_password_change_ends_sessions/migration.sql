-- A changed password ends every existing session of its user, whichever code path changes it (the account's
-- own password change, a teacher's reset of a pupil's password, a password reset by e-mail, a script):
-- when "passwordHash" moves from one value to another and the same UPDATE did not already move
-- "sessionVersion", the version is bumped here. Adding a first password (NULL → hash) keeps the sessions.
CREATE OR REPLACE FUNCTION user_password_change_bumps_session_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."passwordHash" IS NOT NULL
     AND NEW."passwordHash" IS DISTINCT FROM OLD."passwordHash"
     AND NEW."sessionVersion" = OLD."sessionVersion" THEN
    NEW."sessionVersion" := OLD."sessionVersion" + 1;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER user_password_change_bumps_session_version
BEFORE UPDATE OF "passwordHash" ON "User"
FOR EACH ROW EXECUTE FUNCTION user_password_change_bumps_session_version();
