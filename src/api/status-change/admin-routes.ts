/**
 * The workflow for the admin panel (the status-change edit view's panel and the report page), on
 * the admin API. Strapi 5 forces routes under src/api to the content API, so these are
 * registered from `register()`. Who may act is decided by the approval engine (membership of the
 * step's unit) and the scope, as on the content API.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { WORKFLOW_ACTIONS, type WorkflowAction } from '../../domain/status-change';
import { abilityAllows, STATUS_CHANGE } from '../../domain/permissions';
import type workflowService from './services/workflow';
import type reportService from './services/report';
import { idempotent, type IdempotentContext } from '../../services/idempotency';
import { attachDocuments, requestDocument, sendDocument, withUploadedFiles } from './services/documents';
import { approvalInbox, approvalInboxCount } from '../../services/approval/inbox';
import { statusChangeFormPdf } from '../../services/print/status-change-form';
import { sendPdf } from '../../services/print/pdf';
import { sendReportSheet } from '../../services/excel/report-sheet';
import { Forbidden } from '../../services/forbidden';

type Workflow = ReturnType<typeof workflowService>;
type Report = ReturnType<typeof reportService>;
type AdminCtx = {
  params: Record<string, string>;
  request: { body?: unknown };
  query: unknown;
  body: unknown;
  state: { userAbility?: { can(action: string, subject?: string | null): boolean } };
};

/** Whether the admin role holds what the same action needs on the content API (one definition). */
function adminMay(ctx: unknown, action: string): boolean {
  return abilityAllows((ctx as AdminCtx).state.userAbility, `${STATUS_CHANGE}.${action}`);
}

function assertAdminMay(ctx: unknown, action: string): void {
  if (!adminMay(ctx, action)) throw new Forbidden('本人的后台角色没有此项权限 (your role does not allow this)');
}

export const ADMIN_STATUS_CHANGE_PATH = '/student-records/status-changes';

export function registerStatusChangeAdminRoutes(strapi: Core.Strapi): void {
  const workflow = () => strapi.service('api::status-change.workflow') as Workflow;
  const config = { policies: ['admin::isAuthenticatedAdmin'] };
  strapi.server.routes({
    type: 'admin',
    routes: [
      {
        method: 'GET',
        path: `${ADMIN_STATUS_CHANGE_PATH}/report`,
        handler: async (ctx) => {
          assertAdminMay(ctx, 'report');
          const report = strapi.service('api::status-change.report') as Report;
          const { query } = ctx as unknown as AdminCtx;
          if (report.wantsSheet(query)) await sendReportSheet(ctx, await report.sheet(query));
          else ctx.body = await report.counts(query);
        },
        info: { type: 'admin' },
        config,
      },
      {
        method: 'GET',
        path: '/student-records/inbox',
        handler: async (ctx) => {
          assertAdminMay(ctx, 'inbox');
          ctx.body = { data: await approvalInbox(strapi) };
        },
        info: { type: 'admin' },
        config,
      },
      {
        method: 'GET',
        path: '/student-records/inbox/count',
        handler: async (ctx) => {
          assertAdminMay(ctx, 'inbox');
          ctx.body = { data: await approvalInboxCount(strapi) };
        },
        info: { type: 'admin' },
        config,
      },
      // Many decisions in one call; before `/:documentId/:action`, which would take `decisions` for a request.
      {
        method: 'POST',
        path: `${ADMIN_STATUS_CHANGE_PATH}/decisions`,
        handler: async (ctx) => {
          assertAdminMay(ctx, 'decide');
          // Each request its own transaction: no Idempotency-Key (see the content API's route).
          ctx.body = await workflow().decide((ctx as unknown as AdminCtx).request.body, (action) => adminMay(ctx, action));
        },
        info: { type: 'admin' },
        config,
      },
      {
        method: 'GET',
        path: `${ADMIN_STATUS_CHANGE_PATH}/:documentId/timeline`,
        handler: async (ctx) => {
          assertAdminMay(ctx, 'timeline');
          ctx.body = { data: await workflow().timeline((ctx as unknown as AdminCtx).params.documentId, (action) => adminMay(ctx, action)) };
        },
        info: { type: 'admin' },
        config,
      },
      // Before `/:documentId/:action`, which would take `documents` for an action.
      {
        method: 'POST',
        path: `${ADMIN_STATUS_CHANGE_PATH}/:documentId/documents`,
        handler: async (ctx) => {
          assertAdminMay(ctx, 'attachDocuments');
          const { documentId } = (ctx as unknown as AdminCtx).params;
          await withUploadedFiles(ctx, (files) => attachDocuments(strapi, documentId, files));
          ctx.status = 201;
          ctx.body = { data: await workflow().timeline(documentId, (next) => adminMay(ctx, next)) };
        },
        info: { type: 'admin' },
        config,
      },
      {
        method: 'GET',
        path: `${ADMIN_STATUS_CHANGE_PATH}/:documentId/documents/:fileId`,
        handler: async (ctx) => {
          assertAdminMay(ctx, 'document');
          const { documentId, fileId } = (ctx as unknown as AdminCtx).params;
          sendDocument(ctx, await requestDocument(strapi, documentId, fileId));
        },
        info: { type: 'admin' },
        config,
      },
      {
        method: 'GET',
        path: `${ADMIN_STATUS_CHANGE_PATH}/:documentId/form.pdf`,
        handler: async (ctx) => {
          assertAdminMay(ctx, 'formPdf');
          sendPdf(ctx, await statusChangeFormPdf(strapi, (ctx as unknown as AdminCtx).params.documentId, (action) => adminMay(ctx, action)));
        },
        info: { type: 'admin' },
        config,
      },
      {
        method: 'POST',
        path: `${ADMIN_STATUS_CHANGE_PATH}/:documentId/:action`,
        handler: async (ctx) => {
          const { params, request } = ctx as unknown as AdminCtx;
          if (!(WORKFLOW_ACTIONS as readonly string[]).includes(params.action)) throw new errors.NotFoundError('Not Found');
          assertAdminMay(ctx, params.action);
          await idempotent(strapi, ctx as unknown as IdempotentContext, async () => {
            await workflow().act(params.documentId, params.action as WorkflowAction, request.body);
            ctx.body = { data: await workflow().timeline(params.documentId, (next) => adminMay(ctx, next)) };
          });
        },
        info: { type: 'admin' },
        config,
      },
    ],
  });
}
