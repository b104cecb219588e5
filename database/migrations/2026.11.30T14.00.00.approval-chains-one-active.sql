-- One active chain per subject, tier and change type (a type-specific chain beside the tier's
-- general one is another key): the engine must never have to choose between two. Where a
-- database already has several, the engine used the oldest (lowest id): the others are switched
-- off, which changes nothing a request saw, and the index keeps it so.
UPDATE approval_chains c SET active = false
 WHERE active AND EXISTS (
   SELECT 1 FROM approval_chains o
    WHERE o.active AND o.subject = c.subject AND o.tier = c.tier
      AND coalesce(o.change_type, '') = coalesce(c.change_type, '') AND o.id < c.id);
CREATE UNIQUE INDEX IF NOT EXISTS approval_chains_one_active_uq
  ON approval_chains (subject, tier, coalesce(change_type, ''))
  WHERE active;
