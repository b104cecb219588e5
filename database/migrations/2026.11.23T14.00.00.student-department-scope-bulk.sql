-- Bulk admission writes department_scope with the row itself and then thousands of department
-- links in one statement; it marks its own transaction so that the per-row trigger skips the
-- (no-op) update. Every other write keeps the trigger.
CREATE OR REPLACE FUNCTION students_department_scope_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND current_setting('student_records.bulk_department_scope', true) = 'on' THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' OR TG_OP = 'UPDATE' THEN
    UPDATE students SET department_scope = NULL
     WHERE id = OLD.student_id
       AND NOT EXISTS (SELECT 1 FROM students_department_lnk l WHERE l.student_id = OLD.student_id);
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  UPDATE students SET department_scope = NEW.department_id
   WHERE id = NEW.student_id AND department_scope IS DISTINCT FROM NEW.department_id;
  RETURN NEW;
END
$$;
