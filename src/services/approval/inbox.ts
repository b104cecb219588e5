/**
 * What waits for the caller, across every subject on the engine: the submitted requests whose
 * current step is theirs to decide and which they have not decided yet in this round, with the
 * step's due date and whether it has passed on the school's calendar.
 *
 * "Theirs" is `isMemberOf` (src/domain/approval.ts) spelled in SQL over each subject's rows: a
 * department step of their department, an office step of their office, an `offices` step listing
 * one of their offices, a `source-office` step whose request came from their office, and a
 * `student` step of a request about them. Nobody but the student sees their own request here.
 */
import type { Core } from '@strapi/strapi';
import type { InboxItem } from '../../domain/inbox';
import { today } from '../clock';
import { currentActor, type Actor } from '../scope/actor';
import { ambientConnection } from '../transaction';
import { approvalActor } from './deciders';
import { approvalSubjects } from './registry';
import type { ApprovalSubject } from './engine';

interface Row {
  document_id: string;
  current_step: number;
  step: { unit: string; label?: string } | string | null;
  due: string | null;
  submitted_at: Date | string | null;
  type: string | null;
  student: string | null;
  department: string | null;
}

const WAITING_FOR = `
  SELECT r.*, r.steps -> (r.current_step - 1) AS step FROM ({{rows}}) r
   WHERE r.current_step IS NOT NULL
     AND (CASE r.steps -> (r.current_step - 1) ->> 'unit'
            WHEN 'student' THEN r.student_user_id = ?
            WHEN 'department' THEN r.department_id = ANY(?::int[])
            WHEN 'source-office' THEN r.source_office = ANY(?::text[])
            WHEN 'offices' THEN jsonb_exists_any(r.steps -> (r.current_step - 1) -> 'offices', ?::text[])
            ELSE r.steps -> (r.current_step - 1) ->> 'unit' = ANY(?::text[])
          END)
     AND (r.steps -> (r.current_step - 1) ->> 'unit' = 'student' OR ?::int IS NULL OR r.student_user_id IS DISTINCT FROM ?)
     AND NOT EXISTS (SELECT 1 FROM approval_decisions ad
                      WHERE ad.subject = ? AND ad.subject_document_id = r.document_id
                        AND ad.round = r.round AND lower(ad.decided_by) = ?)
     AND {{scope}}`;

/** The rows the caller's scope reaches, as the subject's scoped reads see them (src/domain/scope.ts). */
function scopeClause(scope: Actor['scope']): { sql: string; bindings: unknown[] } {
  switch (scope.kind) {
    case 'all':
      return { sql: 'TRUE', bindings: [] };
    case 'departments':
      return { sql: 'r.department_id = ANY(?::int[])', bindings: [scope.departmentIds] };
    case 'self':
      return { sql: 'r.student_user_id = ?', bindings: [scope.userId] };
    default:
      return { sql: 'FALSE', bindings: [] };
  }
}

interface WaitingQuery {
  subject: ApprovalSubject;
  sql: string;
  bindings: unknown[];
}

/** The caller's waiting rows of each subject, as one query per subject. */
async function waitingQueries(strapi: Core.Strapi): Promise<WaitingQuery[]> {
  const actor = await currentActor(strapi);
  // As the subject of their own requests: a login without memberships is then known as `student:<id>`
  // (approvalActor), the key its confirmation steps are decided by.
  const userId = actor.kind === 'user' ? actor.id : null;
  const decider = await approvalActor(strapi, actor, userId);
  const key = decider.key;
  if (key === null) return [];
  const departments = decider.memberships.filter((m) => m.unit === 'department' && m.departmentId !== null).map((m) => m.departmentId as number);
  const offices = decider.memberships.filter((m) => m.unit !== 'department').map((m) => m.unit);
  return approvalSubjects(strapi).map((subject) => {
    // A step of theirs on a request they cannot open would be a dead link (and would name its student): the scope applies.
    const scope = subject.inbox.scoped === false ? { sql: 'TRUE', bindings: [] } : scopeClause(actor.scope);
    const sql = WAITING_FOR.replace('{{scope}}', () => scope.sql).replace('{{rows}}', () => subject.inbox.sql);
    return { subject, sql, bindings: [userId, departments, offices, offices, offices, userId, userId, subject.name, key, ...scope.bindings] };
  });
}

export async function approvalInbox(strapi: Core.Strapi): Promise<InboxItem[]> {
  const queries = await waitingQueries(strapi);
  const db = await ambientConnection(strapi);
  const date = today();
  const items: InboxItem[] = [];
  for (const { subject, sql, bindings } of queries) {
    const { rows } = (await db.raw(sql, bindings)) as { rows: Row[] };
    items.push(...rows.map((row) => toItem(subject, row, date)));
  }
  return items.sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));
}

/** How many wait and how many of them are overdue, without the rows (the menu's badge asks every minute). */
export async function approvalInboxCount(strapi: Core.Strapi): Promise<{ total: number; overdue: number }> {
  const queries = await waitingQueries(strapi);
  const db = await ambientConnection(strapi);
  const date = today();
  const counts = { total: 0, overdue: 0 };
  for (const { sql, bindings } of queries) {
    const { rows } = (await db.raw(`SELECT count(*)::int AS total, count(*) FILTER (WHERE w.due < ?)::int AS overdue FROM (${sql}) w`, [date, ...bindings])) as {
      rows: Array<{ total: number; overdue: number }>;
    };
    counts.total += rows[0].total;
    counts.overdue += rows[0].overdue;
  }
  return counts;
}

function toItem(subject: ApprovalSubject, row: Row, date: string): InboxItem {
  const step = typeof row.step === 'string' ? (JSON.parse(row.step) as { unit: string; label?: string }) : row.step;
  return {
    subject: subject.name,
    subjectLabel: subject.label,
    uid: subject.uid,
    documentId: row.document_id,
    type: row.type,
    student: row.student,
    department: row.department,
    step: row.current_step,
    stepLabel: step?.label ?? null,
    unit: step?.unit ?? '',
    due: row.due,
    overdue: row.due !== null && row.due < date,
    submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
  };
}
