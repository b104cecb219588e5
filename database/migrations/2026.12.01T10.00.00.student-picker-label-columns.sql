-- The picker label (2026.12.01T02.00.00.student-picker-label.sql) reads the student's name, number
-- and class; it was recomputed on every update of a student (a status, a phone, a scope column).
-- Now only when one of the columns it reads is written, or the label itself (nobody writes it: a
-- write is overwritten). The class is not a column of students: it lives in
-- students_school_class_lnk, whose triggers (and a class renamed) refresh the label with
-- `SET name = name`, which names a listed column and so still fires this trigger.
DROP TRIGGER IF EXISTS students_picker_label ON students;
CREATE TRIGGER students_picker_label BEFORE INSERT OR UPDATE OF name, student_number, picker_label ON students
  FOR EACH ROW EXECUTE FUNCTION students_picker_label_row();
