-- Invariants of the organisation and the student registry that the Strapi schema cannot
-- express (domain.md 1 and 2). Constraint names are mapped to field errors in
-- src/services/database-errors.ts.

CREATE UNIQUE INDEX IF NOT EXISTS departments_code_uq ON departments (code);
CREATE UNIQUE INDEX IF NOT EXISTS departments_name_uq ON departments (name);
CREATE UNIQUE INDEX IF NOT EXISTS majors_unique_key_uq ON majors (unique_key);
CREATE UNIQUE INDEX IF NOT EXISTS school_classes_unique_key_uq ON school_classes (unique_key);
CREATE UNIQUE INDEX IF NOT EXISTS offices_kind_uq ON offices (kind);

ALTER TABLE departments ADD CONSTRAINT departments_code_format CHECK (code ~ '^[0-9]{2}$' AND code <> '00');
ALTER TABLE majors ADD CONSTRAINT majors_code_format CHECK (code ~ '^[0-9]{2}$' AND code <> '00');
ALTER TABLE school_classes ADD CONSTRAINT school_classes_sequence_format CHECK (sequence ~ '^[0-9]{2}$' AND sequence <> '00');

-- A student number is unique forever: the counter below never goes back, and this index
-- refuses a duplicate whatever path wrote it.
CREATE UNIQUE INDEX IF NOT EXISTS students_student_number_uq ON students (student_number);
ALTER TABLE students ADD CONSTRAINT students_student_number_format CHECK (student_number ~ '^[0-9]{12}$');
ALTER TABLE students ADD CONSTRAINT students_program_length_values CHECK (program_length IN (3, 5));
CREATE UNIQUE INDEX IF NOT EXISTS students_national_id_index_uq ON students (national_id_index);
CREATE INDEX IF NOT EXISTS students_phone_index_idx ON students (phone_index);
-- Lists sort by name (and id, to page stably) and count all rows.
CREATE INDEX IF NOT EXISTS students_name_id_idx ON students (name, id);

-- The next sequence inside each class, keyed by the class's 10-digit number prefix so that a
-- deleted and re-created class cannot hand out a number twice. Rows are locked with
-- SELECT ... FOR UPDATE inside the admitting transaction.
CREATE TABLE IF NOT EXISTS student_number_counters (
  prefix char(10) PRIMARY KEY CHECK (prefix ~ '^[0-9]{10}$'),
  last_sequence integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT student_number_counters_range CHECK (last_sequence BETWEEN 0 AND 99)
);
