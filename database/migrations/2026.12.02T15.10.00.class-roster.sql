-- The class roster check (班级学籍名册核对, seed 004 第二条, issue 17): a roster per class and school
-- year, one line per student. The database keeps what the service relies on: the states as checks,
-- one line per student in a roster, one open roster (not yet stamped) per class, the roster's counts
-- kept by its lines' moves, and nothing deleted (the registry keeps the checked rosters, 第四条).

ALTER TABLE class_rosters ADD CONSTRAINT class_rosters_state_ck CHECK (state IN ('confirming', 'head-teacher-checked', 'registry-checked'));
ALTER TABLE class_rosters ADD CONSTRAINT class_rosters_class_ck CHECK (class_key IS NOT NULL);
ALTER TABLE class_rosters ADD CONSTRAINT class_rosters_counts_ck
  CHECK (pending_count >= 0 AND confirmed_count >= 0 AND error_count >= 0 AND resolved_count >= 0
         AND line_count = pending_count + confirmed_count + error_count + resolved_count);
-- (The checks below name single values, not lists: the start-up check reads a list of a state's values as its enumeration.)
-- Stamped only with its stamp, its checker and the head teacher's check before it.
ALTER TABLE class_rosters ADD CONSTRAINT class_rosters_stamped_ck
  CHECK (state <> 'registry-checked' OR (stamp_unit IS NOT NULL AND registry_checked_at IS NOT NULL AND head_teacher_checked_at IS NOT NULL));
CREATE UNIQUE INDEX class_rosters_one_open_per_class_uq ON class_rosters (class_key) WHERE state <> 'registry-checked';
CREATE INDEX class_rosters_department_idx ON class_rosters (department_scope, state);

ALTER TABLE roster_lines ADD CONSTRAINT roster_lines_state_ck CHECK (state IN ('pending', 'confirmed', 'error-reported', 'resolved'));
ALTER TABLE roster_lines ADD CONSTRAINT roster_lines_keys_ck CHECK (roster_key IS NOT NULL AND student_key IS NOT NULL);
ALTER TABLE roster_lines ADD CONSTRAINT roster_lines_error_ck
  CHECK ((error_field IS NOT NULL AND error_message IS NOT NULL) OR NOT (state = 'error-reported' OR state = 'resolved'));
ALTER TABLE roster_lines ADD CONSTRAINT roster_lines_error_field_ck
  CHECK (error_field IS NULL OR error_field IN ('name', 'studentNumber', 'gender', 'birthDate', 'nationalId', 'major', 'schoolClass', 'enrolledOn', 'other'));
ALTER TABLE roster_lines ADD CONSTRAINT roster_lines_resolved_ck CHECK (state <> 'resolved' OR (resolved_at IS NOT NULL AND resolution IS NOT NULL));
-- The masked form only (src/domain/masking.ts): a national ID in clear never reaches a roster.
ALTER TABLE roster_lines ADD CONSTRAINT roster_lines_national_id_masked_ck CHECK (national_id_masked IS NULL OR national_id_masked LIKE '%***%');
CREATE UNIQUE INDEX roster_lines_one_per_student_uq ON roster_lines (roster_key, student_key);
CREATE INDEX roster_lines_student_idx ON roster_lines (student_key);
CREATE INDEX roster_lines_department_idx ON roster_lines (department_scope, state);

-- A line's move is counted on its roster in the same statement, whoever moves it.
CREATE OR REPLACE FUNCTION roster_lines_count_moves() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE class_rosters
     SET pending_count = pending_count + (NEW.state = 'pending')::int - (OLD.state = 'pending')::int,
         confirmed_count = confirmed_count + (NEW.state = 'confirmed')::int - (OLD.state = 'confirmed')::int,
         error_count = error_count + (NEW.state = 'error-reported')::int - (OLD.state = 'error-reported')::int,
         resolved_count = resolved_count + (NEW.state = 'resolved')::int - (OLD.state = 'resolved')::int
   WHERE id = NEW.roster_key;
  RETURN NULL;
END
$$;
CREATE TRIGGER roster_lines_count_moves AFTER UPDATE OF state ON roster_lines
  FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION roster_lines_count_moves();

-- A stamped roster is the registry's record: its lines no longer move.
CREATE OR REPLACE FUNCTION roster_lines_frozen_when_stamped() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM class_rosters WHERE id = NEW.roster_key AND state = 'registry-checked') THEN
    RAISE EXCEPTION 'roster % is stamped', NEW.roster_key
      USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'roster_lines_stamped_append_only',
            HINT = '名册已复审盖章，不能再修改 (a stamped roster is kept as it is)';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER roster_lines_frozen_when_stamped BEFORE UPDATE ON roster_lines
  FOR EACH ROW EXECUTE FUNCTION roster_lines_frozen_when_stamped();

DO $$
DECLARE
  t text;
  hint text := '学籍名册由学籍管理部门保存，不能删除 (the registry keeps its rosters)';
BEGIN
  FOREACH t IN ARRAY ARRAY['class_rosters', 'roster_lines']
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE DELETE ON %I FOR EACH ROW EXECUTE FUNCTION refuse_delete_keeping_history(%L)', t || '_no_delete', t, hint);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete_keeping_history(%L)', t || '_no_truncate', t, hint);
  END LOOP;
END
$$;
