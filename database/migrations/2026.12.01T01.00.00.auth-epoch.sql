-- What a login may do and reach (its users-permissions user and role with their permissions, its
-- staff memberships, the admin roles and permissions behind them) is cached per process for speed
-- (src/services/permissions/auth-cache.ts). The cache is keyed by this epoch, read once per
-- request: any statement that changes one of these tables moves it on, in the same transaction,
-- so every process sees the change on its next request and none sees it before the commit. The
-- triggers are installed at every start (src/services/permissions/auth-cache.ts), so that a table
-- Strapi remakes gets its trigger back.
CREATE TABLE IF NOT EXISTS auth_epoch (
  id integer PRIMARY KEY CHECK (id = 1),
  epoch bigint NOT NULL DEFAULT 0
);
INSERT INTO auth_epoch (id, epoch) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;

CREATE OR REPLACE FUNCTION bump_auth_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE auth_epoch SET epoch = epoch + 1 WHERE id = 1;
  RETURN NULL;
END $$;
