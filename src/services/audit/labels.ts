/**
 * The audit list's and entry panel's words for a page of audit rows: who acted (a name, not an
 * email) and on what (姓名（学号）, a class's name, 张三 休学), resolved at read time in one call
 * per page. Targets are read inside the caller's request, so the department scope applies: a
 * record the caller may not see is named by its type only, exactly as a deleted one.
 */
import type { Core } from '@strapi/strapi';
import { impersonalActorLabel, NAME_FIELDS, recordLabel, typeLabel } from '../../domain/audit-labels';
import { fieldError } from '../field-error';
import { adminUserNames, contentUserNames } from '../people/names';
import { AUDIT_LOG } from './record';

/** At most one list page (the Content Manager offers up to 100 rows). */
export const MAX_LABEL_ENTRIES = 100;
const DOCUMENT_ID = /^[A-Za-z0-9]{1,64}$/;

export interface EntryLabels {
  actor: string;
  target: string;
  /** Whether the target still exists and the caller may open it. */
  targetFound: boolean;
}

interface AuditRow {
  documentId: string;
  actorType: string;
  actorId: number | null;
  actorLabel: string | null;
  targetType: string | null;
  targetDocumentId: string | null;
}

/** The `entries` parameter: comma-separated audit row document ids, one list page at most. */
export function parseEntryIds(raw: unknown): string[] {
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((value) => (typeof value === 'string' ? value.split(',') : [value]));
  if (raw === undefined || raw === '' || parts.length === 0) throw fieldError('entries', '请指定要显示的审计日志条目 (entries is required)');
  if (parts.some((part) => typeof part !== 'string' || !DOCUMENT_ID.test(part))) throw fieldError('entries', '审计日志条目编号格式不正确 (entries must be document ids)');
  const ids = [...new Set(parts as string[])];
  if (ids.length > MAX_LABEL_ENTRIES) throw fieldError('entries', `一次最多 ${MAX_LABEL_ENTRIES} 条 (at most ${MAX_LABEL_ENTRIES} entries)`);
  return ids;
}

/** What each target type's read populates and selects to be named. */
function readOptions(uid: string): Record<string, unknown> {
  if (uid === 'api::student.student') return { select: ['documentId', 'name', 'studentNumber'] };
  if (uid === 'api::status-change.status-change') return { select: ['documentId', 'type', 'incomingName'], populate: { student: { select: ['name'] } } };
  return { select: ['documentId', ...(NAME_FIELDS[uid] ? [NAME_FIELDS[uid]] : [])] };
}

/** The labels of the targets of one type, by document id; only rows the caller's scope reaches. */
async function targetLabels(strapi: Core.Strapi, uid: string, documentIds: string[]): Promise<Map<string, string>> {
  if (!strapi.contentTypes[uid as never]) return new Map();
  const rows = (await strapi.db.query(uid as never).findMany({ where: { documentId: { $in: documentIds } }, ...readOptions(uid) })) as Array<Record<string, unknown>>;
  return new Map(rows.map((row) => [row.documentId as string, recordLabel(uid, row) ?? typeLabel(uid)]));
}

function groupTargets(rows: AuditRow[]): Map<string, string[]> {
  const byType = new Map<string, string[]>();
  for (const row of rows) {
    if (!row.targetType || !row.targetDocumentId) continue;
    byType.set(row.targetType, [...(byType.get(row.targetType) ?? []), row.targetDocumentId]);
  }
  return byType;
}

const idsOf = (rows: AuditRow[], kind: string) => [...new Set(rows.filter((r) => r.actorType === kind && r.actorId !== null).map((r) => r.actorId as number))];

/** Labels of the given audit rows, by the rows' document ids; unknown ids are left out. */
export async function auditLabels(strapi: Core.Strapi, entryIds: string[]): Promise<Record<string, EntryLabels>> {
  const rows = (await strapi.db.query(AUDIT_LOG as never).findMany({
    where: { documentId: { $in: entryIds } },
    select: ['documentId', 'actorType', 'actorId', 'actorLabel', 'targetType', 'targetDocumentId'],
  })) as AuditRow[];
  const targets = new Map<string, Map<string, string>>();
  for (const [uid, ids] of groupTargets(rows)) targets.set(uid, await targetLabels(strapi, uid, [...new Set(ids)]));
  const admins = await adminUserNames(strapi, idsOf(rows, 'admin'));
  const users = await contentUserNames(strapi, idsOf(rows, 'user'));
  const people: Record<string, Map<number, string>> = { admin: admins, user: users };
  return Object.fromEntries(
    rows.map((row) => {
      const found = row.targetType && row.targetDocumentId ? targets.get(row.targetType)?.get(row.targetDocumentId) : undefined;
      const person = row.actorId !== null ? people[row.actorType]?.get(row.actorId) : undefined;
      const actor = person ?? impersonalActorLabel(row.actorType, row.actorLabel) ?? row.actorLabel ?? '—';
      return [row.documentId, { actor, target: found ?? typeLabel(row.targetType), targetFound: found !== undefined }];
    }),
  );
}
