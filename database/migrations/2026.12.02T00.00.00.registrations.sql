-- Semester registration (domain.md 4): one registration per student and semester, one deferral
-- under way or granted per student and semester, one fee status per student and semester; the
-- enumerations as checks; nothing deleted; the rows' department follows the student while they
-- are still open (a change of major moves the review to the new department).

CREATE UNIQUE INDEX registrations_one_per_semester_uq ON registrations (student_key, semester_key);
CREATE INDEX registrations_semester_department_idx ON registrations (semester_key, department_scope, state);
CREATE INDEX registrations_open_deadline_idx ON registrations (deadline) WHERE workflow_state IN ('draft', 'returned') AND state <> 'missed';
ALTER TABLE registrations ADD CONSTRAINT registrations_state_ck
  CHECK (state IN ('expected', 'submitted', 'department-reviewed', 'approved', 'registered', 'returned', 'deferred', 'missed'));
ALTER TABLE registrations ADD CONSTRAINT registrations_workflow_state_ck
  CHECK (workflow_state IN ('draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn'));
ALTER TABLE registrations ADD CONSTRAINT registrations_keys_ck CHECK (student_key IS NOT NULL AND semester_key IS NOT NULL);

CREATE UNIQUE INDEX registration_deferrals_one_per_semester_uq ON registration_deferrals (student_key, semester_key)
  WHERE state IN ('draft', 'submitted', 'returned', 'approved');
CREATE INDEX registration_deferrals_department_idx ON registration_deferrals (department_scope, state);
ALTER TABLE registration_deferrals ADD CONSTRAINT registration_deferrals_state_ck
  CHECK (state IN ('draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn'));

CREATE UNIQUE INDEX fee_statuses_one_per_semester_uq ON fee_statuses (student_key, semester_key);
CREATE INDEX fee_statuses_department_idx ON fee_statuses (department_scope);
ALTER TABLE fee_statuses ADD CONSTRAINT fee_statuses_status_ck CHECK (status IN ('paid', 'aid', 'owing'));
ALTER TABLE fee_statuses ADD CONSTRAINT fee_statuses_amount_ck CHECK (amount_owed IS NULL OR amount_owed >= 0);

CREATE OR REPLACE FUNCTION refuse_delete_of_registration() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% keeps its history: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege',
          CONSTRAINT = TG_TABLE_NAME || '_append_only',
          HINT = '注册记录、延期申请与缴费状态不能删除 (registration records are kept)';
END;
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['registrations', 'registration_deferrals', 'fee_statuses']
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE DELETE ON %I FOR EACH ROW EXECUTE FUNCTION refuse_delete_of_registration()', t || '_no_delete', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete_of_registration()', t || '_no_truncate', t);
  END LOOP;
END
$$;

-- A student who changes department takes their open registration and deferral with them, and
-- their fee statuses (read by the department's staff); a closed registration stays counted where it was.
CREATE OR REPLACE FUNCTION registration_follow_student_department() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  WITH moved AS (
    UPDATE registrations SET department_scope = NEW.department_scope
     WHERE student_key = NEW.id AND state NOT IN ('registered', 'missed')
    RETURNING id
  ), unlinked AS (
    DELETE FROM registrations_department_lnk l USING moved WHERE l.registration_id = moved.id RETURNING l.registration_id
  )
  INSERT INTO registrations_department_lnk (registration_id, department_id)
  SELECT id, NEW.department_scope FROM moved WHERE NEW.department_scope IS NOT NULL;

  WITH moved AS (
    UPDATE registration_deferrals SET department_scope = NEW.department_scope
     WHERE student_key = NEW.id AND state IN ('draft', 'submitted', 'returned')
    RETURNING id
  ), unlinked AS (
    DELETE FROM registration_deferrals_department_lnk l USING moved WHERE l.registration_deferral_id = moved.id RETURNING l.registration_deferral_id
  )
  INSERT INTO registration_deferrals_department_lnk (registration_deferral_id, department_id)
  SELECT id, NEW.department_scope FROM moved WHERE NEW.department_scope IS NOT NULL;

  UPDATE fee_statuses SET department_scope = NEW.department_scope WHERE student_key = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER registration_follow_student_department
  AFTER UPDATE OF department_scope ON students
  FOR EACH ROW WHEN (OLD.department_scope IS DISTINCT FROM NEW.department_scope)
  EXECUTE FUNCTION registration_follow_student_department();
