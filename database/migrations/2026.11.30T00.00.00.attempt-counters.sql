-- Attempt counters shared by every server process (login attempts per address, identity
-- matches per person): one row per key and fixed window, bumped with INSERT ... ON CONFLICT.
CREATE TABLE IF NOT EXISTS attempt_counters (
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  attempts integer NOT NULL CHECK (attempts >= 0),
  PRIMARY KEY (key, window_start)
);
CREATE INDEX IF NOT EXISTS attempt_counters_window_start ON attempt_counters (window_start);
