/**
 * A request's timeline, the same for every subject: what it is, its chain, the decisions so far,
 * when the waiting step is due and which actions the caller may take now. A subject's route adds
 * its own facts beside it (a status change's tier, documents and history); the admin's
 * ApprovalTimeline component draws it (src/admin/components/ApprovalTimeline.tsx).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { applyAction, type ChainStep } from '../../domain/approval';
import type { RequestHeading } from '../../domain/inbox';
import { WORKFLOW_ACTIONS, type Decision, type WorkflowAction } from '../../domain/approval-vocabulary';
import { currentActor, type Actor } from '../scope/actor';
import { withoutScope } from '../scope/context';
import { approvalActor, type Decider } from './deciders';
import { loadDecisions, type DecisionRow } from './decisions';
import { toApprovalRequest, type ApprovalSubject, type SubjectRow } from './engine';

export interface TimelineStep {
  number: number;
  unit: string;
  offices?: readonly string[];
  label: string;
  deadlineDays: number;
}

export interface ApprovalTimeline extends RequestHeading {
  state: SubjectRow['state'];
  round: number;
  currentStep: number | null;
  currentStepDue: string | null;
  steps: TimelineStep[];
  decisions: Array<Omit<DecisionRow, 'documentId'>>;
  allowedActions: WorkflowAction[];
}

/**
 * Which actions the caller may take now: those the rules allow and, for a decision, that the
 * subject's own check (checkDecision, as the engine runs it) would accept; a button the server
 * would then refuse is not offered.
 */
async function actionsByRule<Row extends SubjectRow>(subject: ApprovalSubject<Row>, row: Row, decider: Decider, decisions: DecisionRow[], offered: (action: WorkflowAction) => boolean): Promise<WorkflowAction[]> {
  // A draft has no chain yet (submitting picks it): a one-step chain of the request's department tells whether the caller may file it.
  const steps = row.steps.length > 0 ? row.steps : [{ unit: 'department' as const, deadlineDays: 1, label: '' }];
  const request = toApprovalRequest(row, decisions, steps, subject.filers);
  const allowed: WorkflowAction[] = [];
  for (const action of WORKFLOW_ACTIONS.filter(offered)) {
    const outcome = applyAction(request, action, decider);
    if (outcome.ok && (!outcome.decision || (await subjectAccepts(subject, row, outcome.decision.decision, steps[outcome.decision.step])))) allowed.push(action);
  }
  return allowed;
}

/** Whether the subject's checkDecision lets this decision through (a refusal is an ApplicationError; anything else is a fault). */
async function subjectAccepts<Row extends SubjectRow>(subject: ApprovalSubject<Row>, row: Row, decision: Decision, step: ChainStep | undefined): Promise<boolean> {
  if (!subject.checkDecision) return true;
  try {
    await withoutScope(() => subject.checkDecision!(row, decision, step));
    return true;
  } catch (error) {
    if (error instanceof errors.ApplicationError) return false;
    throw error;
  }
}

/** Whether the caller's role opens this action of the subject (src/domain/permissions.ts); logins without staff actions are held by their route permissions. */
export function roleAllows(actor: Actor, subject: Pick<ApprovalSubject, 'uid'>, action: string): boolean {
  return !actor.staffActions || actor.staffActions.has(`${subject.uid}.${action}`);
}

/**
 * The timeline of a request the caller may see (404 otherwise). `mayUse` is what the caller's
 * door allows on top of the rules (the admin passes its abilities): a button the role would then
 * refuse is not offered.
 */
export async function approvalTimeline<Row extends SubjectRow>(
  strapi: Core.Strapi,
  subject: ApprovalSubject<Row>,
  documentId: string,
  mayUse: (action: WorkflowAction) => boolean = () => true,
): Promise<{ row: Row; actor: Actor; timeline: ApprovalTimeline }> {
  const row = await subject.findVisible(documentId);
  if (!row) throw new errors.NotFoundError('Not Found');
  const actor = await currentActor(strapi);
  const decider = await approvalActor(strapi, actor, row.subjectUserId);
  const decisions = await withoutScope(() => loadDecisions(strapi, subject.name, documentId));
  const timeline: ApprovalTimeline = {
    subject: subject.name,
    subjectLabel: subject.label,
    uid: subject.uid,
    documentId,
    ...subject.summarize(row),
    state: row.state,
    round: row.round,
    currentStep: row.currentStep,
    currentStepDue: row.due ?? null,
    steps: row.steps.map((step, index) => ({ number: index + 1, ...step })),
    decisions: decisions.map((d) => ({
      round: d.round, step: d.step, stepLabel: d.stepLabel, unit: d.unit, unitName: d.unitName, decision: d.decision,
      comment: d.comment, decidedBy: d.decidedBy, deciderName: d.deciderName, decidedAt: d.decidedAt, outcome: d.outcome ?? null,
    })),
    allowedActions: await actionsByRule(subject, row, decider, decisions, (action) => mayUse(action) && roleAllows(actor, subject, action)),
  };
  return { row, actor, timeline };
}
