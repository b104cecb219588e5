-- The integrity archive (诚信档案, domain.md 5): one archive per student, created by the database in
-- the same statement as the student whichever path admits them (admission, bulk admission,
-- transfer in); records' versions append-only; nothing of the archive ever deleted; one open
-- appeal and one open amendment per record; each row's department kept equal to its student's.

CREATE UNIQUE INDEX integrity_archives_one_per_student_uq ON integrity_archives (student_key);
-- No index on the archives' department_scope: every index is one more write per admitted student,
-- and archives are read one at a time (by document or student), a department's list rarely.

ALTER TABLE integrity_archives ADD CONSTRAINT integrity_archives_state_ck CHECK (state IN ('open', 'closed'));
ALTER TABLE integrity_records ADD CONSTRAINT integrity_records_state_ck
  CHECK (state IN ('entered', 'confirmed', 'acknowledged', 'appealed', 'modified', 'revoked', 'amended'));
ALTER TABLE integrity_records ADD CONSTRAINT integrity_records_kind_ck
  CHECK (kind IN ('good', 'bad', 'loan', 'grades-summary', 'graduation-comment'));
ALTER TABLE integrity_records ADD CONSTRAINT integrity_records_indicator_ck
  CHECK (indicator IN ('academic', 'economic', 'daily-life', 'status-archive', 'loan-aid', 'online', 'employment'));
ALTER TABLE integrity_records ADD CONSTRAINT integrity_records_level_ck CHECK (level IN ('school', 'department'));
ALTER TABLE integrity_appeals ADD CONSTRAINT integrity_appeals_state_ck
  CHECK (state IN ('draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn'));
ALTER TABLE integrity_amendments ADD CONSTRAINT integrity_amendments_state_ck
  CHECK (state IN ('draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn'));

CREATE INDEX integrity_records_department_scope_idx ON integrity_records (department_scope, state);
CREATE INDEX integrity_records_source_office_idx ON integrity_records (source_office, state);
CREATE INDEX integrity_records_student_idx ON integrity_records_student_lnk (student_id, integrity_record_id);
CREATE INDEX integrity_record_versions_department_scope_idx ON integrity_record_versions (department_scope);
CREATE INDEX integrity_self_entries_department_scope_idx ON integrity_self_entries (department_scope);
CREATE INDEX integrity_third_party_records_department_scope_idx ON integrity_third_party_records (department_scope);
CREATE INDEX integrity_appeals_department_scope_idx ON integrity_appeals (department_scope, state);
CREATE INDEX integrity_amendments_department_scope_idx ON integrity_amendments (department_scope, state);

-- A record has at most one appeal and one amendment under way (from draft until decided or withdrawn).
CREATE UNIQUE INDEX integrity_appeals_one_open_uq ON integrity_appeals (open_record_id) WHERE state IN ('draft', 'submitted', 'returned');
CREATE UNIQUE INDEX integrity_amendments_one_open_uq ON integrity_amendments (open_record_id) WHERE state IN ('draft', 'submitted', 'returned');

-- Versions are append-only (refuse_change_of_record: database/migrations/2026.11.24T00.00.00.status-changes.sql),
-- but for the department they are filed under, which follows the student (below).
CREATE OR REPLACE FUNCTION integrity_record_versions_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'department_scope') = (to_jsonb(OLD) - 'department_scope') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege',
          CONSTRAINT = TG_TABLE_NAME || '_append_only',
          HINT = '诚信记录的每一版只增不改 (each version of a record is kept as written)';
END;
$$;

CREATE TRIGGER integrity_record_versions_append_only_rows
  BEFORE UPDATE OR DELETE ON integrity_record_versions FOR EACH ROW EXECUTE FUNCTION integrity_record_versions_append_only();
CREATE TRIGGER integrity_record_versions_append_only_truncate
  BEFORE TRUNCATE ON integrity_record_versions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_record();
CREATE TRIGGER integrity_record_versions_record_lnk_append_only_rows
  BEFORE UPDATE OR DELETE ON integrity_record_versions_record_lnk FOR EACH ROW EXECUTE FUNCTION refuse_change_of_record();
CREATE TRIGGER integrity_record_versions_record_lnk_append_only_truncate
  BEFORE TRUNCATE ON integrity_record_versions_record_lnk FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_record();

