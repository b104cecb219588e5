/**
 * At most REVEALS_PER_WINDOW reveals per person per window, counted from the audit log so that
 * every server process sharing the database counts the same rows. A transaction-scoped advisory
 * lock per person makes two concurrent reveals by one person take turns, so both cannot pass.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { AUDIT_LOG } from '../audit/record';
import type { Actor } from '../scope/actor';
import { withoutScope } from '../scope/context';
import { REVEAL_WINDOW_MINUTES, REVEALS_PER_WINDOW } from './constants';

const WINDOW_MS = REVEAL_WINDOW_MINUTES * 60_000;

/** Takes the person's reveal lock for the rest of `trx`; throws a 429 when their window is full. */
export async function assertRevealAllowed(strapi: Core.Strapi, trx: Knex.Transaction, actor: Actor): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?), ?)', [`reveal:${actor.kind}`, actor.id ?? 0]);
  const since = new Date(Date.now() - WINDOW_MS);
  const recent = (await withoutScope(() =>
    strapi.db.query(AUDIT_LOG as never).findMany({
      where: { action: 'reveal', actorType: actor.kind, actorId: actor.id, occurredAt: { $gt: since } },
      select: ['occurredAt'],
      orderBy: { occurredAt: 'desc' },
      limit: REVEALS_PER_WINDOW,
    }),
  )) as Array<{ occurredAt: string | Date }>;
  if (recent.length < REVEALS_PER_WINDOW) return;
  const oldest = new Date(recent[recent.length - 1].occurredAt).getTime();
  const retryAfterSeconds = Math.max(1, Math.ceil((oldest + WINDOW_MS - Date.now()) / 1000));
  throw new errors.RateLimitError(
    `${REVEAL_WINDOW_MINUTES} 分钟内最多查看 ${REVEALS_PER_WINDOW} 次完整个人信息，请稍后再试 (at most ${REVEALS_PER_WINDOW} reveals per ${REVEAL_WINDOW_MINUTES} minutes)`,
    { limit: REVEALS_PER_WINDOW, windowMinutes: REVEAL_WINDOW_MINUTES, retryAfterSeconds },
  );
}
