/**
 * Status changes' workflow as the controllers, GraphQL and the admin call it: run an action,
 * decide many at once, and the timeline (the engine's, with a status change's own facts).
 */
import type { Core } from '@strapi/strapi';
import { EDITABLE_STATES, type WorkflowAction } from '../../../domain/status-change';
import { parseActionBody } from '../../../services/approval/action-request';
import { runBatchDecisions } from '../../../services/approval/batch';
import { runWorkflowAction, type ApprovalSubject } from '../../../services/approval/engine';
import { approvalSubject } from '../../../services/approval/registry';
import { approvalTimeline, roleAllows } from '../../../services/approval/timeline';
import { currentActor } from '../../../services/scope/actor';
import { contentRoleActions } from '../../../services/permissions/content-role';
import { withoutScope } from '../../../services/scope/context';
import type { StatusChangeRow } from '../repositories/status-change-rows';

const HISTORY = 'api::status-history.status-history';
const STATUS_CHANGE = 'api::status-change.status-change';

type Use = (action: WorkflowAction | 'attachDocuments') => boolean;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const subject = () => approvalSubject(strapi, 'status-change') as unknown as ApprovalSubject<StatusChangeRow>;
  return {
    async act(documentId: string, action: WorkflowAction, body: unknown) {
      const input = parseActionBody(action, body, subject().parseOutcome);
      return runWorkflowAction(strapi, subject(), { documentId, action, ...input });
    },

    /**
     * Many decisions in one call, each in its own transaction; `mayUse` as for the timeline. Each
     * action needs the permission its own route needs: a staff login's from their admin roles, any
     * other login's from its users-permissions role.
     */
    async decide(body: unknown, mayUse: Use = () => true) {
      const actor = await currentActor(strapi);
      const granted = actor.kind === 'user' && !actor.staffActions && actor.id !== null ? await contentRoleActions(strapi, actor.id) : null;
      const permitted = (action: WorkflowAction) => !granted || granted.has(`${subject().uid}.${action}`);
      return runBatchDecisions(strapi, subject(), body, (action) => mayUse(action) && roleAllows(actor, subject(), action) && permitted(action));
    },

    /** `mayUse`: what the caller's role allows on top of the rules (the admin passes its ability). */
    async timeline(documentId: string, mayUse: Use = () => true) {
      const { row, actor, timeline } = await approvalTimeline(strapi, subject(), documentId, mayUse);
      const documents = ((await withoutScope(() =>
        strapi.db.query(STATUS_CHANGE as never).findOne({ where: { id: row.id }, populate: { documents: { select: ['id', 'name', 'mime', 'size'] } } }),
      )) as { documents?: Array<{ id: number; name: string; mime: string; size: number }> | null }).documents ?? [];
      const history = (await withoutScope(() =>
        strapi.db.query(HISTORY as never).findMany({ where: { statusChange: { id: row.id } }, orderBy: [{ occurredAt: 'asc' }] }),
      )) as Array<Record<string, unknown>>;
      const raw = row.raw;
      return {
        ...timeline,
        tier: raw.tier ?? null,
        tierReasons: raw.tierReasons ?? null,
        student: raw.student ? { documentId: raw.student.documentId, name: raw.student.name, studentNumber: raw.student.studentNumber, status: raw.student.status } : null,
        department: raw.department ? { documentId: raw.department.documentId, name: raw.department.name } : null,
        semester: raw.semester ?? null,
        submittedAt: raw.submittedAt ?? null,
        decidedAt: raw.decidedAt ?? null,
        appliedBy: raw.appliedBy ?? null,
        history: history.map((h) => ({ workflow: h.workflow, fromStatus: h.fromStatus, toStatus: h.toStatus, before: h.before, after: h.after, occurredAt: h.occurredAt })),
        documents: documents.map(({ id, name, mime, size }) => ({ id, name, mime, size })),
        // Supporting documents can be added while the request is a draft or returned, by those who may edit it.
        canAttachDocuments: EDITABLE_STATES.includes(row.state) && mayUse('attachDocuments') && roleAllows(actor, subject(), 'attachDocuments') && actor.kind !== 'public',
      };
    },
  };
};
