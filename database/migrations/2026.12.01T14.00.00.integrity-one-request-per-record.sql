-- One request under way per record, whichever kind: an appeal (申诉) and an amendment (修定) both
-- end by moving the record, so while one is open (draft, submitted, returned) the other cannot be
-- filed. Without it the second one's decision would find the record moved and fail (409).
-- Requests are only ever opened by their INSERT (a closed one never reopens), so the check runs
-- then, under a lock on the record: two filings at once queue on it and the second sees the first.
CREATE OR REPLACE FUNCTION integrity_one_request_per_record() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  other text := CASE TG_TABLE_NAME WHEN 'integrity_appeals' THEN 'integrity_amendments' ELSE 'integrity_appeals' END;
  taken boolean;
BEGIN
  IF NEW.open_record_id IS NULL OR NEW.state NOT IN ('draft', 'submitted', 'returned') THEN
    RETURN NEW;
  END IF;
  PERFORM 1 FROM integrity_records WHERE id = NEW.open_record_id FOR UPDATE;
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE open_record_id = $1 AND state IN (''draft'', ''submitted'', ''returned''))', other)
    INTO taken USING NEW.open_record_id;
  IF taken THEN
    RAISE EXCEPTION 'record % already has an open %', NEW.open_record_id, other
      USING ERRCODE = 'unique_violation',
            CONSTRAINT = TG_TABLE_NAME || '_other_kind_open',
            HINT = '同一诚信记录同时只能有一项申诉或修定申请在办理';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER integrity_appeals_one_request_per_record
  BEFORE INSERT ON integrity_appeals FOR EACH ROW EXECUTE FUNCTION integrity_one_request_per_record();
CREATE TRIGGER integrity_amendments_one_request_per_record
  BEFORE INSERT ON integrity_amendments FOR EACH ROW EXECUTE FUNCTION integrity_one_request_per_record();
