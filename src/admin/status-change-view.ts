/**
 * What the status-change panel shows beyond any request's (approval-view.ts): the request's own
 * facts, what the notification says once an action is done, and a student's status history in
 * words. Pure, so it is tested alone.
 */
import { ACTION_LABELS, label, type ApprovalTimelineView, type WorkflowAction } from './approval-view';

export * from './approval-view';

export interface TimelineHistory {
  workflow: string;
  fromStatus: string | null;
  toStatus: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  occurredAt: string;
}

export interface Timeline extends ApprovalTimelineView {
  type: string;
  tier: string | null;
  tierReasons: string | null;
  student: { documentId: string; name: string; studentNumber: string | null; status: string } | null;
  department: { documentId: string; name: string } | null;
  history: TimelineHistory[];
  /** Supporting documents (a proof, a certificate), and whether the user may add some now. */
  documents: TimelineDocument[];
  canAttachDocuments: boolean;
}

export interface TimelineDocument {
  id: number;
  name: string;
  mime: string;
  /** KB */
  size: number;
}

/** What the notification says once an action is done, by the state the request is in now. */
export function doneMessage(action: WorkflowAction, state: string): string {
  if (action === 'approve' && state === 'approved') return '已同意，申请已批准，学籍变动已生效';
  return ACTION_LABELS[action].done;
}

/** The student fields a status-history snapshot keeps, by their Chinese names. */
const SNAPSHOT_FIELDS: Array<[string, string]> = [
  ['status', '学籍状态'],
  ['studentNumber', '学号'],
  ['department', '系部'],
  ['major', '专业'],
  ['schoolClass', '班级'],
  ['suspensionStart', '休学开始日期'],
  ['suspensionEnd', '休学结束日期'],
];

function snapshotValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '无';
  if (typeof value === 'object' && 'name' in (value as object)) return String((value as { name: unknown }).name);
  if (field === 'status' && typeof value === 'string') return label(value);
  return String(value);
}

/** What a status change did to the student, one line per changed field: `学籍状态：在籍 → 休学`. */
export function describeChange(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!after) return [];
  return SNAPSHOT_FIELDS.flatMap(([field, name]) => {
    const from = snapshotValue(field, before?.[field]);
    const to = snapshotValue(field, after[field]);
    if (before && from === to) return [];
    return [before ? `${name}：${from} → ${to}` : `${name}：${to}`];
  });
}
