/**
 * The approval engine (domain.md 3), pure: a request in some state, an action by an actor, and
 * what follows. It knows no subject: status changes, integrity appeals, archive access and
 * registration all run through it, each saying who may file and which chain applies.
 *
 * Rules: only a member of the step's unit decides (see `isMemberOf`); decisions apply to the
 * current step only; nobody decides twice in one round; the last approval ends the request as
 * approved. A returned request is revised and resubmitted, and runs the chain again from the first
 * step as a new round.
 */
import { isOfficeKind, REQUEST_ROLE_LABELS, REQUEST_STATE_LABELS, type ApprovalUnit, type Decision, type Refusal, type RequestState, type WorkflowAction } from './approval-vocabulary';

export type { Refusal } from './approval-vocabulary';

export interface ChainStep {
  unit: ApprovalUnit;
  /** For `unit: 'offices'`: the office kinds, any member of any of which decides. */
  offices?: readonly string[];
  deadlineDays: number;
  label: string;
}

/** Who may file, resubmit and withdraw requests of a subject. */
export interface FilingRule {
  /** The student the request is about. */
  student: boolean;
  /** Members of the request's department. */
  department: boolean;
  /** Members of these offices. */
  offices: readonly string[];
  /** Said when someone else tries. */
  refusal: string;
}

/** Status changes' rule (domain.md 3): the student, their department, academic affairs. */
export const DEFAULT_FILING_RULE: FilingRule = {
  student: true,
  department: true,
  offices: ['academic-affairs'],
  refusal: '只有学生本人、所在系部或教务处可以提交或撤回申请 (only the student, their department or academic affairs may do this)',
};

/** The parties of a request that the request-role units resolve to. */
export interface RequestParties {
  departmentId: number | null;
  /** The office the thing the request is about came from, where the subject has one. */
  sourceOffice?: string | null;
}

/** One unit a person belongs to: a department (with its id) or an office (by kind). */
export interface Membership {
  unit: 'department' | string;
  departmentId: number | null;
}

export interface ApprovalActor {
  /** Who the person is across logins (their staff email); null for a system or token. */
  key: string | null;
  memberships: readonly Membership[];
  /** The student the request is about. */
  isSubject: boolean;
}

export interface PastDecision {
  round: number;
  step: number;
  deciderKey: string;
}

export interface ApprovalRequest {
  state: RequestState;
  /** 0 while a draft; each submission starts the next round. */
  round: number;
  /** Index into `steps` while submitted; null otherwise. */
  currentStep: number | null;
  steps: readonly ChainStep[];
  departmentId: number | null;
  sourceOffice?: string | null;
  decisions: readonly PastDecision[];
  /** Who may file it; status changes' rule when absent. */
  filers?: FilingRule;
}

export type Outcome =
  | {
      ok: true;
      state: RequestState;
      round: number;
      currentStep: number | null;
      /** The decision to record, for approve, reject and return. */
      decision: { step: number; decision: Decision; unit: ApprovalUnit } | null;
      /** True when this action approved the last step: the effect is due now. */
      final: boolean;
    }
  | { ok: false; refusal: Refusal; message: string };

const ACTION_STATES: Record<WorkflowAction, readonly RequestState[]> = {
  submit: ['draft'],
  resubmit: ['returned'],
  withdraw: ['draft', 'submitted', 'returned'],
  approve: ['submitted'],
  reject: ['submitted'],
  return: ['submitted'],
};

const DECISION_OF: Partial<Record<WorkflowAction, Decision>> = { approve: 'approve', reject: 'reject', return: 'return' };

const DONE: Record<WorkflowAction, string> = {
  submit: 'submitted', resubmit: 'resubmitted', withdraw: 'withdrawn', approve: 'approved', reject: 'rejected', return: 'returned',
};


function refuse(refusal: Refusal, message: string): Outcome {
  return { ok: false, refusal, message };
}

function inOffice(actor: ApprovalActor, office: string): boolean {
  return actor.memberships.some((m) => m.unit === office);
}

/**
 * Whether the actor may decide a step of this unit on a request with these parties:
 * an office kind, any member of it; `offices`, any member of any office listed; `department`, a
 * member of the request's department; `source-office`, a member of the office the request's
 * matter came from; `student`, the student the request is about and nobody else.
 */
