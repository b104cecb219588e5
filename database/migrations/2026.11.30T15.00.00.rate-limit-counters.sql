-- Login rate limits shared by every process (src/services/login-guard/shared-rate-limit-store.ts):
-- one row per hashed key, its window starting at the key's first attempt (as Strapi's in-memory
-- limiter counts), so that no clock boundary gives an attacker a second allowance at once.
CREATE TABLE IF NOT EXISTS rate_limit_counters (
  key text PRIMARY KEY,
  attempts integer NOT NULL CHECK (attempts >= 0),
  window_ends_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS rate_limit_counters_window_ends_at ON rate_limit_counters (window_ends_at);
