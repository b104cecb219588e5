-- The student archive (学籍档案, domain.md 6): one archive per student, made by the database with the
-- student whichever path admits them; a catalogue of material kinds with unique names; materials
-- that carry their archive's department and custody (the scope reads them without a join); nothing
-- of an archive deleted; the archive and its materials follow the student to another department.

CREATE UNIQUE INDEX IF NOT EXISTS material_kinds_name_uq ON material_kinds (lower(btrim(name)));
ALTER TABLE material_kinds ADD CONSTRAINT material_kinds_category_ck
  CHECK (category IN ('admission', 'academic', 'status-change', 'rewards-discipline', 'graduation', 'other'));

CREATE UNIQUE INDEX student_archives_one_per_student_uq ON student_archives (student_key);
CREATE INDEX student_archives_department_idx ON student_archives (department_scope, custody);
ALTER TABLE student_archives ADD CONSTRAINT student_archives_custody_ck CHECK (custody IN ('department', 'archive-office', 'transferred'));
ALTER TABLE student_archives ADD CONSTRAINT student_archives_state_ck
  CHECK (state IN ('building', 'complete', 'in-custody', 'transfer-requested', 'transferred', 'receipt-overdue', 'closed'));

CREATE INDEX archive_materials_archive_idx ON archive_materials (archive_key, category, material_date);
CREATE INDEX archive_materials_department_idx ON archive_materials (department_scope, custody);
ALTER TABLE archive_materials ADD CONSTRAINT archive_materials_category_ck
  CHECK (category IN ('admission', 'academic', 'status-change', 'rewards-discipline', 'graduation', 'other'));
ALTER TABLE archive_materials ADD CONSTRAINT archive_materials_custody_ck CHECK (custody IN ('department', 'archive-office', 'transferred'));
ALTER TABLE archive_materials ADD CONSTRAINT archive_materials_archive_ck CHECK (archive_key IS NOT NULL);

-- Nothing of an archive is deleted (001 三: 学籍档案永久保存): a wrong material is superseded by a corrected one.
-- One function for every table that keeps its history, the hint given by each trigger (TG_ARGV[0]);
-- later migrations use it rather than writing their own.
CREATE OR REPLACE FUNCTION refuse_delete_keeping_history() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% keeps its history: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege',
          CONSTRAINT = TG_TABLE_NAME || '_append_only',
          HINT = coalesce(TG_ARGV[0], 'this record is kept');
END;
$$;

DO $$
DECLARE
  t text;
  hint text := '学籍档案的内容不能删除；材料有误时上传更正件替换 (the student archive keeps everything)';
BEGIN
  FOREACH t IN ARRAY ARRAY['student_archives', 'archive_materials', 'archive_materials_archive_lnk', 'archive_materials_kind_lnk']
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE DELETE ON %I FOR EACH ROW EXECUTE FUNCTION refuse_delete_keeping_history(%L)', t || '_no_delete', t, hint);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete_keeping_history(%L)', t || '_no_truncate', t, hint);
  END LOOP;
END
$$;

-- A student entered by mistake may still be deleted while their archive is empty (the archive row
-- stays, without its student); once a material is filed, the student is kept with it.
CREATE OR REPLACE FUNCTION students_keep_archived() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM archive_materials m JOIN student_archives a ON a.id = m.archive_key WHERE a.student_key = OLD.id) THEN
    RAISE EXCEPTION 'student % has archived materials', OLD.id
      USING ERRCODE = 'insufficient_privilege',
            CONSTRAINT = 'students_archived_append_only',
            HINT = '该学生的学籍档案已有材料，不能删除 (a student whose archive holds materials is kept)';
  END IF;
  RETURN OLD;
END
$$;
CREATE TRIGGER students_keep_archived BEFORE DELETE ON students FOR EACH ROW EXECUTE FUNCTION students_keep_archived();

-- A kind some material is filed under stays in the catalogue (retire it: active = false).
CREATE OR REPLACE FUNCTION material_kinds_keep_used() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM archive_materials_kind_lnk WHERE material_kind_id = OLD.id) THEN
    RAISE EXCEPTION 'material kind % is in use', OLD.id
      USING ERRCODE = 'insufficient_privilege',
            CONSTRAINT = 'material_kinds_in_use',
            HINT = '已有档案材料使用此种类，不能删除；可改为停用 (a kind in use is retired, not deleted)';
  END IF;
  RETURN OLD;
END
$$;
CREATE TRIGGER material_kinds_keep_used BEFORE DELETE ON material_kinds FOR EACH ROW EXECUTE FUNCTION material_kinds_keep_used();

