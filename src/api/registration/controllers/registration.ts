/**
 * Registrations: the scoped reads, the engine's actions (department review, academic affairs'
 * decision, the student's confirmation, batch decisions of a class), opening a semester, the
 * window's end, late registration, the report and the unregistered list, and the student's own.
 */
import { factories, type Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { approvalHandlers } from '../../../services/approval/subject-controller';
import { approvalSubject } from '../../../services/approval/registry';
import { parseActionBody } from '../../../services/approval/action-request';
import { runWorkflowAction } from '../../../services/approval/engine';
import { idempotent } from '../../../services/idempotency';
import { sendReportSheet, wantsSheet } from '../../../services/excel/report-sheet';
import { sendDocument, withUploadedFiles } from '../../../services/private-documents';
import { currentActor } from '../../../services/scope/actor';
import { coverageLabel } from '../../../services/scope/coverage';
import { attachRegistrationDocuments, registrationDocument } from '../services/documents';
import { myRegistrations, ownStudent, updateMyRegistration } from '../services/mine';
import { openRegistration } from '../services/open';
import { reopenRegistration } from '../services/reopen';
import { registrationReport, reportSheet } from '../services/report';
import { semesterByCode, semesterOfQuery } from '../services/semesters';
import { studentRegistration } from '../services/student-status';
import { unregisteredSheet, unregisteredStudents } from '../services/unregistered';
import { closeRegistrationWindows } from '../services/window-end';
import { REGISTRATION } from '../repositories/registration-rows';
import { Forbidden } from '../../../services/forbidden';

const POPULATE = ['student', 'semester', 'department', 'schoolClass'];
type Sanitize = (entity: unknown, ctx: Context) => Promise<unknown>;
const body = (ctx: Context) => ((ctx.request.body ?? {}) as Record<string, unknown>);

/** Opening a semester and closing windows change every department's rows: academic affairs (or anyone unlimited) only. */
async function assertWholeSchool(strapi: Core.Strapi): Promise<void> {
  const actor = await currentActor(strapi);
  if (actor.scope.kind !== 'all') throw new Forbidden('只有教务处可以开放或结束全校的注册 (academic affairs only)');
}

export default factories.createCoreController(REGISTRATION as never, ({ strapi }) => ({
  ...approvalHandlers(strapi, 'registration', POPULATE),

  /** POST /api/registrations/open { semester }: the expected rows of every student who should register. */
  async open(ctx: Context) {
    await assertWholeSchool(strapi);
    const semester = await semesterByCode(strapi, body(ctx).semester);
    ctx.body = { data: await openRegistration(strapi, semester) };
  },

  /** POST /api/registrations/close-window { semester? }: the window's end, now (the scheduler runs it daily). */
  async closeWindow(ctx: Context) {
    await assertWholeSchool(strapi);
    const code = body(ctx).semester;
    const semester = code === undefined ? null : await semesterByCode(strapi, code);
    ctx.body = { data: await closeRegistrationWindows(strapi, semester?.id ?? null) };
  },

  /** POST /api/registrations/:documentId/reopen { until }: late registration (补办) of a missed one. */
  async reopen(this: { sanitizeOutput: Sanitize }, ctx: Context) {
    const { documentId } = ctx.params as Record<string, string>;
    await reopenRegistration(strapi, documentId, body(ctx).until);
    // Sanitized as the engine's actions answer: no private column, no cipher or blind index of the student.
    const entity = await strapi.documents(REGISTRATION as never).findOne({ documentId, populate: POPULATE } as never);
    ctx.body = { data: await this.sanitizeOutput(entity, ctx) };
  },

  /** GET /api/registrations/report?semester=&format=xlsx */
  async report(ctx: Context) {
    const sheet = wantsSheet(ctx.query as Record<string, unknown>);
    const semester = await semesterOfQuery(strapi, (ctx.query as Record<string, unknown>).semester);
    const report = await registrationReport(strapi, semester);
    if (sheet) await sendReportSheet(ctx, reportSheet(report, await coverageLabel(strapi, (await currentActor(strapi)).scope)));
    else ctx.body = { data: report };
  },

  /** GET /api/registrations/unregistered?semester=&format=xlsx */
  async unregistered(ctx: Context) {
    const sheet = wantsSheet(ctx.query as Record<string, unknown>);
    const semester = await semesterOfQuery(strapi, (ctx.query as Record<string, unknown>).semester);
    const rows = await unregisteredStudents(strapi, semester.id);
    if (sheet) await sendReportSheet(ctx, unregisteredSheet(semester.code, await coverageLabel(strapi, (await currentActor(strapi)).scope), rows));
    else ctx.body = { data: rows, meta: { semester: semester.code, total: rows.length } };
  },

  /** GET /api/registrations/:documentId/documents/:fileId */
  async document(ctx: Context) {
    const { documentId, fileId } = ctx.params as Record<string, string>;
    sendDocument(ctx, await registrationDocument(strapi, documentId, fileId));
  },

  /** GET /api/students/:documentId/registration: the current semester's registration, for other systems. */
  async ofStudent(ctx: Context) {
    ctx.body = { data: await studentRegistration(strapi, (ctx.params as Record<string, string>).documentId) };
  },

  /** GET /api/me/registrations */
  async mine(ctx: Context) {
    ctx.body = { data: await myRegistrations(strapi) };
  },

  /** PUT /api/me/registrations/:documentId { healthChanged?, note? } */
  async updateMine(ctx: Context) {
    ctx.body = { data: await updateMyRegistration(strapi, (ctx.params as Record<string, string>).documentId, ctx.request.body) };
  },

  /** POST /api/me/registrations/:documentId/documents (multipart: kind, files) */
  async attachMine(ctx: Context) {
    const { documentId } = ctx.params as Record<string, string>;
    const kind = body(ctx).kind;
    ctx.status = 201;
    ctx.body = { data: await withUploadedFiles(ctx, (files) => attachRegistrationDocuments(strapi, documentId, kind, files)) };
  },

  /** POST /api/me/registrations/:documentId/submit and /confirm: the engine's submit and the student's approval of their step. */
  async submitMine(ctx: Context) {
    await mineAction(strapi, ctx, ctx.params.documentId && (await isResubmission(strapi, ctx)) ? 'resubmit' : 'submit');
  },
  async confirmMine(ctx: Context) {
    await mineAction(strapi, ctx, 'approve');
  },
}));

async function isResubmission(strapi: Core.Strapi, ctx: Context): Promise<boolean> {
  const row = (await strapi.db.query(REGISTRATION as never).findOne({ where: { documentId: (ctx.params as Record<string, string>).documentId }, select: ['workflowState'] })) as { workflowState: string } | null;
  return row?.workflowState === 'returned';
}

async function mineAction(strapi: Core.Strapi, ctx: Context, action: 'submit' | 'resubmit' | 'approve'): Promise<void> {
  const { documentId } = ctx.params as Record<string, string>;
  await ownStudent(strapi);
  await idempotent(strapi, ctx, async () => {
    const input = parseActionBody(action, ctx.request.body, approvalSubject(strapi, 'registration').parseOutcome);
    await runWorkflowAction(strapi, approvalSubject(strapi, 'registration'), { documentId, action, ...input });
    ctx.body = { data: (await myRegistrations(strapi)).find((r) => r.documentId === documentId) ?? null };
  });
}
