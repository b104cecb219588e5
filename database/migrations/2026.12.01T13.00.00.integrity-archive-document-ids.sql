-- The archives a bulk admission makes get documentIds that start with the time (as the students'
-- do, src/api/student/repositories/student-rows.ts newDocumentId): 5,000 archives then append to
-- the end of the document index instead of touching a random page each. The random part (48 bits)
-- keeps them unguessable; reading an archive is still decided by the scope, never by its id.
CREATE OR REPLACE FUNCTION integrity_archives_for_new_students() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  stamp text := 'd' || lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 11, '0');
BEGIN
  WITH made AS (
    INSERT INTO integrity_archives (document_id, state, student_key, department_scope, created_at, updated_at, published_at)
    SELECT stamp || substr(md5(random()::text), 1, 12), 'open', n.id, n.department_scope, now(), now(), now()
      FROM new_students n
    RETURNING id, student_key
  )
  INSERT INTO integrity_archives_student_lnk (integrity_archive_id, student_id)
  SELECT id, student_key FROM made;
  RETURN NULL;
END
$$;
