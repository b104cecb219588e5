/**
 * `Idempotency-Key` on bulk admission and the workflow actions (REST and the admin's panel), after
 * the IETF draft "The Idempotency-Key HTTP Header Field": a client that lost the answer to a
 * request sends it again with the same key and gets the first answer, instead of the action twice
 * or a refusal it cannot read.
 *
 * - The key's row is inserted in the same transaction as the action (nested transactions join the
 *   outer one), and the answer written into it before the commit: both are on record or neither.
 * - A second request with the key while the first is running waits on the row's primary key, then
 *   gets the first answer; if the first failed (rolled back), it runs.
 * - The same key with another body or on another route: 422, nothing done.
 * - Keys belong to the caller (the login or the API token), so a guessed key never shows another
 *   caller's answer; they are kept for `KEEP_MS`.
 * - Only answers that changed something are kept: a refused request (4xx) rolled back with its key,
 *   and may be sent again, corrected or not, with the same key.
 */
import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import createError from 'http-errors';
import { fieldError } from './field-error';

const TABLE = 'idempotency_keys';
const PRIMARY_KEY = 'idempotency_keys_pkey';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** A day: longer than any client's retries, short enough that the table stays small. */
export const KEEP_MS = 24 * 60 * 60_000;
/** Visible ASCII, as the draft's sf-string allows, up to 255 characters (a UUID is 36). */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface IdempotentContext {
  method: string;
  path: string;
  status: number;
  body: unknown;
  request: { body?: unknown };
  state: { auth?: { strategy?: { name?: string }; credentials?: { id?: unknown } | null } };
  get(field: string): string;
  set(field: string, value: string): void;
}

interface StoredAnswer {
  fingerprint: string;
  status: number | null;
  body: unknown;
}

/** The key the client sent, or null; a malformed one is a 400 naming the header. */
function readKey(ctx: IdempotentContext): string | null {
  const raw = ctx.get(IDEMPOTENCY_HEADER);
  if (raw === '') return null;
  // A structured-field string may come quoted ("abc"), as the draft writes it.
  const key = /^".*"$/.test(raw) ? raw.slice(1, -1) : raw;
  if (!KEY_PATTERN.test(key)) {
    throw fieldError(IDEMPOTENCY_HEADER, `${IDEMPOTENCY_HEADER} 应为 1 至 255 个可见 ASCII 字符 (the key must be 1 to 255 visible ASCII characters)`);
  }
  return key;
}

/** Who the key belongs to: the authentication strategy and the login or token behind it. */
function ownerOf(ctx: IdempotentContext): string {
  const auth = ctx.state.auth;
  return `${auth?.strategy?.name ?? 'public'}:${String(auth?.credentials?.id ?? '')}`;
}

/** JSON with object keys in order, so that the same body written another way is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function fingerprintOf(ctx: IdempotentContext): string {
  return createHash('sha256').update(`${ctx.method} ${ctx.path}\n${canonical(ctx.request.body)}`).digest('hex');
}

async function findAnswer(strapi: Core.Strapi, owner: string, key: string, now: Date): Promise<StoredAnswer | null> {
  const { rows } = (await strapi.db.connection.raw(`SELECT fingerprint, status, body FROM ${TABLE} WHERE owner = ? AND key = ? AND created_at > ?`, [
    owner,
    key,
    new Date(now.getTime() - KEEP_MS),
  ])) as { rows: StoredAnswer[] };
  return rows[0] ?? null;
}

function replay(ctx: IdempotentContext, stored: StoredAnswer, fingerprint: string): void {
  if (stored.fingerprint !== fingerprint) {
    throw createError(422, `此 ${IDEMPOTENCY_HEADER} 已用于另一个请求 (this key was used for a different request)`, { name: 'UnprocessableEntityError' });
  }
  ctx.status = stored.status ?? 200;
  // Strapi's PostgreSQL dialect leaves jsonb as text.
  ctx.body = typeof stored.body === 'string' ? JSON.parse(stored.body) : stored.body;
  ctx.set('Idempotent-Replayed', 'true');
}

/**
 * Runs `action` (which sets ctx.status and ctx.body) once per key; without the header, just runs
 * it. The action's own `strapi.db.transaction` joins the one opened here.
 */
export async function idempotent(strapi: Core.Strapi, ctx: IdempotentContext, action: () => Promise<void>): Promise<void> {
  const key = readKey(ctx);
  if (key === null) return action();
  const owner = ownerOf(ctx);
  const fingerprint = fingerprintOf(ctx);
  const now = new Date();
  const stored = await findAnswer(strapi, owner, key, now);
  if (stored) return replay(ctx, stored, fingerprint);
  try {
    await strapi.db.transaction(async ({ trx }) => {
      // An expired row frees its key; the insert waits here while a twin request holds the key.
      await trx.raw(`DELETE FROM ${TABLE} WHERE owner = ? AND key = ? AND created_at <= ?`, [owner, key, new Date(now.getTime() - KEEP_MS)]);
      await trx.raw(`INSERT INTO ${TABLE} (owner, key, fingerprint, created_at) VALUES (?, ?, ?, ?)`, [owner, key, fingerprint, now]);
      await action();
      await trx.raw(`UPDATE ${TABLE} SET status = ?, body = ?::jsonb WHERE owner = ? AND key = ?`, [ctx.status, JSON.stringify(ctx.body ?? null), owner, key]);
    });
  } catch (error) {
    if ((error as { constraint?: string }).constraint !== PRIMARY_KEY) throw error;
    // The twin committed first: its answer is this request's answer.
    const first = await findAnswer(strapi, owner, key, now);
    if (!first) throw error;
    return replay(ctx, first, fingerprint);
  }
  await purgeExpiredKeys(strapi, now);
}

const PURGE_EVERY_MS = 10 * 60_000;
let lastPurge = 0;

/** Deletes expired keys, at most every ten minutes per process. */
async function purgeExpiredKeys(strapi: Core.Strapi, now: Date): Promise<void> {
  if (now.getTime() - lastPurge < PURGE_EVERY_MS) return;
  lastPurge = now.getTime();
  await strapi.db.connection.raw(`DELETE FROM ${TABLE} WHERE created_at <= ?`, [new Date(now.getTime() - KEEP_MS)]);
}
