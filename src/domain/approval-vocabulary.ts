/**
 * The approval engine's vocabulary (domain.md 3): the states of a request, the actions on it, the
 * decisions, the refusals, and who can decide a step. Every subject on the engine (status changes,
 * integrity appeals and amendments, archive access, registration) speaks it; none owns it.
 */
import { OFFICE_KINDS, type OfficeKind } from './constants';

export const REQUEST_STATES = ['draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const REQUEST_STATE_LABELS: Readonly<Record<RequestState, string>> = {
  draft: '草稿', submitted: '审批中', returned: '已退回', approved: '已批准', rejected: '未批准', withdrawn: '已撤回',
};

/** States a request can no longer leave. */
export const FINAL_STATES: readonly RequestState[] = ['approved', 'rejected', 'withdrawn'];
/** States in which a request is open: a subject may allow only one open request at a time. */
export const OPEN_STATES: readonly RequestState[] = ['submitted', 'returned'];
/** A request its filers may still change (fields, supporting documents): a draft, or one returned to them. */
export const EDITABLE_STATES: readonly RequestState[] = ['draft', 'returned'];

export const DECISIONS = ['approve', 'reject', 'return'] as const;
export type Decision = (typeof DECISIONS)[number];

export const WORKFLOW_ACTIONS = ['submit', 'approve', 'reject', 'return', 'resubmit', 'withdraw'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];
/** The actions that decide a step (the others are the filers'). */
export const DECISION_ACTIONS: readonly WorkflowAction[] = ['approve', 'reject', 'return'];

/** Why the engine refused an action: each maps to one HTTP answer (src/services/approval/errors.ts). */
export const REFUSALS = ['state', 'wrong-step', 'not-member', 'decided-twice', 'not-applicant', 'no-chain'] as const;
export type Refusal = (typeof REFUSALS)[number];

/**
 * Who decides a step. A role in the request, which the subject resolves:
 * - `department`: the department the request belongs to;
 * - `source-office`: the office the thing the request is about came from (an integrity record's
 *   reporting office, for its appeal);
 * - `student`: the student the request is about (a confirmation step);
 * or offices, which are content (api::office.office, by kind):
 * - an office kind: any member of that office;
 * - `offices`: any member of any office the step lists.
 */
export const REQUEST_ROLES = ['department', 'source-office', 'student'] as const;
export type RequestRole = (typeof REQUEST_ROLES)[number];
export const APPROVAL_UNITS = [...REQUEST_ROLES, 'offices', ...OFFICE_KINDS] as const;
export type ApprovalUnit = (typeof APPROVAL_UNITS)[number];

export function isOfficeKind(unit: string): unit is OfficeKind {
  return (OFFICE_KINDS as readonly string[]).includes(unit);
}

/** Chinese names of the request roles and of `offices` (the offices' own names are their content). */
export const REQUEST_ROLE_LABELS: Readonly<Record<RequestRole | 'offices', string>> = {
  department: '学生所在系部',
  'source-office': '来源部门',
  student: '学生本人确认',
  offices: '多个职能部门',
};
