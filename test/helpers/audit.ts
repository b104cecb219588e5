/** Reading the audit log as stored, for tests of what it records and what it never holds. */
import type { TestApp } from './strapi';

/** The audit rows of one record (of one action, if given), oldest first, `fields` parsed. */
export async function auditRows(app: TestApp, targetDocumentId: string, action?: string): Promise<Array<Record<string, any>>> {
  const { rows } = action
    ? await app.strapi.db.connection.raw('SELECT * FROM audit_logs WHERE action = ? AND target_document_id = ? ORDER BY id', [action, targetDocumentId])
    : await app.strapi.db.connection.raw('SELECT * FROM audit_logs WHERE target_document_id = ? ORDER BY id', [targetDocumentId]);
  return (rows as Array<Record<string, any>>).map((row) => ({ ...row, fields: typeof row.fields === 'string' ? JSON.parse(row.fields) : row.fields }));
}

/** Every column of every audit row, as one text, for looking for clear values. */
export async function wholeAuditTable(app: TestApp): Promise<string> {
  const { rows } = await app.strapi.db.connection.raw('SELECT * FROM audit_logs');
  return JSON.stringify(rows);
}
