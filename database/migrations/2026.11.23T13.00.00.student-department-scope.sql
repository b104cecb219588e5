-- The student's department as a plain column beside the row, kept equal to the department link
-- by the database, so that a department's list and count are an index range instead of a join
-- through the link and department tables with DISTINCT (the scope filter of every staff read).
CREATE OR REPLACE FUNCTION students_department_scope_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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

CREATE TRIGGER students_department_scope_sync
  AFTER INSERT OR UPDATE OR DELETE ON students_department_lnk
  FOR EACH ROW EXECUTE FUNCTION students_department_scope_sync();

UPDATE students s SET department_scope = l.department_id
  FROM students_department_lnk l
 WHERE l.student_id = s.id AND s.department_scope IS DISTINCT FROM l.department_id;

CREATE INDEX students_department_scope_name_idx ON students (department_scope, name, id);
