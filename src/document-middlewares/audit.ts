/**
 * The audit trail: every successful write to one of our content types leaves one row in the
 * audit log, in the same transaction as the write, naming the actor (the system outside
 * requests), the record and the fields changed, by name only. The audit log itself is written
 * by the system alone: no request may create, edit or delete its rows (403, before the
 * database's append-only trigger would refuse them).
 */
import { errors } from '@strapi/utils';
import { changedFields, sentFields, storedDocument } from '../services/audit/changed-fields';
import { AUDIT_LOG, recordAudit, type AuditAction, type AuditEntry } from '../services/audit/record';
import { currentActor } from '../services/scope/actor';
import type { DocumentContext, DocumentMiddlewareFactory } from './types';
import { Forbidden } from '../services/forbidden';

type Strapi = Parameters<DocumentMiddlewareFactory>[0];
type Result = { documentId?: string; entries?: unknown[] } | null | undefined;

const AUDITED: ReadonlySet<string> = new Set<AuditAction>(['create', 'update', 'delete', 'publish', 'unpublish', 'clone']);
const AUDIT_LOG_WRITES = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);

/** The document a successful write acted on, or null when it acted on none (nothing to log). */
function targetOf(context: DocumentContext, result: Result): string | null {
  if (!result) return null;
  if (Array.isArray(result.entries) && result.entries.length === 0) return null;
  return result.documentId ?? context.params.documentId ?? null;
}

/** Runs the write and describes it; the entry is null when the write acted on nothing. */
async function auditedWrite(strapi: Strapi, context: DocumentContext, next: () => Promise<unknown>): Promise<{ result: Result; entry: AuditEntry | null }> {
  const { uid, action } = context;
  const sent = action === 'create' || action === 'update' || action === 'clone' ? sentFields(strapi, uid, context.params.data) : [];
  const before = action === 'update' ? await storedDocument(strapi, uid, context.params.documentId, sent) : null;
  const result = (await next()) as Result;
  const documentId = targetOf(context, result);
  if (!documentId) return { result, entry: null };
  const after = action === 'create' || action === 'update' ? await storedDocument(strapi, uid, documentId, sent) : null;
  const fields = action === 'clone' ? sent : changedFields(strapi, uid, sent, before, after);
  return { result, entry: { action: action as AuditAction, targetType: uid, targetDocumentId: documentId, fields } };
}

export const auditTrail: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  if (context.uid === AUDIT_LOG && AUDIT_LOG_WRITES.has(context.action)) {
    throw new Forbidden('审计日志只能由系统追加，不能新增、修改或删除 (the audit log is append-only and written by the system)');
  }
  if (!context.uid.startsWith('api::') || !AUDITED.has(context.action)) return next();
  const actor = await currentActor(strapi);
  return strapi.db.transaction(async () => {
    const { result, entry } = await auditedWrite(strapi, context, next);
    if (entry) await recordAudit(strapi, entry, actor);
    return result;
  });
};
