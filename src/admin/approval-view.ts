/**
 * What the approval panel shows for a request of any subject, computed from its timeline
 * (src/services/approval/timeline.ts): Chinese labels, where each chain step stands, decisions by
 * round, the actions offered. Pure, so it is tested alone; status changes add their own in
 * status-change-view.ts.
 */
import type { Decision as DecisionValue, WorkflowAction } from '../domain/approval-vocabulary';
import { ENUM_LABELS, STATE_LABELS } from '../domain/enum-labels';

export type { WorkflowAction };
/** The buttons' order: the applicant's actions, then a decider's, withdrawing last. */
const BUTTON_ORDER: readonly WorkflowAction[] = ['submit', 'resubmit', 'approve', 'reject', 'return', 'withdraw'];

export interface TimelineStep {
  number: number;
  unit: string;
  /** The office kinds of an `offices` step. */
  offices?: string[];
  label: string;
  deadlineDays: number;
}

export interface TimelineDecision {
  round: number;
  step: number;
  stepLabel: string | null;
  unit: string;
  unitName: string | null;
  decision: DecisionValue;
  comment: string | null;
  decidedBy: string;
  deciderName: string | null;
  decidedAt: string;
  /** What the decision carried, for subjects whose approval names an outcome. */
  outcome?: Record<string, unknown> | null;
}

/** The engine's timeline of one request, whatever its subject. */
export interface ApprovalTimelineView {
  documentId: string;
  subject?: string;
  state: string;
  round: number;
  currentStep: number | null;
  currentStepDue: string | null;
  steps: TimelineStep[];
  decisions: TimelineDecision[];
  allowedActions: string[];
}

/** Button labels, and what the notification says once the action is done. */
export const ACTION_LABELS: Record<WorkflowAction, { button: string; done: string }> = {
  submit: { button: '提交', done: '申请已提交审批' },
  resubmit: { button: '重新提交', done: '申请已重新提交审批' },
  approve: { button: '同意', done: '已同意，申请进入下一步' },
  reject: { button: '不同意', done: '已作出不同意的决定，申请办结' },
  return: { button: '退回', done: '申请已退回修改' },
  withdraw: { button: '撤回', done: '申请已撤回' },
};

/** Actions whose comment the server requires. */
export const COMMENT_REQUIRED: readonly WorkflowAction[] = ['reject', 'return'];
/** Actions that end the request for good: asked again before they are sent. */
export const CONFIRMED: readonly WorkflowAction[] = ['reject', 'withdraw'];
/** Decisions carry the step the decider saw, so that a stale screen cannot decide a later step. */
export const DECISION_ACTIONS: readonly WorkflowAction[] = ['approve', 'reject', 'return'];

/** A server message as staff read it: the English gloss the server adds in brackets at the end is left off. */
export function chineseMessage(message: string): string {
  return message.replace(/\s*\([^()]*\)\s*$/, '');
}

export function stateLabel(state: string): string {
  return STATE_LABELS[state] ?? ENUM_LABELS[state] ?? state;
}

/** Who decided, by name: the stored name, a student's own confirmation, or the login as a last resort. */
export function deciderLabel(decision: Pick<TimelineDecision, 'deciderName' | 'decidedBy'>): string {
  if (decision.deciderName) return decision.deciderName;
  if (decision.decidedBy.startsWith('student:')) return '学生本人';
  return decision.decidedBy;
}

export function label(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return ENUM_LABELS[value] ?? value;
}

/** The actions offered, in the order of the buttons; unknown names from the server are left out. */
export function offeredActions(allowed: readonly string[]): WorkflowAction[] {
  return BUTTON_ORDER.filter((action) => allowed.includes(action));
}

export type StepStatus = 'done' | 'current' | 'returned' | 'rejected' | 'waiting' | 'not-reached';

export interface StepView extends TimelineStep {
  status: StepStatus;
  decision: TimelineDecision | null;
}

const STATUS_OF_DECISION: Record<DecisionValue, StepStatus> = { approve: 'done', reject: 'rejected', return: 'returned' };

/** Where each step of the chain stands in the request's latest round. */
export function stepViews(timeline: Pick<ApprovalTimelineView, 'steps' | 'decisions' | 'round' | 'state' | 'currentStep'>): StepView[] {
  return timeline.steps.map((step) => {
    const decision = timeline.decisions.find((d) => d.round === timeline.round && d.step === step.number) ?? null;
    if (decision) return { ...step, status: STATUS_OF_DECISION[decision.decision], decision };
    if (timeline.state === 'submitted' && timeline.currentStep === step.number) return { ...step, status: 'current', decision: null };
    if (timeline.state === 'submitted' || timeline.state === 'draft') return { ...step, status: 'waiting', decision: null };
    return { ...step, status: 'not-reached', decision: null };
  });
}

export interface RoundView {
  round: number;
  decisions: TimelineDecision[];
}

/** Decisions grouped by round, oldest round first, each in step order. */
export function decisionsByRound(decisions: readonly TimelineDecision[]): RoundView[] {
  const rounds = [...new Set(decisions.map((d) => d.round))].sort((a, b) => a - b);
  return rounds.map((round) => ({
    round,
    decisions: decisions.filter((d) => d.round === round).sort((a, b) => a.step - b.step || a.decidedAt.localeCompare(b.decidedAt)),
  }));
}

/** Who decides a step, in words: the department's own name, the offices listed, or the unit's label. */
export function unitLabel(step: Pick<TimelineStep, 'unit' | 'offices'>, departmentName?: string | null): string {
  if (step.unit === 'department' && departmentName) return departmentName;
  if (step.unit === 'offices' && step.offices && step.offices.length > 0) return step.offices.map((office) => label(office)).join('、');
  return label(step.unit);
}

/** The words of what a decision carried (an appeal's result and new content); the reason is the comment, shown already. */
const OUTCOME_WORDS: Record<string, string> = { result: '处理结果', content: '新内容', modify: '修改记录', revoke: '撤销记录', title: '事项', description: '情况说明', occurredOn: '发生日期', indicator: '诚信指标', kind: '记录类别' };
const OUTCOME_SKIPPED = new Set(['reason']);

function outcomeValue(value: unknown): string {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).map(([field, inner]) => `${OUTCOME_WORDS[field] ?? label(field)}“${outcomeValue(inner)}”`).join('，');
  }
  if (typeof value === 'string') return OUTCOME_WORDS[value] ?? label(value);
  return value === null || value === undefined ? '—' : String(value);
}

/** A decision's outcome in words, each part by its Chinese name: `处理结果：修改记录；新内容：事项“…”`. */
export function describeOutcome(outcome: Record<string, unknown>): string {
  return Object.entries(outcome)
    .filter(([field]) => !OUTCOME_SKIPPED.has(field))
    .map(([field, value]) => `${OUTCOME_WORDS[field] ?? label(field)}：${outcomeValue(value)}`)
    .join('；');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-23 14:05` in the browser's time zone; dates alone stay as they are. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

