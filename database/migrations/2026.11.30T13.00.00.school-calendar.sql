-- The school calendar: one row per date (a holiday or a make-up working day), and semesters with
-- a code of the form 2026-2027-1 and a start before their end.
CREATE UNIQUE INDEX IF NOT EXISTS calendar_days_date_uq ON calendar_days (date);
ALTER TABLE calendar_days ADD CONSTRAINT calendar_days_kind_ck CHECK (kind IN ('holiday', 'make-up-workday'));
CREATE UNIQUE INDEX IF NOT EXISTS semesters_code_uq ON semesters (code);
ALTER TABLE semesters ADD CONSTRAINT semesters_code_ck
  CHECK (code ~ '^[0-9]{4}-[0-9]{4}-[12]$' AND substr(code, 6, 4)::int = substr(code, 1, 4)::int + 1);
ALTER TABLE semesters ADD CONSTRAINT semesters_dates_ck CHECK (start_date < end_date);
ALTER TABLE semesters ADD CONSTRAINT semesters_registration_days_ck CHECK (registration_working_days BETWEEN 1 AND 60);
