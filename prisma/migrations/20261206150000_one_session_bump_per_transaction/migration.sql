-- One session-version bump per user and transaction. The trigger of `password_change_ends_sessions` bumps
-- "sessionVersion" when a password hash is replaced; code that also calls invalidateSessions() in the same
-- transaction (a teacher's reset, a reset by e-mail) then bumped it twice. Now the first change of the version
-- in a transaction — by the trigger or by an UPDATE of "sessionVersion" — marks the user in a transaction-local
-- setting, and later bumps of that user in the same transaction are absorbed (every session issued before the
-- transaction has ended with the first one; none can be issued in between).
CREATE OR REPLACE FUNCTION user_password_change_bumps_session_version() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  marker TEXT := 'smolitux.session_bumped_' || md5(OLD."id");
  bumped BOOLEAN := coalesce(current_setting(marker, true), '') = '1';
BEGIN
  IF NEW."sessionVersion" IS DISTINCT FROM OLD."sessionVersion" THEN
    IF bumped THEN
      NEW."sessionVersion" := OLD."sessionVersion";
    ELSE
      PERFORM set_config(marker, '1', true);
    END IF;
  ELSIF OLD."passwordHash" IS NOT NULL
     AND NEW."passwordHash" IS DISTINCT FROM OLD."passwordHash"
     AND NOT bumped THEN
    NEW."sessionVersion" := OLD."sessionVersion" + 1;
    PERFORM set_config(marker, '1', true);
  END IF;
  RETURN NEW;
END
$$;

DROP TRIGGER user_password_change_bumps_session_version ON "User";
CREATE TRIGGER user_password_change_bumps_session_version
BEFORE UPDATE OF "passwordHash", "sessionVersion" ON "User"
FOR EACH ROW EXECUTE FUNCTION user_password_change_bumps_session_version();
