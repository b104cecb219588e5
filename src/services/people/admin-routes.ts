/**
 * Names for the admin's lists and panels, on the admin API: `GET /student-records/audit/labels`
 * (who and what each audit row names) and `GET /student-records/status-changes/applicants` (who
 * filed each request). Each is open to those who may read the rows it names, and reads inside the
 * caller's request, so the department scope applies. Registered from `register()`: Strapi 5
 * forces routes under src/api to the content API.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONTENT_MANAGER } from '../../domain/permissions';
import { auditLabels, parseEntryIds } from '../audit/labels';
import { AUDIT_LOG } from '../audit/record';
import { fieldError } from '../field-error';
import { applicantLabels } from './applicants';
import { Forbidden } from '../forbidden';

export const AUDIT_LABELS_PATH = '/student-records/audit/labels';
export const APPLICANTS_PATH = '/student-records/status-changes/applicants';
const STATUS_CHANGE = 'api::status-change.status-change';

type AdminCtx = { query: Record<string, unknown>; body: unknown; state: { userAbility?: { can(action: string, subject?: string): boolean } } };

/** Refuses a caller whose role may not read `uid` in the Content Manager. */
function assertMayRead(ctx: AdminCtx, uid: string, what: string): void {
  if (!ctx.state.userAbility?.can(`${CONTENT_MANAGER}.read`, uid)) throw new Forbidden(`本人的后台角色不能查看${what}`);
}

/** The `documentIds` parameter of the applicants route: at most one list page of request ids. */
function parseRequestIds(raw: unknown): string[] {
  try {
    return parseEntryIds(raw);
  } catch {
    throw fieldError('documentIds', '请以逗号分隔的编号指定学籍异动，一次最多 100 条 (documentIds must be up to 100 document ids)');
  }
}

export function registerPeopleAdminRoutes(strapi: Core.Strapi): void {
  const config = { policies: ['admin::isAuthenticatedAdmin'] };
  strapi.server.routes({
    type: 'admin',
    routes: [
      {
        method: 'GET',
        path: AUDIT_LABELS_PATH,
        handler: async (ctx) => {
          const admin = ctx as unknown as AdminCtx;
          assertMayRead(admin, AUDIT_LOG, '审计日志');
          ctx.body = { data: await auditLabels(strapi, parseEntryIds(admin.query.entries)) };
        },
        info: { type: 'admin' },
        config,
      },
      {
        method: 'GET',
        path: APPLICANTS_PATH,
        handler: async (ctx) => {
          const admin = ctx as unknown as AdminCtx;
          assertMayRead(admin, STATUS_CHANGE, '学籍异动');
          ctx.body = { data: await applicantLabels(strapi, parseRequestIds(admin.query.documentIds)) };
        },
        info: { type: 'admin' },
        config,
      },
    ],
  });
}
