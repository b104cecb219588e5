/**
 * Counters of attempts per key in fixed windows, kept in PostgreSQL so that every server process
 * sharing the database counts the same attempts. Counts are written on the pool, outside any
 * business transaction (callers inside one queue them for after the request), so a count
 * survives the rollback of the attempt it counts.
 */
import type { Core } from '@strapi/strapi';
import { ambientConnection } from './transaction';

const TABLE = 'attempt_counters';
/** Windows older than this are deleted now and then; no limit here spans more than a day. */
const KEEP_MS = 24 * 60 * 60_000;
const PURGE_EVERY_MS = 10 * 60_000;

export interface AttemptWindow {
  key: string;
  /** Start of the window, ms since the epoch. */
  start: number;
  count: number;
  /** Seconds until the window closes. */
  retryAfterSeconds: number;
}

let lastPurge = 0;

function windowOf(key: string, windowMs: number, count: number): AttemptWindow {
  const now = Date.now();
  const start = Math.floor(now / windowMs) * windowMs;
  return { key, start, count, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - now) / 1000)) };
}

async function purgeOldWindows(strapi: Core.Strapi): Promise<void> {
  if (Date.now() - lastPurge < PURGE_EVERY_MS) return;
  lastPurge = Date.now();
  await strapi.db.connection.raw(`DELETE FROM ${TABLE} WHERE window_start < ?`, [new Date(Date.now() - KEEP_MS)]);
}

/** Adds `by` attempts to the key's current window, atomically; returns the window with the new count. */
export async function addAttempts(strapi: Core.Strapi, key: string, windowMs: number, by = 1): Promise<AttemptWindow> {
  const window = windowOf(key, windowMs, 0);
  const result = (await strapi.db.connection.raw(
    `INSERT INTO ${TABLE} (key, window_start, attempts) VALUES (?, ?, ?)
     ON CONFLICT (key, window_start) DO UPDATE SET attempts = ${TABLE}.attempts + EXCLUDED.attempts
     RETURNING attempts`,
    [key, new Date(window.start), by],
  )) as { rows: Array<{ attempts: number }> };
  await purgeOldWindows(strapi);
  return { ...window, count: result.rows[0].attempts };
}

/** The key's current window without counting. */
export async function readAttempts(strapi: Core.Strapi, key: string, windowMs: number): Promise<AttemptWindow> {
  const window = windowOf(key, windowMs, 0);
  // A read may join the caller's transaction: it needs no second pooled connection.
  const result = (await (await ambientConnection(strapi)).raw(`SELECT attempts FROM ${TABLE} WHERE key = ? AND window_start = ?`, [key, new Date(window.start)])) as {
    rows: Array<{ attempts: number }>;
  };
  return { ...window, count: result.rows[0]?.attempts ?? 0 };
}

/** Takes back one attempt of a window `addAttempts` returned (a login that succeeded). */
export async function refundAttempt(strapi: Core.Strapi, window: AttemptWindow): Promise<void> {
  await strapi.db.connection.raw(`UPDATE ${TABLE} SET attempts = GREATEST(attempts - 1, 0) WHERE key = ? AND window_start = ?`, [
    window.key,
    new Date(window.start),
  ]);
}
