/**
 * The integrity archive's routes for the admin panel, on the admin API (Strapi 5 forces routes
 * under src/api to the content API, so these are registered from `register()`):
 *
 * - `GET /student-records/integrity/students/:documentId`: a student's 诚信档案 panel (summary and records);
 * - `GET /student-records/integrity/records/:documentId/timeline`: a record's versions;
 * - `GET|POST /student-records/integrity/records/:documentId/evidence` and `GET .../evidence/:fileId`:
 *   a record's evidence files, listed, added by the entering source before confirmation, read back;
 * - `GET /student-records/approvals/:subject/:documentId/timeline` and
 *   `POST /student-records/approvals/:subject/:documentId/:action`: the 审批办理 panel of an appeal
 *   or an amendment, driven by the approval engine as the content API's routes are.
 *
 * Each needs the admin permission its content-API action needs (STAFF_ACTIONS, one definition), and
 * reads inside the caller's request: the database scope and the integrity visibility apply, and a
 * staff member's read writes its audit line.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { INDICATOR_LABELS, RECORD_KIND_LABELS, RECORD_LEVEL_LABELS, RECORD_STATE_LABELS, type Indicator, type RecordKind, type RecordLevel, type RecordState } from '../../domain/integrity';
import { WORKFLOW_ACTIONS, type WorkflowAction } from '../../domain/approval-vocabulary';
import { abilityAllows } from '../../domain/permissions';
import { ENUM_LABELS } from '../../domain/enum-labels';
import { parseActionBody } from '../approval/action-request';
import { runWorkflowAction } from '../approval/engine';
import { approvalSubject } from '../approval/registry';
import { approvalTimeline } from '../approval/timeline';
import { recordAudit } from '../audit/record';
import { idempotent, type IdempotentContext } from '../idempotency';
import { readsAnothersIntegrity } from '../../document-middlewares/integrity-reads';
import { sendDocument, withUploadedFiles } from '../private-documents';
import { attachEvidence, evidenceFile, evidenceList } from './evidence';
import { studentIntegrity } from './student-panel';
import { recordTimeline } from './timeline';
import { INTEGRITY_ARCHIVE, INTEGRITY_RECORD } from './uids';
import { Forbidden } from '../forbidden';

export const ADMIN_INTEGRITY_PATH = '/student-records/integrity';
export const ADMIN_APPROVALS_PATH = '/student-records/approvals';
/** The subjects these routes drive (status changes have their own, with documents and history). */
export const ADMIN_APPROVAL_SUBJECTS = ['integrity-appeal', 'integrity-amendment'] as const;

type AdminCtx = {
  params: Record<string, string>;
  request: { body?: unknown };
  body: unknown;
  status: number;
  state: { userAbility?: { can(action: string, subject?: string | null): boolean } };
};

/** Whether the caller's admin role holds what the content-API action `uid.action` needs. */
function adminMay(ctx: unknown, action: string): boolean {
  return abilityAllows((ctx as AdminCtx).state.userAbility, action);
}

function assertAdminMay(ctx: unknown, action: string): void {
  if (!adminMay(ctx, action)) throw new Forbidden('您的后台角色没有此项权限 (your role does not allow this)');
}

/** The subject named in the path; anything else is a 404. */
function subjectOf(strapi: Core.Strapi, ctx: unknown) {
  const name = (ctx as AdminCtx).params.subject;
  if (!(ADMIN_APPROVAL_SUBJECTS as readonly string[]).includes(name)) throw new errors.NotFoundError('Not Found');
  return approvalSubject(strapi, name);
}

type Raw = Record<string, any>;

/** What the decider needs beside the chain: the record the request names, and the student's reason. */
function requestFacts(raw: Raw | undefined) {
  const record = raw?.record as Raw | null | undefined;
  return {
    reason: (raw?.reason as string | null | undefined) ?? null,
    reformEvidence: (raw?.reformEvidence as string | null | undefined) ?? null,
    effect: (raw?.effect as Record<string, unknown> | null | undefined) ?? null,
    submittedAt: (raw?.submittedAt as string | null | undefined) ?? null,
    decidedAt: (raw?.decidedAt as string | null | undefined) ?? null,
    record: record
      ? {
          documentId: record.documentId as string,
          title: record.title as string,
          description: (record.description as string | null) ?? null,
          occurredOn: record.occurredOn as string,
          indicatorLabel: INDICATOR_LABELS[record.indicator as Indicator] ?? record.indicator,
          kindLabel: RECORD_KIND_LABELS[record.kind as RecordKind] ?? record.kind,
          stateLabel: RECORD_STATE_LABELS[record.state as RecordState] ?? record.state,
          levelLabel: RECORD_LEVEL_LABELS[record.level as RecordLevel] ?? record.level,
          sourceOfficeLabel: record.sourceOffice === 'department' ? '系部' : (ENUM_LABELS[record.sourceOffice] ?? record.sourceOffice),
          version: record.version as number,
        }
      : null,
  };
}

