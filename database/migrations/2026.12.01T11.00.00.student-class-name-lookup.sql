-- The picker label's class lookup (2026.12.01T02.00.00.student-picker-label.sql) ran once per
-- student row written, with `ORDER BY l.id LIMIT 1`. Right after a bulk admission, before the new
-- links have statistics, PostgreSQL may answer that by walking the link table's primary key and
-- filtering on the student: one walk of the whole table per student, so each batch of 5,000
-- admissions took longer than the one before (the bench: 2.3 s, 4.4 s, 6.7 s, 9.0 s). A student has
-- one class: the lowest class id among its links, read from the (student_id, school_class_id)
-- unique index, names it whatever the statistics say.
CREATE OR REPLACE FUNCTION student_class_name(p_student integer) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT c.name FROM school_classes c
  WHERE c.id = (SELECT min(l.school_class_id) FROM students_school_class_lnk l WHERE l.student_id = p_student)
$$;

-- Bulk admission (src/api/student/repositories/student-rows.ts) writes each new row with its
-- label already made by student_picker_label() (the class is known there) and marks its own
-- transaction: the row trigger keeps that label and the class links' trigger skips rewriting the
-- 5,000 rows it just inserted. Every other write keeps both triggers.
CREATE OR REPLACE FUNCTION students_picker_label_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW.picker_label IS NOT NULL AND current_setting('student_records.bulk_picker_label', true) = 'on' THEN
    RETURN NEW;
  END IF;
  NEW.picker_label := student_picker_label(NEW.name, NEW.student_number, CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE student_class_name(NEW.id) END);
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION students_picker_label_links_added() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('student_records.bulk_picker_label', true) = 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM refresh_student_picker_labels(ARRAY(SELECT DISTINCT student_id FROM added_links WHERE student_id IS NOT NULL));
  RETURN NULL;
END $$;
