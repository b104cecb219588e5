/**
 * Status changes' workflow as the controllers, GraphQL and the admin call it: run an action, and
 * the timeline (chain, decisions, history and what the caller may do next).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { applyAction } from '../../../domain/approval';
import { EDITABLE_STATES, WORKFLOW_ACTIONS, type WorkflowAction } from '../../../domain/status-change';
import { parseActionBody } from '../../../services/approval/action-request';
import { approvalActor } from '../../../services/approval/deciders';
import { loadDecisions } from '../../../services/approval/decisions';
import { runWorkflowAction, toApprovalRequest } from '../../../services/approval/engine';
import { currentActor } from '../../../services/scope/actor';
import { withoutScope } from '../../../services/scope/context';
import { findVisibleStatusChange, type StatusChangeRow } from '../repositories/status-change-rows';
import { statusChangeSubject } from './subject';

const HISTORY = 'api::status-history.status-history';
const STATUS_CHANGE = 'api::status-change.status-change';

/** Which actions the caller could take now (the admin shows these as buttons). */
function allowedActions(row: StatusChangeRow, decider: Awaited<ReturnType<typeof approvalActor>>, decisions: Awaited<ReturnType<typeof loadDecisions>>): WorkflowAction[] {
  // A draft has no chain yet (submitting picks it): any one-step chain tells whether the caller may file it.
  const steps = row.steps.length > 0 ? row.steps : [{ unit: 'department' as const, deadlineDays: 1, label: '' }];
  const request = toApprovalRequest(row, decisions, steps);
  return WORKFLOW_ACTIONS.filter((action) => applyAction(request, action, decider).ok);
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async act(documentId: string, action: WorkflowAction, body: unknown) {
    const input = parseActionBody(action, body);
    return runWorkflowAction(strapi, statusChangeSubject(strapi), { documentId, action, ...input });
  },

  /** `mayUse`: what the caller's role allows on top of the rules (the admin passes its ability). */
  async timeline(documentId: string, mayUse: (action: WorkflowAction | 'attachDocuments') => boolean = () => true) {
    const row = await findVisibleStatusChange(strapi, documentId);
    if (!row) throw new errors.NotFoundError('Not Found');
    const actor = await currentActor(strapi);
    const decider = await approvalActor(strapi, actor, row.subjectUserId);
    const decisions = await withoutScope(() => loadDecisions(strapi, statusChangeSubject(strapi).name, documentId));
    const documents = ((await withoutScope(() =>
      strapi.db.query(STATUS_CHANGE as never).findOne({ where: { id: row.id }, populate: { documents: { select: ['id', 'name', 'mime', 'size'] } } }),
    )) as { documents?: Array<{ id: number; name: string; mime: string; size: number }> | null }).documents ?? [];
    const history = (await withoutScope(() =>
      strapi.db.query(HISTORY as never).findMany({ where: { statusChange: { id: row.id } }, orderBy: [{ occurredAt: 'asc' }] }),
    )) as Array<Record<string, unknown>>;
    const raw = row.raw;
    return {
      documentId,
      type: raw.type,
      state: row.state,
      tier: raw.tier ?? null,
      tierReasons: raw.tierReasons ?? null,
      round: row.round,
      currentStep: row.currentStep,
      currentStepDue: raw.currentStepDue ?? null,
      student: raw.student ? { documentId: raw.student.documentId, name: raw.student.name, studentNumber: raw.student.studentNumber, status: raw.student.status } : null,
      department: raw.department ? { documentId: raw.department.documentId, name: raw.department.name } : null,
      semester: raw.semester ?? null,
      submittedAt: raw.submittedAt ?? null,
      decidedAt: raw.decidedAt ?? null,
      appliedBy: raw.appliedBy ?? null,
      steps: row.steps.map((step, index) => ({ number: index + 1, ...step })),
      decisions: decisions.map((d) => ({
        round: d.round, step: d.step, stepLabel: d.stepLabel, unit: d.unit, unitName: d.unitName, decision: d.decision,
        comment: d.comment, decidedBy: d.decidedBy, deciderName: d.deciderName, decidedAt: d.decidedAt,
      })),
      history: history.map((h) => ({ workflow: h.workflow, fromStatus: h.fromStatus, toStatus: h.toStatus, before: h.before, after: h.after, occurredAt: h.occurredAt })),
      documents: documents.map(({ id, name, mime, size }) => ({ id, name, mime, size })),
      // Supporting documents can be added while the request is a draft or returned, by those who may edit it.
      canAttachDocuments:
        EDITABLE_STATES.includes(row.state) &&
        mayUse('attachDocuments') &&
        (!actor.staffActions || actor.staffActions.has(`${STATUS_CHANGE}.attachDocuments`)) &&
        actor.kind !== 'public',
      // A button the role would then refuse is not offered (src/domain/permissions.ts).
      allowedActions: allowedActions(row, decider, decisions).filter(
        (action) => mayUse(action) && (!actor.staffActions || actor.staffActions.has(`${STATUS_CHANGE}.${action}`)),
      ),
    };
  },
});