/** The request's timeline as the caller may see it, with its facts; a staff member's read is audited (the engine audits its actions). */
async function requestTimeline(strapi: Core.Strapi, ctx: unknown, documentId: string, audit: boolean) {
  const subject = subjectOf(strapi, ctx);
  const { row, actor, timeline } = await approvalTimeline(strapi, subject, documentId, (action) => adminMay(ctx, `${subject.uid}.${action}`));
  if (audit && readsAnothersIntegrity(actor)) await recordAudit(strapi, { action: 'read', targetType: subject.uid, targetDocumentId: documentId, fields: ['timeline'] }, actor);
  return { ...timeline, ...requestFacts((row as { raw?: Raw }).raw) };
}

export function registerIntegrityAdminRoutes(strapi: Core.Strapi): void {
  const config = { policies: ['admin::isAuthenticatedAdmin'] };
  const route = (method: 'GET' | 'POST', path: string, handler: (ctx: AdminCtx) => Promise<void>) => ({
    method,
    path,
    handler: (ctx: unknown) => handler(ctx as AdminCtx),
    info: { type: 'admin' },
    config,
  });
  strapi.server.routes({
    type: 'admin',
    routes: [
      route('GET', `${ADMIN_INTEGRITY_PATH}/students/:documentId`, async (ctx) => {
        assertAdminMay(ctx, `${INTEGRITY_ARCHIVE}.summary`);
        ctx.body = { data: await studentIntegrity(strapi, ctx.params.documentId, adminMay(ctx, `${INTEGRITY_RECORD}.find`)) };
      }),
      route('GET', `${ADMIN_INTEGRITY_PATH}/records/:documentId/timeline`, async (ctx) => {
        assertAdminMay(ctx, `${INTEGRITY_RECORD}.timeline`);
        ctx.body = { data: await recordTimeline(strapi, ctx.params.documentId) };
      }),
      route('GET', `${ADMIN_INTEGRITY_PATH}/records/:documentId/evidence`, async (ctx) => {
        assertAdminMay(ctx, `${INTEGRITY_RECORD}.evidence`);
        ctx.body = { data: await evidenceList(strapi, ctx.params.documentId) };
      }),
      route('POST', `${ADMIN_INTEGRITY_PATH}/records/:documentId/evidence`, async (ctx) => {
        assertAdminMay(ctx, `${INTEGRITY_RECORD}.attachEvidence`);
        const { documentId } = ctx.params;
        await withUploadedFiles(ctx as unknown as Parameters<typeof withUploadedFiles>[0], (files) => attachEvidence(strapi, documentId, files));
        ctx.status = 201;
        ctx.body = { data: await evidenceList(strapi, documentId) };
      }),
      route('GET', `${ADMIN_INTEGRITY_PATH}/records/:documentId/evidence/:fileId`, async (ctx) => {
        assertAdminMay(ctx, `${INTEGRITY_RECORD}.evidence`);
        sendDocument(ctx as unknown as Parameters<typeof sendDocument>[0], await evidenceFile(strapi, ctx.params.documentId, ctx.params.fileId));
      }),
      route('GET', `${ADMIN_APPROVALS_PATH}/:subject/:documentId/timeline`, async (ctx) => {
        const subject = subjectOf(strapi, ctx);
        assertAdminMay(ctx, `${subject.uid}.timeline`);
        ctx.body = { data: await requestTimeline(strapi, ctx, ctx.params.documentId, true) };
      }),
      route('POST', `${ADMIN_APPROVALS_PATH}/:subject/:documentId/:action`, async (ctx) => {
        const subject = subjectOf(strapi, ctx);
        const { documentId, action } = ctx.params;
        if (!(WORKFLOW_ACTIONS as readonly string[]).includes(action)) throw new errors.NotFoundError('Not Found');
        assertAdminMay(ctx, `${subject.uid}.${action}`);
        await idempotent(strapi, ctx as unknown as IdempotentContext, async () => {
          const input = parseActionBody(action as WorkflowAction, ctx.request.body, subject.parseOutcome);
          await runWorkflowAction(strapi, subject, { documentId, action: action as WorkflowAction, ...input });
          ctx.body = { data: await requestTimeline(strapi, ctx, documentId, false) };
        });
      }),
    ],
  });
}
