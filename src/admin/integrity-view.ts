/**
 * What the integrity panels show (issue 15, "Admin"): a student's 诚信档案 (the summary, the records
 * by indicator, a record's versions) and an appeal's decision (修改 with the new content, or 撤销).
 * The server sends the words (labels of indicators, kinds, states); this module arranges them.
 * Pure, so it is tested alone.
 */
import type { ApprovalTimelineView, WorkflowAction } from './approval-view';

export const INTEGRITY_ARCHIVE = 'api::integrity-archive.integrity-archive';
export const INTEGRITY_RECORD = 'api::integrity-record.integrity-record';
export const INTEGRITY_APPEAL = 'api::integrity-appeal.integrity-appeal';
export const INTEGRITY_AMENDMENT = 'api::integrity-amendment.integrity-amendment';

/** The admin routes (src/services/integrity/admin-routes.ts). */
export const INTEGRITY_BASE = '/student-records/integrity';
export const APPROVALS_BASE = '/student-records/approvals';

/** The approval engine's subject of each request type, as the admin routes name it. */
export const REQUEST_SUBJECTS: Readonly<Record<string, 'integrity-appeal' | 'integrity-amendment'>> = {
  [INTEGRITY_APPEAL]: 'integrity-appeal',
  [INTEGRITY_AMENDMENT]: 'integrity-amendment',
};

export interface PanelRecord {
  documentId: string;
  title: string;
  indicator: string;
  indicatorLabel: string;
  kind: string;
  kindLabel: string;
  state: string;
  stateLabel: string;
  levelLabel: string;
  sourceOfficeLabel: string;
  occurredOn: string;
  version: number;
}

export interface IndicatorCount {
  indicator: string;
  label: string;
  good: number;
  standingBad: number;
  [key: string]: unknown;
}

export interface StudentIntegrity {
  archive: { documentId: string; state: string; closedAt: string | null; closedReason: string | null };
  student: { studentNumber: string; name: string };
  level: string;
  levelLabel: string;
  good: number;
  standingBad: number;
  openAppeals: number;
  byIndicator: IndicatorCount[];
  clear: boolean;
  reasons: string[];
  /** Null for a role that may read the summary but not the records. */
  records: PanelRecord[] | null;
  total: number | null;
}

export interface RecordVersion {
  version: number;
  eventLabel: string;
  stateLabel: string;
  content: Record<string, unknown> | null;
  reason: string | null;
  actor: string | null;
  at: string;
}

/** `GET /student-records/integrity/records/:documentId/evidence`: the files, and whether the caller may add some now. */
export interface RecordEvidence {
  documentId: string;
  files: Array<{ id: number; name: string; mime: string; size: number }>;
  canAttach: boolean;
}

export interface RecordTimeline {
  documentId: string;
  stateLabel: string;
  version: number;
  versions: RecordVersion[];
}

/** The records grouped under their indicator, in the order of 第九条 (the summary's order). */
export function recordsByIndicator(records: readonly PanelRecord[], indicators: readonly Pick<IndicatorCount, 'indicator' | 'label'>[]): Array<{ indicator: string; label: string; records: PanelRecord[] }> {
  const order = indicators.map((row) => row.indicator);
  const known = new Set(order);
  const extra = [...new Set(records.map((record) => record.indicator).filter((indicator) => !known.has(indicator)))];
  return [...order, ...extra]
    .map((indicator) => ({
      indicator,
      label: indicators.find((row) => row.indicator === indicator)?.label ?? records.find((record) => record.indicator === indicator)?.indicatorLabel ?? indicator,
      records: records.filter((record) => record.indicator === indicator),
    }))
    .filter((group) => group.records.length > 0);
}

/** One line under a record's title: `不良记录 · 已认定 · 2026-10-01`. */
export function recordLine(record: Pick<PanelRecord, 'kindLabel' | 'stateLabel' | 'occurredOn'>): string {
  return [record.kindLabel, record.stateLabel, record.occurredOn].filter(Boolean).join(' · ');
}

/** The indicators with anything counted: `经济诚信：不良 1` (all-zero ones are left out). */
export function indicatorCounts(rows: readonly IndicatorCount[]): string[] {
  return rows
    .filter((row) => row.good > 0 || row.standingBad > 0)
    .map((row) => `${row.label}：${[row.good > 0 ? `优良 ${row.good}` : null, row.standingBad > 0 ? `不良 ${row.standingBad}` : null].filter(Boolean).join('，')}`);
}

