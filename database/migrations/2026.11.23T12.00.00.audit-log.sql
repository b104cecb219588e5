-- The audit log (domain.md 8) is append-only: rows are inserted by the application and never
-- changed or removed, whatever path asks (Content Manager, a script, a console). The error
-- names the constraint audit_logs_append_only, which the application maps to a 403.

CREATE OR REPLACE FUNCTION audit_logs_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_logs is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          CONSTRAINT = 'audit_logs_append_only',
          HINT = '审计日志只增不改 (the audit log is append-only)';
END;
$$;

DROP TRIGGER IF EXISTS audit_logs_append_only_rows ON audit_logs;
CREATE TRIGGER audit_logs_append_only_rows
  BEFORE UPDATE OR DELETE ON audit_logs
  FOR EACH ROW EXECUTE FUNCTION audit_logs_refuse_change();

DROP TRIGGER IF EXISTS audit_logs_append_only_truncate ON audit_logs;
CREATE TRIGGER audit_logs_append_only_truncate
  BEFORE TRUNCATE ON audit_logs
  FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_refuse_change();

-- Who acted: the vocabulary of src/services/scope/actor.ts.
ALTER TABLE audit_logs ADD CONSTRAINT audit_logs_actor_type_values
  CHECK (actor_type IN ('admin', 'user', 'api-token', 'system', 'public'));
ALTER TABLE audit_logs ADD CONSTRAINT audit_logs_channel_values
  CHECK (channel IN ('admin', 'rest', 'graphql', 'system'));

-- A person's actions in time (and the reveal rate limit: their reveals in the last minutes).
CREATE INDEX IF NOT EXISTS audit_logs_actor_idx ON audit_logs (actor_type, actor_id, action, occurred_at);
-- A record's history.
CREATE INDEX IF NOT EXISTS audit_logs_target_idx ON audit_logs (target_type, target_document_id, occurred_at);
-- The log in time order (the admin list sorts by it).
CREATE INDEX IF NOT EXISTS audit_logs_occurred_at_idx ON audit_logs (occurred_at);
