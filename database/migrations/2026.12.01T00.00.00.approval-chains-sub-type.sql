-- Chains are chosen by subject, tier and the subject's own sub-type (a status change's sub-type is
-- its change type, kept in both columns). One active chain per subject, tier and sub-type: the
-- index replaces the one keyed on change_type; where a database has several, the oldest stays
-- active, as the engine would have used it.
UPDATE approval_chains SET sub_type = change_type WHERE sub_type IS NULL AND change_type IS NOT NULL;
DROP INDEX IF EXISTS approval_chains_one_active_uq;
UPDATE approval_chains c SET active = false
 WHERE active AND EXISTS (
   SELECT 1 FROM approval_chains o
    WHERE o.active AND o.subject = c.subject AND coalesce(o.tier, '') = coalesce(c.tier, '')
      AND coalesce(o.sub_type, '') = coalesce(c.sub_type, '') AND o.id < c.id);
CREATE UNIQUE INDEX IF NOT EXISTS approval_chains_one_active_sub_type_uq
  ON approval_chains (subject, coalesce(tier, ''), coalesce(sub_type, ''))
  WHERE active;
