-- The first archive's state (issue 17, seed 001 三(一)3): an archive still being built moves to
-- `complete` when its last required material kind is filed, and back to `building` when a required
-- material is superseded without a replacement or the catalogue asks for another kind. Kept by the
-- database, in the statement that changed the materials or the catalogue, whoever wrote it (the
-- filing service, a correction, a bulk load). Only `building` and `complete` move here: an archive
-- the archive office holds, or one being transferred, keeps its state.

-- What counts: a material that is not superseded, of a kind that is required and active.
CREATE OR REPLACE FUNCTION student_archives_first_archive_state(archive_ids integer[]) RETURNS void
LANGUAGE sql AS $$
  WITH required AS (
    SELECT id FROM material_kinds WHERE required_for_first_archive AND active
  ), judged AS (
    SELECT a.id,
           NOT EXISTS (
             SELECT 1 FROM required r
              WHERE NOT EXISTS (
                SELECT 1 FROM archive_materials m JOIN archive_materials_kind_lnk l ON l.archive_material_id = m.id
                 WHERE m.archive_key = a.id AND NOT m.superseded AND l.material_kind_id = r.id)
           ) AS complete
      FROM student_archives a
     WHERE a.id = ANY(archive_ids) AND a.state IN ('building', 'complete')
  )
  UPDATE student_archives a
     SET state = CASE WHEN j.complete THEN 'complete' ELSE 'building' END,
         completed_at = CASE WHEN j.complete THEN now() ELSE NULL END
    FROM judged j
   WHERE a.id = j.id AND a.state IS DISTINCT FROM CASE WHEN j.complete THEN 'complete' ELSE 'building' END;
$$;

-- A material's kind is linked after its row is made: the link is when it starts to count. One
-- statement for all the links a statement made (a bulk load files thousands at once).
CREATE OR REPLACE FUNCTION archive_materials_kind_linked() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM student_archives_first_archive_state(
    ARRAY(SELECT DISTINCT m.archive_key FROM new_links n JOIN archive_materials m ON m.id = n.archive_material_id WHERE m.archive_key IS NOT NULL));
  RETURN NULL;
END
$$;
CREATE TRIGGER archive_materials_kind_linked
  AFTER INSERT ON archive_materials_kind_lnk REFERENCING NEW TABLE AS new_links
  FOR EACH STATEMENT EXECUTE FUNCTION archive_materials_kind_linked();

-- A material superseded (or, never in practice, restored) changes what its archive holds.
CREATE OR REPLACE FUNCTION archive_materials_superseded_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM student_archives_first_archive_state(ARRAY[NEW.archive_key]);
  RETURN NULL;
END
$$;
CREATE TRIGGER archive_materials_superseded_changed
  AFTER UPDATE OF superseded ON archive_materials
  FOR EACH ROW WHEN (OLD.superseded IS DISTINCT FROM NEW.superseded AND NEW.archive_key IS NOT NULL)
  EXECUTE FUNCTION archive_materials_superseded_changed();

-- The catalogue changed what is required: every archive still being built or complete is judged again.
CREATE OR REPLACE FUNCTION material_kinds_requirement_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM student_archives_first_archive_state(ARRAY(SELECT id FROM student_archives WHERE state IN ('building', 'complete')));
  RETURN NULL;
END
$$;
CREATE TRIGGER material_kinds_requirement_changed
  AFTER INSERT OR UPDATE OF required_for_first_archive, active ON material_kinds
  FOR EACH STATEMENT EXECUTE FUNCTION material_kinds_requirement_changed();

-- The archives already filed are judged once now.
SELECT student_archives_first_archive_state(ARRAY(SELECT id FROM student_archives WHERE state IN ('building', 'complete')));


-- Custody moves reach the materials in one statement per statement: the archive office receiving
-- 5,000 archives at once updates their materials in one set-based update, not one update an archive
-- (the row-level trigger of 2026.12.02T02.00.00.student-archive.sql, replaced here).
DROP TRIGGER IF EXISTS archive_materials_follow_archive ON student_archives;
CREATE OR REPLACE FUNCTION archive_materials_follow_archives() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE archive_materials m SET department_scope = n.department_scope, custody = n.custody
    FROM new_archives n JOIN old_archives o ON o.id = n.id
   WHERE m.archive_key = n.id
     AND (o.department_scope IS DISTINCT FROM n.department_scope OR o.custody IS DISTINCT FROM n.custody);
  RETURN NULL;
END
$$;
CREATE TRIGGER archive_materials_follow_archives
  AFTER UPDATE ON student_archives REFERENCING OLD TABLE AS old_archives NEW TABLE AS new_archives
  FOR EACH STATEMENT EXECUTE FUNCTION archive_materials_follow_archives();