/** The flows that write a version in their own name (src/services/integrity/requests.ts), in words. */
const FLOW_ACTORS: Record<string, string> = { appeal: '申诉处理', amendment: '修定决定', student: '学生本人', system: '系统' };

/** Who wrote a version: a person's login or name as stored, a flow by its Chinese name. */
export function versionActor(actor: string | null): string | null {
  if (!actor) return null;
  return FLOW_ACTORS[actor] ?? actor;
}

/** The record content fields a version keeps, by name, in the order they read. */
const CONTENT_WORDS: Array<[string, string]> = [
  ['title', '事项'],
  ['description', '情况说明'],
  ['occurredOn', '发生日期'],
];

/** What changed in a version's content compared with the one before: `事项：“旧” → “新”`. */
export function contentChanges(previous: Record<string, unknown> | null, current: Record<string, unknown> | null): string[] {
  if (!previous || !current) return [];
  return CONTENT_WORDS.flatMap(([field, name]) => {
    const before = previous[field] ?? null;
    const after = current[field] ?? null;
    if (before === after) return [];
    const show = (value: unknown) => (value === null || value === '' ? '（空）' : `“${String(value)}”`);
    return [`${name}：${show(before)} → ${show(after)}`];
  });
}

/** An appeal's result as the decider chooses it. */
export type AppealResult = 'modify' | 'revoke';

export const APPEAL_RESULTS: Array<{ value: AppealResult; label: string; hint: string }> = [
  { value: 'modify', label: '修改记录', hint: '按申诉更正记录的内容，另存一版' },
  { value: 'revoke', label: '撤销记录', hint: '记录作废，不再计入诚信档案' },
];

/** The appeal's buttons and texts: its approval names a result, its rejection is 驳回申诉; a reason always. */
export const APPEAL_ACTIONS = {
  buttonLabels: { approve: '同意申诉', reject: '驳回申诉' } as Partial<Record<WorkflowAction, string>>,
  confirmTexts: { reject: '驳回后申诉即办结，记录维持原认定。确定驳回申诉吗？' } as Partial<Record<WorkflowAction, string>>,
  commentRequired: ['approve', 'reject', 'return'] as readonly WorkflowAction[],
  commentLabel: '处理理由',
  commentHint: '同意、驳回或退回申诉都必须写明理由，理由将通知学生。',
  doneMessage: (action: WorkflowAction, state: string): string => {
    if (action === 'approve' && state === 'approved') return '已同意申诉，记录已按所选结果处理并另存一版';
    if (action === 'reject') return '已驳回申诉，记录维持原认定';
    if (action === 'return') return '申诉已退回学生补充';
    return '已同意，申诉进入下一步';
  },
};

/** An appeal's decisions in the chain and the records: 同意申诉, 驳回申诉. */
export const APPEAL_DECISION_WORDS: Partial<Record<'approve' | 'reject' | 'return', string>> = { approve: '同意申诉', reject: '驳回申诉' };

/** Whether the decision now is the chain's last step: only that approval carries the result. */
export function decidesResult(timeline: Pick<ApprovalTimelineView, 'state' | 'currentStep' | 'steps' | 'allowedActions'>): boolean {
  return timeline.state === 'submitted' && timeline.allowedActions.includes('approve') && timeline.currentStep !== null && timeline.currentStep === timeline.steps.length;
}

/**
 * The outcome an appeal's approval sends: `{ result: 'revoke' }`, or `{ result: 'modify', content }`
 * with the fields changed from the record's (a problem in words when nothing would change).
 */
export function appealOutcome(
  result: AppealResult | null,
  edited: { title: string; description: string },
  record: { title: string; description: string | null } | null,
): { outcome: Record<string, unknown> } | string {
  if (!result) return '请选择处理结果：修改记录或撤销记录。';
  if (result === 'revoke') return { outcome: { result } };
  const title = edited.title.trim();
  if (title === '') return '修改记录时，事项不能为空。';
  if (title.length > 100) return '事项不能超过 100 字。';
  const content: Record<string, unknown> = {};
  if (title !== (record?.title ?? '')) content.title = title;
  const description = edited.description.trim();
  if (description !== (record?.description ?? '').trim()) content.description = description === '' ? null : description;
  if (Object.keys(content).length === 0) return '修改记录时，请更改事项或情况说明；不需更改内容的，请选择撤销或驳回。';
  return { outcome: { result, content } };
}
