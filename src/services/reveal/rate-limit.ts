/**
 * At most REVEALS_PER_WINDOW reveals and exact searches per person per window (an API token:
 * TOKEN_SEARCHES_PER_WINDOW searches), counted from the audit log so that every server process
 * sharing the database counts the same rows. A transaction-scoped advisory lock per actor makes
 * two concurrent reveals or searches by one actor take turns, so both cannot pass.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { AUDIT_LOG } from '../audit/record';
import type { Actor } from '../scope/actor';
import { withoutScope } from '../scope/context';
import { REVEAL_LIKE_ACTIONS, REVEAL_WINDOW_MINUTES, REVEALS_PER_WINDOW, TOKEN_SEARCHES_PER_WINDOW } from './constants';

const WINDOW_MS = REVEAL_WINDOW_MINUTES * 60_000;

/** The acts counted for an actor, and how many fit in one window. */
function windowOf(actor: Actor): { actions: readonly string[]; limit: number } {
  return actor.kind === 'api-token' ? { actions: ['search'], limit: TOKEN_SEARCHES_PER_WINDOW } : { actions: REVEAL_LIKE_ACTIONS, limit: REVEALS_PER_WINDOW };
}

/**
 * Takes the actor's reveal lock for the rest of `trx`; throws a 429 when their window of reveals
 * and exact searches is full.
 */
export async function assertRevealAllowed(strapi: Core.Strapi, trx: Knex.Transaction, actor: Actor): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?), ?)', [`reveal:${actor.kind}`, actor.id ?? 0]);
  const { actions, limit } = windowOf(actor);
  const since = new Date(Date.now() - WINDOW_MS);
  const recent = (await withoutScope(() =>
    strapi.db.query(AUDIT_LOG as never).findMany({
      where: { action: { $in: actions }, actorType: actor.kind, actorId: actor.id, occurredAt: { $gt: since } },
      select: ['occurredAt'],
      orderBy: { occurredAt: 'desc' },
      limit,
    }),
  )) as Array<{ occurredAt: string | Date }>;
  if (recent.length < limit) return;
  const oldest = new Date(recent[recent.length - 1].occurredAt).getTime();
  const retryAfterSeconds = Math.max(1, Math.ceil((oldest + WINDOW_MS - Date.now()) / 1000));
  throw new errors.RateLimitError(
    `${REVEAL_WINDOW_MINUTES} 分钟内最多查看完整个人信息或精确查找 ${limit} 次，请稍后再试 (at most ${limit} reveals and exact searches per ${REVEAL_WINDOW_MINUTES} minutes)`,
    { limit, windowMinutes: REVEAL_WINDOW_MINUTES, retryAfterSeconds },
  );
}
