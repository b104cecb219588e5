-- A student's label in relation pickers (a request's 学生, a notification's, a history entry's):
-- 姓名（学号）· 班级. The Content Manager searches a picker on one field only, so this one field
-- holds all three: a registrar finds a student by name or by number and sees the class.
-- Kept by the database on every path (Document Service, bulk admission, status-change effects,
-- restores, a class renamed), never written by a client (the field is not writable).

CREATE OR REPLACE FUNCTION student_picker_label(p_name text, p_number text, p_class text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT left(coalesce(p_name, '') || '（' || coalesce(p_number, '未编号') || '）' || coalesce('· ' || p_class, ''), 200)
$$;

CREATE OR REPLACE FUNCTION student_class_name(p_student integer) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT c.name FROM students_school_class_lnk l JOIN school_classes c ON c.id = l.school_class_id
  WHERE l.student_id = p_student ORDER BY l.id LIMIT 1
$$;

-- The row's own label when it is written (a new row has no class link yet: the link trigger adds it).
CREATE OR REPLACE FUNCTION students_picker_label_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.picker_label := student_picker_label(NEW.name, NEW.student_number, CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE student_class_name(NEW.id) END);
  RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS students_picker_label ON students;
CREATE TRIGGER students_picker_label BEFORE INSERT OR UPDATE ON students
  FOR EACH ROW EXECUTE FUNCTION students_picker_label_row();

-- The students whose class link changed, in one statement however many rows changed.
CREATE OR REPLACE FUNCTION refresh_student_picker_labels(p_students integer[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE students s SET name = s.name WHERE s.id = ANY(p_students)
$$;

CREATE OR REPLACE FUNCTION students_picker_label_links_added() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_student_picker_labels(ARRAY(SELECT DISTINCT student_id FROM added_links WHERE student_id IS NOT NULL));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION students_picker_label_links_removed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_student_picker_labels(ARRAY(SELECT DISTINCT student_id FROM removed_links WHERE student_id IS NOT NULL));
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS students_picker_label_links_insert ON students_school_class_lnk;
CREATE TRIGGER students_picker_label_links_insert AFTER INSERT ON students_school_class_lnk
  REFERENCING NEW TABLE AS added_links FOR EACH STATEMENT EXECUTE FUNCTION students_picker_label_links_added();
DROP TRIGGER IF EXISTS students_picker_label_links_update ON students_school_class_lnk;
CREATE TRIGGER students_picker_label_links_update AFTER UPDATE ON students_school_class_lnk
  REFERENCING NEW TABLE AS added_links FOR EACH STATEMENT EXECUTE FUNCTION students_picker_label_links_added();
DROP TRIGGER IF EXISTS students_picker_label_links_delete ON students_school_class_lnk;
CREATE TRIGGER students_picker_label_links_delete AFTER DELETE ON students_school_class_lnk
  REFERENCING OLD TABLE AS removed_links FOR EACH STATEMENT EXECUTE FUNCTION students_picker_label_links_removed();

-- A class renamed: its students' labels follow.
CREATE OR REPLACE FUNCTION school_classes_picker_labels() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_student_picker_labels(ARRAY(SELECT student_id FROM students_school_class_lnk WHERE school_class_id = NEW.id AND student_id IS NOT NULL));
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS school_classes_picker_labels ON school_classes;
CREATE TRIGGER school_classes_picker_labels AFTER UPDATE OF name ON school_classes
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION school_classes_picker_labels();

-- The students there are now.
UPDATE students SET name = name;