export function isMemberOf(actor: ApprovalActor, step: Pick<ChainStep, 'unit' | 'offices'>, parties: RequestParties): boolean {
  switch (step.unit) {
    case 'student':
      return actor.isSubject;
    case 'department':
      return parties.departmentId !== null && actor.memberships.some((m) => m.unit === 'department' && m.departmentId === parties.departmentId);
    case 'source-office':
      return !!parties.sourceOffice && inOffice(actor, parties.sourceOffice);
    case 'offices':
      return (step.offices ?? []).some((office) => inOffice(actor, office));
    default:
      return isOfficeKind(step.unit) && inOffice(actor, step.unit);
  }
}

/** Whether the actor may file, resubmit or withdraw the request. */
export function mayApply(actor: ApprovalActor, request: Pick<ApprovalRequest, 'departmentId' | 'filers'>): boolean {
  const rule = request.filers ?? DEFAULT_FILING_RULE;
  return (
    (rule.student && actor.isSubject) ||
    (rule.department && isMemberOf(actor, { unit: 'department' }, request)) ||
    rule.offices.some((office) => inOffice(actor, office))
  );
}

/** The name of a step's unit in a message: its label, else the role's or office's name. */
export function unitLabel(step: Pick<ChainStep, 'unit' | 'label'>): string {
  return step.label || (REQUEST_ROLE_LABELS as Record<string, string>)[step.unit] || step.unit;
}

function applicantAction(request: ApprovalRequest, action: WorkflowAction, actor: ApprovalActor): Outcome {
  if (!mayApply(actor, request)) return refuse('not-applicant', (request.filers ?? DEFAULT_FILING_RULE).refusal);
  if (action === 'withdraw') return { ok: true, state: 'withdrawn', round: request.round, currentStep: null, decision: null, final: false };
  if (request.steps.length === 0) return refuse('no-chain', '没有适用的审批流程 (no approval chain applies to this request)');
  return { ok: true, state: 'submitted', round: request.round + 1, currentStep: 0, decision: null, final: false };
}

function decide(request: ApprovalRequest, decision: Decision, actor: ApprovalActor, expectedStep: number | undefined): Outcome {
  const stepIndex = request.currentStep ?? 0;
  const step = request.steps[stepIndex];
  if (!step) return refuse('no-chain', '审批流程没有此步骤 (the chain has no such step)');
  if (expectedStep !== undefined && expectedStep !== stepIndex) {
    return refuse('wrong-step', `您看到的第 ${expectedStep + 1} 步已有变化，当前审批步骤是第 ${stepIndex + 1} 步，请刷新后再试 (step ${expectedStep + 1} has moved on; the current step is ${stepIndex + 1}; reload)`);
  }
  // The student decides their own confirmation step and no other: a student who also works in a
  // unit never decides on their own request.
  const member = step.unit === 'student' ? actor.isSubject : !actor.isSubject && isMemberOf(actor, step, request);
  if (!actor.key || !member) {
    const who = step.unit === 'student' ? '只有学生本人可以确认此步骤 (only the student may confirm this step)' : `只有${unitLabel(step)}的成员可以审批此步骤 (only a member of the step's unit may decide)`;
    return refuse('not-member', who);
  }
  if (request.decisions.some((d) => d.round === request.round && d.deciderKey === actor.key)) {
    return refuse('decided-twice', '您已对此申请作出过审批决定 (you have already decided on this request)');
  }
  const recorded = { step: stepIndex, decision, unit: step.unit };
  if (decision === 'reject') return { ok: true, state: 'rejected', round: request.round, currentStep: null, decision: recorded, final: false };
  if (decision === 'return') return { ok: true, state: 'returned', round: request.round, currentStep: null, decision: recorded, final: false };
  const last = stepIndex === request.steps.length - 1;
  return { ok: true, state: last ? 'approved' : 'submitted', round: request.round, currentStep: last ? null : stepIndex + 1, decision: recorded, final: last };
}

/** What `action` by `actor` does to `request`; `expectedStep` guards a decision against a stale screen. */
export function applyAction(request: ApprovalRequest, action: WorkflowAction, actor: ApprovalActor, expectedStep?: number): Outcome {
  if (!ACTION_STATES[action].includes(request.state)) {
    return refuse('state', `申请当前状态为${REQUEST_STATE_LABELS[request.state]}，不能执行此操作 (a ${request.state} request cannot be ${DONE[action]})`);
  }
  const decision = DECISION_OF[action];
  return decision ? decide(request, decision, actor, expectedStep) : applicantAction(request, action, actor);
}