-- Nothing of the archive is deleted (第十九条): records, appeals, amendments, the student's own part
-- and the third party's, and the links that say whose they are.
CREATE OR REPLACE FUNCTION refuse_delete_of_record() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% keeps its history: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege',
          CONSTRAINT = TG_TABLE_NAME || '_append_only',
          HINT = '诚信档案的内容不能删除 (the integrity archive keeps everything)';
END;
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['integrity_archives', 'integrity_records', 'integrity_records_student_lnk',
                           'integrity_appeals', 'integrity_appeals_record_lnk', 'integrity_amendments', 'integrity_amendments_record_lnk',
                           'integrity_self_entries', 'integrity_self_entries_student_lnk',
                           'integrity_third_party_records', 'integrity_third_party_records_student_lnk']
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE DELETE ON %I FOR EACH ROW EXECUTE FUNCTION refuse_delete_of_record()', t || '_no_delete', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete_of_record()', t || '_no_truncate', t);
  END LOOP;
END
$$;

-- One archive per student, made with the student: a statement-level trigger, so that a bulk
-- admission of thousands of students adds two set-based inserts, not one per row. The archive
-- reaches its department through its student (and `department_scope`, for the scope): a link of
-- its own would cost a bulk admission a third insert per student.
CREATE OR REPLACE FUNCTION integrity_archives_for_new_students() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  WITH made AS (
    INSERT INTO integrity_archives (document_id, state, student_key, department_scope, created_at, updated_at, published_at)
    SELECT substr(md5(random()::text || n.id::text), 1, 24), 'open', n.id, n.department_scope, now(), now(), now()
      FROM new_students n
    RETURNING id, student_key
  )
  INSERT INTO integrity_archives_student_lnk (integrity_archive_id, student_id)
  SELECT id, student_key FROM made;
  RETURN NULL;
END
$$;

CREATE TRIGGER integrity_archives_for_new_students
  AFTER INSERT ON students REFERENCING NEW TABLE AS new_students
  FOR EACH STATEMENT EXECUTE FUNCTION integrity_archives_for_new_students();

-- A student who moves to another department (change of major) takes the archive with them: every
-- integrity row of theirs follows, its column and its department link.
CREATE OR REPLACE FUNCTION integrity_follow_student_department() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  t text;
  one text;
BEGIN
  UPDATE integrity_archives SET department_scope = NEW.department_scope WHERE student_key = NEW.id;
  FOREACH t IN ARRAY ARRAY['integrity_records', 'integrity_appeals', 'integrity_amendments', 'integrity_self_entries', 'integrity_third_party_records']
  LOOP
    one := regexp_replace(t, 'ies$', 'y');
    one := regexp_replace(one, 's$', '');
    EXECUTE format('UPDATE %I r SET department_scope = $1 FROM %I s WHERE s.%I = r.id AND s.student_id = $2',
                   t, t || '_student_lnk', one || '_id') USING NEW.department_scope, NEW.id;
    EXECUTE format('DELETE FROM %I d USING %I s WHERE s.%I = d.%I AND s.student_id = $1',
                   t || '_department_lnk', t || '_student_lnk', one || '_id', one || '_id') USING NEW.id;
    IF NEW.department_scope IS NOT NULL THEN
      EXECUTE format('INSERT INTO %I (%I, department_id) SELECT s.%I, $1 FROM %I s WHERE s.student_id = $2',
                     t || '_department_lnk', one || '_id', one || '_id', t || '_student_lnk') USING NEW.department_scope, NEW.id;
    END IF;
  END LOOP;
  UPDATE integrity_record_versions v SET department_scope = NEW.department_scope
    FROM integrity_record_versions_record_lnk vl, integrity_records_student_lnk rs
   WHERE vl.integrity_record_version_id = v.id AND rs.integrity_record_id = vl.integrity_record_id AND rs.student_id = NEW.id
     AND v.department_scope IS DISTINCT FROM NEW.department_scope;
  RETURN NULL;
END
$$;

CREATE TRIGGER integrity_follow_student_department
  AFTER UPDATE OF department_scope ON students
  FOR EACH ROW WHEN (OLD.department_scope IS DISTINCT FROM NEW.department_scope)
  EXECUTE FUNCTION integrity_follow_student_department();
