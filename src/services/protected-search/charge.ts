/**
 * Counting exact searches on personal data: each one counts against the searcher's window of
 * reveal-like acts (src/services/reveal/rate-limit.ts) and leaves an audit line naming the field,
 * never the value. One request may hold one search: a REST list's query and its count, or the
 * same value asked again, count once; a second value in the same request is refused.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { recordAudit } from '../audit/record';
import { fieldError } from '../field-error';
import { assertRevealAllowed } from '../reveal/rate-limit';
import type { Actor } from '../scope/actor';

const STATE_KEY = 'studentRecordsExactSearch';
const ONE_SEARCH_MESSAGE = '一次请求只能按一个值精确查找个人信息 (one exact search on personal data per request)';

interface RequestContext {
  state?: Record<string, unknown>;
  set?(field: string, value: string): void;
}

interface Charged {
  key: string;
  done: Promise<void>;
}

async function charge(strapi: Core.Strapi, actor: Actor, targetType: string, field: string): Promise<void> {
  await strapi.db.transaction(async ({ trx }) => {
    await assertRevealAllowed(strapi, trx, actor);
    await recordAudit(strapi, { action: 'search', targetType, fields: [field] }, actor);
  });
}

/** Counts the search `key` (field and blind index) once per request; 400 for a second one, 429 over the limit. */
export async function chargeExactSearch(strapi: Core.Strapi, actor: Actor, search: { targetType: string; field: string; key: string }): Promise<void> {
  const ctx = strapi.requestContext.get() as RequestContext | undefined;
  const state = ctx?.state ?? {};
  const earlier = state[STATE_KEY] as Charged | undefined;
  if (earlier && earlier.key !== search.key) throw fieldError(search.field, ONE_SEARCH_MESSAGE);
  // Kept before the first await, so that parallel GraphQL resolvers of one request see it.
  const current = earlier ?? { key: search.key, done: charge(strapi, actor, search.targetType, search.field) };
  state[STATE_KEY] = current;
  try {
    await current.done;
  } catch (error) {
    if (error instanceof errors.RateLimitError) {
      ctx?.set?.('Retry-After', String((error.details as { retryAfterSeconds?: number }).retryAfterSeconds ?? 60));
      // Apollo answers a GraphQL request with the HTTP status its error asks for (REST ignores it).
      Object.assign(error, { extensions: { http: { status: 429 } } });
    }
    throw error;
  }
}
