-- Idempotency keys of bulk admissions and workflow actions: the first answer to a key, kept a day,
-- per caller (one caller cannot read another's answers by guessing keys). The row is written in
-- the transaction of the action it answers for, so an action and its key commit or vanish together;
-- a second request with the same key waits on the primary key until the first one ends.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  owner text NOT NULL,
  key text NOT NULL,
  fingerprint text NOT NULL,
  status integer,
  body jsonb,
  created_at timestamptz NOT NULL,
  CONSTRAINT idempotency_keys_pkey PRIMARY KEY (owner, key)
);
CREATE INDEX IF NOT EXISTS idempotency_keys_created_at ON idempotency_keys (created_at);
