-- The archive's access register (档案查阅登记, issue 17): a line for every read of an archive's
-- materials (their list or a file) by anyone but the archive's own student. Written by the system
-- only; the database refuses to change or delete a line (append-only), so the register cannot be
-- tidied after the fact, not even by the application's own account.

ALTER TABLE archive_access_logs ADD CONSTRAINT archive_access_logs_channel_ck CHECK (channel IN ('admin', 'rest', 'graphql'));
ALTER TABLE archive_access_logs ADD CONSTRAINT archive_access_logs_action_ck CHECK (action IN ('list', 'file'));
ALTER TABLE archive_access_logs ADD CONSTRAINT archive_access_logs_archive_ck CHECK (archive_key IS NOT NULL);
CREATE INDEX archive_access_logs_archive_idx ON archive_access_logs (archive_key, read_at);
CREATE INDEX archive_access_logs_read_at_idx ON archive_access_logs (read_at);

-- A line names its archive's student and carries the archive's department and custody as they were
-- at the read, whatever the writer sent. One function for every table of the archive that carries
-- them (archive_key, department_scope, custody, student_label): the register, the transfers.
CREATE OR REPLACE FUNCTION carry_archive_fields() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  a record;
BEGIN
  SELECT department_scope, custody, student_label INTO a FROM student_archives WHERE id = NEW.archive_key;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'archive % does not exist', NEW.archive_key USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_TABLE_NAME || '_archive_fk';
  END IF;
  NEW.department_scope := a.department_scope;
  NEW.custody := a.custody;
  NEW.student_label := a.student_label;
  RETURN NEW;
END
$$;
CREATE TRIGGER archive_access_logs_from_archive BEFORE INSERT ON archive_access_logs
  FOR EACH ROW EXECUTE FUNCTION carry_archive_fields();

CREATE OR REPLACE FUNCTION archive_access_logs_link_archive() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO archive_access_logs_archive_lnk (archive_access_log_id, student_archive_id)
  SELECT id, archive_key FROM new_logs;
  RETURN NULL;
END
$$;
CREATE TRIGGER archive_access_logs_link_archive
  AFTER INSERT ON archive_access_logs REFERENCING NEW TABLE AS new_logs
  FOR EACH STATEMENT EXECUTE FUNCTION archive_access_logs_link_archive();

DO $$
DECLARE
  t text;
  hint text := '档案查阅登记只能增加，不能修改或删除 (the access register is append-only)';
BEGIN
  FOREACH t IN ARRAY ARRAY['archive_access_logs', 'archive_access_logs_archive_lnk']
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION refuse_delete_keeping_history(%L)', t || '_append_only', t, hint);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete_keeping_history(%L)', t || '_no_truncate', t, hint);
  END LOOP;
END
$$;
