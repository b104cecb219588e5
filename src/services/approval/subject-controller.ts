/**
 * The engine's content-API handlers for a subject (the routes of routes.ts): one handler per
 * workflow action answering with the request as the caller may see it (once per Idempotency-Key),
 * batch decisions, and the timeline. A subject's controller spreads these in.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { WORKFLOW_ACTIONS, type WorkflowAction } from '../../domain/approval-vocabulary';
import { contentRoleActions } from '../permissions/content-role';
import { idempotent } from '../idempotency';
import { currentActor } from '../scope/actor';
import { parseActionBody } from './action-request';
import { runBatchDecisions } from './batch';
import { runWorkflowAction } from './engine';
import { approvalSubject } from './registry';
import { approvalTimeline, roleAllows } from './timeline';

type Sanitize = (entity: unknown, ctx: Context) => Promise<unknown>;
type Handler = (this: { sanitizeOutput: Sanitize }, ctx: Context) => Promise<void>;

export function approvalHandlers(strapi: Core.Strapi, subjectName: string, populate: string[]): Record<WorkflowAction | 'decide' | 'timeline', Handler> {
  const subject = () => approvalSubject(strapi, subjectName);
  const handler = (action: WorkflowAction): Handler =>
    async function run(ctx) {
      const { documentId } = ctx.params as Record<string, string>;
      await idempotent(strapi, ctx, async () => {
        const input = parseActionBody(action, ctx.request.body, subject().parseOutcome);
        await runWorkflowAction(strapi, subject(), { documentId, action, ...input });
        const entity = await strapi.documents(subject().uid as never).findOne({ documentId, populate } as never);
        ctx.body = { data: await this.sanitizeOutput(entity, ctx) };
      });
    };
  return {
    ...(Object.fromEntries(WORKFLOW_ACTIONS.map((action) => [action, handler(action)])) as Record<WorkflowAction, Handler>),
    async decide(ctx) {
      const actor = await currentActor(strapi);
      const granted = actor.kind === 'user' && !actor.staffActions && actor.id !== null ? await contentRoleActions(strapi, actor.id) : null;
      const permitted = (action: WorkflowAction) => !granted || granted.has(`${subject().uid}.${action}`);
      ctx.body = await runBatchDecisions(strapi, subject(), ctx.request.body, (action) => roleAllows(actor, subject(), action) && permitted(action));
    },
    async timeline(ctx) {
      const { timeline } = await approvalTimeline(strapi, subject(), (ctx.params as Record<string, string>).documentId);
      ctx.body = { data: timeline };
    },
  };
}
