/** Students: the core CRUD, and bulk admission (`POST /api/students/admissions`). */
import { factories } from '@strapi/strapi';
import { MAX_ADMISSIONS_PER_REQUEST } from '../../../domain/constants';
import { fieldError } from '../../../services/field-error';
import type admissionsService from '../services/admissions';
import type myRequestsService from '../services/my-requests';
import { currentActor } from '../../../services/scope/actor';
import { columnsOf } from '../../../services/excel/columns';
import { listConditions, sendExport, type ExportContext } from '../../../services/excel/export-request';
import { idempotent } from '../../../services/idempotency';

type Admissions = ReturnType<typeof admissionsService>;
type MyRequests = ReturnType<typeof myRequestsService>;

export default factories.createCoreController('api::student.student', ({ strapi }) => ({
  async admit(ctx) {
    const body = ctx.request.body as { data?: unknown } | undefined;
    const rows = body?.data;
    if (!Array.isArray(rows) || rows.length === 0) throw fieldError('data', 'data must be a non-empty array of students');
    if (rows.length > MAX_ADMISSIONS_PER_REQUEST) {
      throw fieldError('data', `at most ${MAX_ADMISSIONS_PER_REQUEST} students per request`);
    }
    if (rows.some((row) => !row || typeof row !== 'object' || Array.isArray(row))) {
      throw fieldError('data', 'every row must be an object');
    }
    const actor = await currentActor(strapi);
    // A retry with the same Idempotency-Key gets this answer again instead of 'already admitted'.
    await idempotent(strapi, ctx, async () => {
      // admitMany works unscoped (as the system), so the request's actor is handed to the audit.
      const admitted = await (strapi.service('api::student.admissions') as Admissions).admitForActor(rows, actor);
      ctx.status = 201;
      ctx.body = { data: admitted, meta: { count: admitted.length } };
    });
  },

  /** GET /api/students/export: the list as .xlsx, with the list's filters, sort and the caller's scope. */
  async export(ctx) {
    const schema = strapi.getModel('api::student.student');
    const conditions: Record<string, unknown> = { ...listConditions(ctx.query as Record<string, unknown>) };
    await strapi.contentAPI.validate.query(conditions, schema, { auth: ctx.state.auth });
    const query = await strapi.contentAPI.sanitize.query(conditions, schema, { auth: ctx.state.auth });
    const actor = await currentActor(strapi);
    const mayReveal = actor.staffActions?.has('api::student.student.reveal') ?? false;
    await sendExport(strapi, ctx as unknown as ExportContext, 'api::student.student', { columns: await columnsOf(strapi, 'api::student.student'), query, mayReveal });
  },

  /** POST /api/students/:documentId/reveal: personal data in clear, with a logged reason. */
  async reveal(ctx) {
    ctx.body = await strapi.service('api::student.reveal').reveal(ctx);
  },

  /** GET /api/me: the signed-in student's own record. */
  async me(ctx) {
    ctx.body = { data: await strapi.service('api::student.me').ownRecord(ctx.state.user?.id) };
  },

  /** GET /api/me/status-changes: the signed-in student's own requests. */
  async myStatusChanges(ctx) {
    ctx.body = { data: await (strapi.service('api::student.my-requests') as MyRequests).list(ctx.state.user?.id) };
  },

  /** POST /api/me/status-changes: a draft request for the signed-in student themself. */
  async createMyStatusChange(ctx) {
    ctx.status = 201;
    ctx.body = { data: await (strapi.service('api::student.my-requests') as MyRequests).create(ctx.state.user?.id, ctx.request.body) };
  },

  /** GET /api/me/notifications: what the school has told the signed-in student. */
  async myNotifications(ctx) {
    ctx.body = { data: await (strapi.service('api::student.my-requests') as MyRequests).notifications(ctx.state.user?.id) };
  },
}));
