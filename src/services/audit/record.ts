/**
 * Writing the audit log (domain.md 8): one row per business action, naming who acted, through
 * which channel, on which record, and which fields (names only: a value, least of all personal
 * data in clear, never reaches the table). Rows join the caller's transaction when there is one.
 */
import type { Core } from '@strapi/strapi';
import { currentActor, type Actor } from '../scope/actor';
import { withoutScope } from '../scope/context';
import { insertAuditRows } from './bulk-insert';
import { now as clockNow } from '../clock';

export const AUDIT_LOG = 'api::audit-log.audit-log';

/** The actions the log knows; the document actions come from the Document Service. */
export const AUDIT_ACTIONS = [
  'create', 'update', 'delete', 'publish', 'unpublish', 'clone', 'reveal',
  // An exact search on personal data: the field searched, never the value.
  'search',
  // Workflow actions (src/domain/status-change.ts).
  'submit', 'approve', 'reject', 'return', 'resubmit', 'withdraw',
  // An admission told that its national ID is already on record (src/services/identity-match.ts).
  'identity-match',
  // Supporting documents added to a request (src/api/status-change/services/documents.ts).
  'attach-documents',
  // An Excel export showing personal data in clear: one line per export (src/services/excel).
  'export',
  // The integrity archive (src/services/integrity): a record confirmed or acknowledged; a staff
  // member's read of another person's integrity data; a batch check for an evaluation.
  'confirm', 'acknowledge', 'read', 'check', 'sign', 'review',
  // Semester registration (src/api/registration): a semester opened, a window closed, a missed one reopened; a fee import.
  'open-registration', 'close-window', 'reopen', 'import',
  // The student archive (src/services/archive/custody.ts): the archive office receives an archive from its department.
  'move-custody',
  // The archive's transfers (src/services/archive/transfers.ts): each step, and the receipt follow-up.
  'transfer-apply', 'transfer-check', 'transfer-send', 'transfer-receipt', 'transfer-cancel', 'transfer-follow-up',
  // The class roster check (src/services/roster): produced, a line confirmed or reported, an error resolved, the two checks.
  'produce-roster', 'confirm-line', 'report-error', 'resolve-error', 'head-teacher-check', 'registry-check',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Longest text kept in the log's string columns (varchar(255)). */
const MAX_LABEL_LENGTH = 255;

export interface AuditEntry {
  action: AuditAction;
  /** Content type uid of the record acted on. */
  targetType: string;
  targetDocumentId?: string | null;
  /** Field names only. */
  fields?: readonly string[];
  /** Why, for reveals. */
  reason?: string | null;
}

function clip(text: string | null): string | null {
  return text === null ? null : text.slice(0, MAX_LABEL_LENGTH);
}

/** The stored row of one entry by one actor. */
export function auditRow(actor: Actor, entry: AuditEntry, occurredAt: Date): Record<string, unknown> {
  return {
    action: entry.action,
    actorType: actor.kind,
    actorId: actor.id,
    actorLabel: clip(actor.label),
    actorRoles: clip(actor.roles.join(',')),
    channel: actor.channel,
    ip: actor.ip,
    targetType: entry.targetType,
    targetDocumentId: entry.targetDocumentId ?? null,
    fields: [...new Set(entry.fields ?? [])],
    reason: entry.reason ?? null,
    occurredAt,
    // What the Document Service stores for a type without draft and publish.
    publishedAt: occurredAt,
  };
}

/**
 * Appends rows for `actor` (by default the current request's, or the system outside requests).
 * Pass the actor when calling from inside `withoutScope`, where the current actor is the system.
 */
export async function recordAudit(strapi: Core.Strapi, entries: AuditEntry | readonly AuditEntry[], actor?: Actor): Promise<void> {
  const list: readonly AuditEntry[] = Array.isArray(entries) ? entries : [entries as AuditEntry];
  if (list.length === 0) return;
  const who = actor ?? (await currentActor(strapi));
  const occurredAt = clockNow();
  const rows = list.map((entry) => auditRow(who, entry, occurredAt));
  if (rows.length > 1) return insertAuditRows(strapi, AUDIT_LOG, rows);
  await withoutScope(() => strapi.db.query(AUDIT_LOG as never).create({ data: rows[0] }));
}
