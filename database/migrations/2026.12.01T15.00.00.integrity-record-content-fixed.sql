-- A record's content is fixed once it leaves `entered` (第十九条): afterwards only the flows change it
-- (an appeal's modification, through moveRecord in src/services/integrity/records.ts, which says so
-- for its own transaction with student_records.integrity_flow). Whatever else writes (a correction
-- that lost a race with the confirmation, a script), the database refuses.
CREATE OR REPLACE FUNCTION integrity_records_content_fixed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state <> 'entered'
     AND (NEW.title, NEW.description, NEW.occurred_on, NEW.indicator, NEW.kind)
         IS DISTINCT FROM (OLD.title, OLD.description, OLD.occurred_on, OLD.indicator, OLD.kind)
     AND coalesce(current_setting('student_records.integrity_flow', true), '') <> 'on' THEN
    RAISE EXCEPTION 'integrity record % is %: its content changes only through an appeal or an amendment', OLD.id, OLD.state
      USING ERRCODE = 'insufficient_privilege',
            CONSTRAINT = 'integrity_records_append_only',
            HINT = '诚信记录认定后内容不能直接修改（第十九条）';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER integrity_records_content_fixed
  BEFORE UPDATE ON integrity_records FOR EACH ROW EXECUTE FUNCTION integrity_records_content_fixed();