-- One archive per student, made with the student, set-based as the integrity archive's
-- (2026.12.01T13.00.00.integrity-archive-document-ids.sql): a bulk admission adds two inserts.
CREATE OR REPLACE FUNCTION student_archives_for_new_students() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  stamp text := 'a' || lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 11, '0');
BEGIN
  WITH made AS (
    INSERT INTO student_archives (document_id, custody, state, student_key, student_label, department_scope, created_at, updated_at, published_at)
    SELECT stamp || substr(md5(random()::text), 1, 12), 'department', 'building', n.id, n.picker_label, n.department_scope, now(), now(), now()
      FROM new_students n
    RETURNING id, student_key
  )
  INSERT INTO student_archives_student_lnk (student_archive_id, student_id)
  SELECT id, student_key FROM made;
  RETURN NULL;
END
$$;

CREATE TRIGGER student_archives_for_new_students
  AFTER INSERT ON students REFERENCING NEW TABLE AS new_students
  FOR EACH STATEMENT EXECUTE FUNCTION student_archives_for_new_students();

-- The students admitted before this release get theirs.
WITH made AS (
  INSERT INTO student_archives (document_id, custody, state, student_key, student_label, department_scope, created_at, updated_at, published_at)
  SELECT 'a' || substr(md5(random()::text || s.id::text), 1, 23), 'department', 'building', s.id, s.picker_label, s.department_scope, now(), now(), now()
    FROM students s
   WHERE NOT EXISTS (SELECT 1 FROM student_archives a WHERE a.student_key = s.id)
  RETURNING id, student_key
)
INSERT INTO student_archives_student_lnk (student_archive_id, student_id)
SELECT id, student_key FROM made;

-- A material carries its archive's department and custody, whatever its writer sent.
CREATE OR REPLACE FUNCTION archive_materials_from_archive() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  a record;
BEGIN
  SELECT department_scope, custody INTO a FROM student_archives WHERE id = NEW.archive_key;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'archive % does not exist', NEW.archive_key USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'archive_materials_archive_fk';
  END IF;
  NEW.department_scope := a.department_scope;
  NEW.custody := a.custody;
  RETURN NEW;
END
$$;
CREATE TRIGGER archive_materials_from_archive BEFORE INSERT OR UPDATE OF archive_key, department_scope, custody ON archive_materials
  FOR EACH ROW EXECUTE FUNCTION archive_materials_from_archive();

-- Custody moves (to the archive office, out on transfer) and department moves reach the materials.
CREATE OR REPLACE FUNCTION archive_materials_follow_archive() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE archive_materials SET department_scope = NEW.department_scope, custody = NEW.custody WHERE archive_key = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER archive_materials_follow_archive
  AFTER UPDATE OF department_scope, custody ON student_archives
  FOR EACH ROW WHEN (OLD.department_scope IS DISTINCT FROM NEW.department_scope OR OLD.custody IS DISTINCT FROM NEW.custody)
  EXECUTE FUNCTION archive_materials_follow_archive();

-- A student who changes department takes their archive with them.
CREATE OR REPLACE FUNCTION student_archives_follow_student_department() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE student_archives SET department_scope = NEW.department_scope WHERE student_key = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER student_archives_follow_student_department
  AFTER UPDATE OF department_scope ON students
  FOR EACH ROW WHEN (OLD.department_scope IS DISTINCT FROM NEW.department_scope)
  EXECUTE FUNCTION student_archives_follow_student_department();

-- The archive names its student as the fee status does (2026.12.02T01.00.00.fee-status-student-label.sql).
-- One statement-level trigger keeps both when students are renamed, renumbered or moved to another
-- class: a bulk admission relabels its 5,000 students (their class links) in one statement, which
-- now costs two set-based updates instead of two updates a student.
DROP TRIGGER IF EXISTS fee_statuses_follow_student_label ON students;
DROP FUNCTION IF EXISTS fee_statuses_follow_student_label();

CREATE OR REPLACE FUNCTION student_labels_follow_students() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE fee_statuses f SET student_label = n.picker_label
    FROM new_students n JOIN old_students o ON o.id = n.id
   WHERE f.student_key = n.id AND o.picker_label IS DISTINCT FROM n.picker_label;
  UPDATE student_archives a SET student_label = n.picker_label
    FROM new_students n JOIN old_students o ON o.id = n.id
   WHERE a.student_key = n.id AND o.picker_label IS DISTINCT FROM n.picker_label;
  RETURN NULL;
END $$;

CREATE TRIGGER student_labels_follow_students
  AFTER UPDATE ON students REFERENCING OLD TABLE AS old_students NEW TABLE AS new_students
  FOR EACH STATEMENT EXECUTE FUNCTION student_labels_follow_students();
