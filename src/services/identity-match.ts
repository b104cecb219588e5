/**
 * "This national ID is already on record" is told to whoever admits a student: the school must
 * not register one person twice, and the admitting person holds the applicant's ID card. The
 * answer names neither the student nor the department; every match leaves an audit line (with
 * the record matched, for the auditor only) and counts against the person's limit, so that a
 * list of ID numbers cannot be checked against the whole school.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { afterRequest } from './after-request';
import { addAttempts, readAttempts } from './attempt-counter';
import { recordAuditDetached } from './audit/detached';
import type { Actor } from './scope/actor';

export const IDENTITY_MATCHES_PER_WINDOW = 20;
export const IDENTITY_MATCH_WINDOW_HOURS = 24;
const WINDOW_MS = IDENTITY_MATCH_WINDOW_HOURS * 60 * 60_000;
const STUDENT = 'api::student.student';

/** People are limited; the system (seed, workflow effects) and API tokens of trusted systems are not. */
function limitKey(actor: Actor): string | null {
  return (actor.kind === 'admin' || actor.kind === 'user') && actor.id !== null ? `identity-match:${actor.kind}:${actor.id}` : null;
}

function tooManyMatches(retryAfterSeconds: number): errors.RateLimitError {
  return new errors.RateLimitError(
    `${IDENTITY_MATCH_WINDOW_HOURS} 小时内与已有学籍重复的身份证号码过多，请稍后再试或联系教务处 (too many national IDs already on record; at most ${IDENTITY_MATCHES_PER_WINDOW} per ${IDENTITY_MATCH_WINDOW_HOURS} hours)`,
    { limit: IDENTITY_MATCHES_PER_WINDOW, windowHours: IDENTITY_MATCH_WINDOW_HOURS, retryAfterSeconds },
  );
}

/** Before any national ID is checked: a person whose matches are used up gets no answer at all. */
export async function assertIdentityChecksAllowed(strapi: Core.Strapi, actor: Actor): Promise<void> {
  const key = limitKey(actor);
  if (!key) return;
  const window = await readAttempts(strapi, key, WINDOW_MS);
  if (window.count >= IDENTITY_MATCHES_PER_WINDOW) throw tooManyMatches(window.retryAfterSeconds);
}

/** Records matches found for `actor`; throws a 429 instead of answering when they pass the limit. */
export async function recordIdentityMatches(strapi: Core.Strapi, actor: Actor, matchedDocumentIds: readonly string[]): Promise<void> {
  if (actor.kind === 'system' || matchedDocumentIds.length === 0) return;
  await recordAuditDetached(
    strapi,
    matchedDocumentIds.map((documentId) => ({ action: 'identity-match', targetType: STUDENT, targetDocumentId: documentId, fields: ['nationalId'] })),
    actor,
  );
  const key = limitKey(actor);
  if (!key) return;
  // Read now (inside the admission's transaction), counted after the request: the count must
  // survive the rollback, and a second pooled connection meanwhile could deadlock the pool.
  const window = await readAttempts(strapi, key, WINDOW_MS);
  await afterRequest(strapi, () => addAttempts(strapi, key, WINDOW_MS, matchedDocumentIds.length));
  if (window.count + matchedDocumentIds.length > IDENTITY_MATCHES_PER_WINDOW) throw tooManyMatches(window.retryAfterSeconds);
}
