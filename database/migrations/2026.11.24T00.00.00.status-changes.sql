-- Status changes (domain.md 3): one decision per step and round, nobody deciding twice in a round,
-- decisions and status history kept forever, one open request per student. The constraint names
-- are mapped to client errors by src/services/database-errors.ts.

CREATE UNIQUE INDEX approval_decisions_one_per_step_uq
  ON approval_decisions (subject, subject_document_id, round, step);
CREATE UNIQUE INDEX approval_decisions_one_per_person_uq
  ON approval_decisions (subject, subject_document_id, round, lower(decided_by));
CREATE INDEX approval_decisions_department_scope_idx ON approval_decisions (department_scope);

ALTER TABLE approval_decisions ADD CONSTRAINT approval_decisions_decision_values
  CHECK (decision IN ('approve', 'reject', 'return'));

-- Decisions and the status history are append-only, whatever path asks.
CREATE OR REPLACE FUNCTION refuse_change_of_record() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege',
          CONSTRAINT = TG_TABLE_NAME || '_append_only',
          HINT = '审批决定与学籍变动记录只增不改 (decisions and status history are kept as written)';
END;
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['approval_decisions', 'approval_decisions_status_change_lnk',
                           'status_histories', 'status_histories_student_lnk', 'status_histories_status_change_lnk']
  LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_append_only_rows', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION refuse_change_of_record()', t || '_append_only_rows', t);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_append_only_truncate', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_record()', t || '_append_only_truncate', t);
  END LOOP;
END
$$;

ALTER TABLE status_changes ADD CONSTRAINT status_changes_state_values
  CHECK (state IN ('draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn'));
ALTER TABLE status_changes ADD CONSTRAINT status_changes_round_positive CHECK (round >= 0);

-- A student has at most one request under way.
CREATE UNIQUE INDEX status_changes_one_open_uq
  ON status_changes (open_student_id) WHERE state IN ('submitted', 'returned');
CREATE INDEX status_changes_department_scope_idx ON status_changes (department_scope, state);
CREATE INDEX status_changes_report_idx ON status_changes (semester, state, type);
CREATE INDEX status_histories_department_scope_idx ON status_histories (department_scope);
CREATE INDEX notifications_department_scope_idx ON notifications (department_scope);
