-- Full-text search document of a course, language-aware: German courses use the `german`
-- configuration, everything else `english`. Weighted: title A, subtitle/tags B, description C.
-- Maintained by a trigger so that every writer (importer, studio, seed) keeps it current.
CREATE OR REPLACE FUNCTION course_search_config(lang TEXT) RETURNS regconfig
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN lang LIKE 'de%' THEN 'german'::regconfig ELSE 'english'::regconfig END
$$;

CREATE OR REPLACE FUNCTION course_search_vector_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchVector" :=
    setweight(to_tsvector(course_search_config(NEW."language"), coalesce(NEW."title", '')), 'A') ||
    setweight(to_tsvector(course_search_config(NEW."language"), coalesce(NEW."subtitle", '') || ' ' || array_to_string(NEW."tags", ' ')), 'B') ||
    setweight(to_tsvector(course_search_config(NEW."language"), coalesce(NEW."category", '')), 'B') ||
    setweight(to_tsvector(course_search_config(NEW."language"), coalesce(NEW."description", '')), 'C');
  RETURN NEW;
END
$$;

CREATE TRIGGER course_search_vector
BEFORE INSERT OR UPDATE OF "title", "subtitle", "description", "tags", "category", "language" ON "Course"
FOR EACH ROW EXECUTE FUNCTION course_search_vector_update();

UPDATE "Course" SET "title" = "title";
