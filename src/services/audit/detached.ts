/**
 * Audit rows that must outlive the request's transaction: written after the request (on the
 * pool, once the transaction has let its connection go), so a refusal that rolls the business
 * work back (a 400 naming a national ID already on record) still leaves its line.
 */
import type { Core } from '@strapi/strapi';
import { afterRequest } from '../after-request';
import { newDocumentId } from '../../api/student/repositories/student-rows';
import type { Actor } from '../scope/actor';
import { AUDIT_LOG, auditRow, type AuditEntry } from './record';

export async function recordAuditDetached(strapi: Core.Strapi, entries: readonly AuditEntry[], actor: Actor): Promise<void> {
  if (entries.length === 0) return;
  const meta = strapi.db.metadata.get(AUDIT_LOG) as unknown as { tableName: string; attributes: Record<string, { columnName?: string }> };
  const column = (name: string) => meta.attributes[name]?.columnName ?? name;
  const occurredAt = new Date();
  const rows = entries.map((entry) => {
    const row: Record<string, unknown> = { ...auditRow(actor, entry, occurredAt), documentId: newDocumentId(), createdAt: occurredAt, updatedAt: occurredAt, locale: null };
    row.fields = JSON.stringify(row.fields);
    return Object.fromEntries(Object.entries(row).map(([name, value]) => [column(name), value]));
  });
  await afterRequest(strapi, () => strapi.db.connection(meta.tableName).insert(rows));
}
