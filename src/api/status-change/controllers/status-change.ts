/** Status changes: the core CRUD, the workflow actions, the timeline and the report. */
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { WORKFLOW_ACTIONS, type WorkflowAction } from '../../../domain/status-change';
import type workflowService from '../services/workflow';
import type reportService from '../services/report';
import { sendReportSheet } from '../../../services/excel/report-sheet';
import { idempotent } from '../../../services/idempotency';
import { attachDocuments, requestDocument, sendDocument, withUploadedFiles } from '../services/documents';
import { approvalInbox } from '../../../services/approval/inbox';
import { statusChangeFormPdf } from '../../../services/print/status-change-form';
import { sendPdf } from '../../../services/print/pdf';

type Workflow = ReturnType<typeof workflowService>;
type Report = ReturnType<typeof reportService>;
type Sanitize = (entity: unknown, ctx: Context) => Promise<unknown>;

const UID = 'api::status-change.status-change';

export default factories.createCoreController(UID, ({ strapi }) => {
  const workflow = () => strapi.service('api::status-change.workflow') as Workflow;
  /**
   * Runs the action, then answers with the request as the caller may see it; once per
   * Idempotency-Key (the answer is read in the action's transaction, and kept with the key).
   */
  async function act(ctx: Context, action: WorkflowAction, sanitize: (entity: unknown) => Promise<unknown>) {
    const { documentId } = ctx.params as Record<string, string>;
    await idempotent(strapi, ctx, async () => {
      await workflow().act(documentId, action, ctx.request.body);
      const entity = await strapi.documents(UID).findOne({ documentId, populate: ['student', 'department', 'chain'] });
      ctx.body = { data: await sanitize(entity) };
    });
  }
  /** One handler per action (one route each, so that roles are granted them one by one). */
  const handler = (action: WorkflowAction) =>
    async function run(this: { sanitizeOutput: Sanitize }, ctx: Context) {
      await act(ctx, action, (entity) => this.sanitizeOutput(entity, ctx));
    };
  return {
    ...(Object.fromEntries(WORKFLOW_ACTIONS.map((action) => [action, handler(action)])) as Record<WorkflowAction, (ctx: Context) => Promise<void>>),
    /**
     * POST /api/status-changes/decisions: `{ action, comment?, items: [{ documentId, comment?, step? }] }`,
     * answered per request. No Idempotency-Key: each request is its own transaction, and sending
     * the batch again decides nothing twice (those decided are refused one by one).
     */
    async decide(ctx) {
      ctx.body = await workflow().decide(ctx.request.body);
    },
    /** GET /api/me/inbox: what waits for the caller's decision, across every subject. */
    async inbox(ctx) {
      ctx.body = { data: await approvalInbox(strapi) };
    },
    /** POST /api/status-changes/:documentId/documents (multipart `files`). */
    async attachDocuments(ctx) {
      const data = await withUploadedFiles(ctx, (files) => attachDocuments(strapi, (ctx.params as Record<string, string>).documentId, files));
      ctx.status = 201;
      ctx.body = { data };
    },
    /** GET /api/status-changes/:documentId/documents/:fileId: the file, to whoever may see the request. */
    async document(ctx) {
      const { documentId, fileId } = ctx.params as Record<string, string>;
      sendDocument(ctx, await requestDocument(strapi, documentId, fileId));
    },
    /** GET /api/status-changes/:documentId/form.pdf */
    async formPdf(ctx) {
      sendPdf(ctx, await statusChangeFormPdf(strapi, (ctx.params as Record<string, string>).documentId));
    },
    async timeline(ctx) {
      ctx.body = { data: await workflow().timeline((ctx.params as Record<string, string>).documentId) };
    },
    /** GET /api/status-changes/report (`format=xlsx`: the same table as a sheet) */
    async report(ctx) {
      const report = strapi.service('api::status-change.report') as Report;
      if (report.wantsSheet(ctx.query)) await sendReportSheet(ctx, await report.sheet(ctx.query));
      else ctx.body = await report.counts(ctx.query);
    },
  };
});
