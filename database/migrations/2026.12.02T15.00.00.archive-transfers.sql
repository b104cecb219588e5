-- The archive's transfer (档案转递, issue 17): the database keeps one transfer under way or done per
-- archive, register numbers unique in the transfer register, each step's facts present once the
-- transfer has reached it, the archive's department, custody and student on each transfer (the scope
-- reads them without a join), and nothing deleted.

ALTER TABLE archive_transfers ADD CONSTRAINT archive_transfers_archive_ck CHECK (archive_key IS NOT NULL);
ALTER TABLE archive_transfers ADD CONSTRAINT archive_transfers_state_ck CHECK (state IN ('requested', 'checked', 'sent', 'received', 'cancelled'));
ALTER TABLE archive_transfers ADD CONSTRAINT archive_transfers_reason_ck CHECK (reason IN ('graduation', 'completion', 'leaving', 'withdrawal'));
ALTER TABLE archive_transfers ADD CONSTRAINT archive_transfers_method_ck CHECK (method IS NULL OR method IN ('confidential-mail', 'courier'));
ALTER TABLE archive_transfers ADD CONSTRAINT archive_transfers_check_result_ck CHECK (check_result IS NULL OR check_result IN ('complete', 'explained'));
ALTER TABLE archive_transfers ADD CONSTRAINT archive_transfers_custody_ck CHECK (custody IS NULL OR custody IN ('department', 'archive-office', 'transferred'));
-- A step's facts are there once the transfer has passed it (a missing-materials check names its note).
-- Written with = and <>, not IN: a CHECK listing values with IN is read at start-up as the column's enumeration.
ALTER TABLE archive_transfers ADD CONSTRAINT archive_transfers_checked_ck
  CHECK (state = 'requested' OR state = 'cancelled' OR (checked_at IS NOT NULL AND check_result IS NOT NULL AND (check_result = 'complete' OR check_note IS NOT NULL)));
ALTER TABLE archive_transfers ADD CONSTRAINT archive_transfers_sent_ck
  CHECK ((state <> 'sent' AND state <> 'received') OR (register_number IS NOT NULL AND sealed_by IS NOT NULL AND method IS NOT NULL AND tracking_number IS NOT NULL AND sent_on IS NOT NULL));
ALTER TABLE archive_transfers ADD CONSTRAINT archive_transfers_received_ck CHECK (state <> 'received' OR (received_on IS NOT NULL AND received_on >= sent_on));

-- The transfer register's numbers are unique (spaces and case aside).
CREATE UNIQUE INDEX archive_transfers_register_number_uq ON archive_transfers (lower(btrim(register_number))) WHERE register_number IS NOT NULL;
-- An archive leaves once: one transfer under way or done per archive (a cancelled one does not count).
CREATE UNIQUE INDEX archive_transfers_one_per_archive_uq ON archive_transfers (archive_key) WHERE state <> 'cancelled';
CREATE INDEX archive_transfers_department_idx ON archive_transfers (department_scope, custody);
CREATE INDEX archive_transfers_follow_up_idx ON archive_transfers (sent_on) WHERE state = 'sent';

-- A transfer carries its archive's department, custody and student, whatever its writer sent
-- (carry_archive_fields, 2026.12.02T14.00.00.archive-access-log.sql) ...
CREATE TRIGGER archive_transfers_from_archive BEFORE INSERT OR UPDATE OF archive_key, department_scope, custody, student_label ON archive_transfers
  FOR EACH ROW EXECUTE FUNCTION carry_archive_fields();

-- ... and follows it: the custody moving out on sending, the student's department or name changing.
CREATE OR REPLACE FUNCTION archive_transfers_follow_archive() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE archive_transfers SET department_scope = NEW.department_scope, custody = NEW.custody, student_label = NEW.student_label WHERE archive_key = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER archive_transfers_follow_archive
  AFTER UPDATE OF department_scope, custody, student_label ON student_archives
  FOR EACH ROW WHEN (OLD.department_scope IS DISTINCT FROM NEW.department_scope OR OLD.custody IS DISTINCT FROM NEW.custody OR OLD.student_label IS DISTINCT FROM NEW.student_label)
  EXECUTE FUNCTION archive_transfers_follow_archive();

DO $$
DECLARE
  t text;
  hint text := '档案转递登记不能删除；未寄出的可以撤销 (a transfer is kept; cancel one not yet sent)';
BEGIN
  FOREACH t IN ARRAY ARRAY['archive_transfers', 'archive_transfers_archive_lnk']
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE DELETE ON %I FOR EACH ROW EXECUTE FUNCTION refuse_delete_keeping_history(%L)', t || '_no_delete', t, hint);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete_keeping_history(%L)', t || '_no_truncate', t, hint);
  END LOOP;
END
$$;

-- A notice addressed to an office (the archive office's receipt follow-up) names the office.
ALTER TABLE notifications ADD CONSTRAINT notifications_recipient_office_ck
  CHECK (recipient_office IS NULL OR recipient_office IN ('academic-affairs', 'student-affairs', 'archive', 'admissions', 'leadership', 'leadership-meeting', 'finance', 'organisation', 'security', 'youth-league', 'library'));
