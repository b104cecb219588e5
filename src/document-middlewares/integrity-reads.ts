/**
 * A staff member's read of integrity data is sensitive (第十九条: administrators may not disclose
 * it): every record read through the Document Service (Content Manager, REST, GraphQL) by anyone
 * but the student it belongs to leaves an audit line per record read. The summary, the timeline and
 * the batch check write their own lines (src/services/integrity).
 */
import { recordAudit } from '../services/audit/record';
import { SENSITIVE_INTEGRITY_TYPES } from '../services/integrity/uids';
import { currentActor, type Actor } from '../services/scope/actor';
import type { DocumentMiddlewareFactory } from './types';

const READS = new Set(['findOne', 'findFirst', 'findMany']);

/** Staff and tokens reading another person's data; not the system, not the student themselves. */
export function readsAnothersIntegrity(actor: Actor): boolean {
  return actor.kind !== 'system' && actor.kind !== 'public' && actor.scope.kind !== 'self';
}

export const integrityReads: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  if (!READS.has(context.action) || !SENSITIVE_INTEGRITY_TYPES.includes(context.uid)) return next();
  const result = await next();
  const actor = await currentActor(strapi);
  if (!readsAnothersIntegrity(actor)) return result;
  const documents = (Array.isArray(result) ? result : result ? [result] : []) as Array<{ documentId?: string }>;
  const ids = [...new Set(documents.map((document) => document.documentId).filter((id): id is string => typeof id === 'string'))];
  await recordAudit(strapi, ids.map((documentId) => ({ action: 'read' as const, targetType: context.uid, targetDocumentId: documentId })), actor);
  return result;
};
