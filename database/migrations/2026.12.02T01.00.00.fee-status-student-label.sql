-- A fee status names its student in a column of its own (姓名（学号）· 班级, the student's picker
-- label): finance keeps every student's fee status but reaches no student row, so the student
-- relation reads empty for them; this column is how finance's list says whose each status is.
-- Kept by the database on every path (the Content Manager, REST, the import's SQL), never by a client.

ALTER TABLE fee_statuses ADD COLUMN IF NOT EXISTS student_label varchar(255);

CREATE OR REPLACE FUNCTION fee_statuses_student_label_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.student_label := (SELECT picker_label FROM students WHERE id = NEW.student_key);
  RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS fee_statuses_student_label ON fee_statuses;
CREATE TRIGGER fee_statuses_student_label BEFORE INSERT OR UPDATE OF student_key, student_label ON fee_statuses
  FOR EACH ROW EXECUTE FUNCTION fee_statuses_student_label_row();

-- A student renamed, renumbered or moved to another class: their fee statuses say so.
CREATE OR REPLACE FUNCTION fee_statuses_follow_student_label() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE fee_statuses SET student_label = NEW.picker_label WHERE student_key = NEW.id;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS fee_statuses_follow_student_label ON students;
CREATE TRIGGER fee_statuses_follow_student_label AFTER UPDATE ON students
  FOR EACH ROW WHEN (OLD.picker_label IS DISTINCT FROM NEW.picker_label)
  EXECUTE FUNCTION fee_statuses_follow_student_label();

UPDATE fee_statuses f SET student_label = s.picker_label FROM students s WHERE s.id = f.student_key;
