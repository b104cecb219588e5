/**
 * Excel for the admin panel (the Content Manager's list buttons), on the admin API; registered
 * from `register()` because Strapi 5 forces routes under src/api to the content API. Each route
 * asks the one permission table (src/domain/permissions.ts), as the content API does.
 */
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { abilityAllows, REVEAL_PERMISSION, STAFF_ACTIONS, STUDENT } from '../../domain/permissions';
import { columnsOf, exportableTypes } from './columns';
import { listConditions, sendExport, XLSX_TYPE, type ExportContext } from './export-request';
import { importAdmissions, type UploadedSheet } from './import';
import { buildTemplate } from './template';
import { Forbidden } from '../forbidden';

export const ADMIN_EXCEL_PATH = '/student-records/excel';

type Ability = { can(action: string, subject?: string | null, field?: string): boolean };
type AdminCtx = ExportContext & {
  params: Record<string, string>;
  state: { userAbility?: Ability };
  request: { files?: Record<string, UploadedSheet | UploadedSheet[]> };
};
interface PermissionChecker {
  can: { read(entity: unknown, field?: string): boolean };
  cannot: { read(): boolean };
  sanitizedQuery: { read(query: unknown): Promise<Record<string, unknown>> };
}
type Admissions = { admitForActor: Parameters<typeof importAdmissions>[2] };

const FORBIDDEN = '本人的后台角色没有此项权限 (your role does not allow this)';

/** Whether the admin role holds what the content-API action needs (one definition). */
function assertMay(ctx: AdminCtx, action: string): void {
  if (!abilityAllows(ctx.state.userAbility, action)) throw new Forbidden(FORBIDDEN);
}

async function exportList(strapi: Core.Strapi, ctx: AdminCtx): Promise<void> {
  const { uid } = ctx.params;
  if (!exportableTypes(strapi).includes(uid)) throw new errors.NotFoundError('Not Found');
  // A type's export needs what reading its list needs: `<uid>.export` where the table has it.
  const requirement = STAFF_ACTIONS[`${uid}.export`] ? `${uid}.export` : `${uid}.find`;
  if (STAFF_ACTIONS[requirement]) assertMay(ctx, requirement);
  const ability = ctx.state.userAbility as Ability;
  const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ability, model: uid }) as PermissionChecker;
  if (checker.cannot.read()) throw new Forbidden(FORBIDDEN);
  // The Content Manager's own sanitizing: the role's fields and conditions, as its list applies them.
  const query = await checker.sanitizedQuery.read(listConditions(ctx.query));
  const columns = (await columnsOf(strapi, uid)).filter((c) => checker.can.read(null, c.field));
  await sendExport(strapi, ctx, uid, { columns, query: listConditions(query), mayReveal: ability.can(REVEAL_PERMISSION) });
}

async function sendTemplate(strapi: Core.Strapi, ctx: AdminCtx): Promise<void> {
  const workbook = await buildTemplate(strapi);
  ctx.set('Content-Type', XLSX_TYPE);
  ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('新生导入模板.xlsx')}`);
  ctx.set('Cache-Control', 'private, no-store');
  ctx.body = Buffer.from(await workbook.xlsx.writeBuffer());
}

async function importSheet(strapi: Core.Strapi, ctx: AdminCtx): Promise<void> {
  const sent = ctx.request.files?.file;
  const files = sent ? (Array.isArray(sent) ? sent : [sent]) : [];
  try {
    const admissions = strapi.service('api::student.admissions') as unknown as Admissions;
    const result = await importAdmissions(strapi, files[0], admissions.admitForActor);
    ctx.status = 201;
    ctx.body = result;
  } finally {
    await Promise.all(files.map((file) => fs.promises.rm(file.filepath, { force: true })));
  }
}

export function registerExcelAdminRoutes(strapi: Core.Strapi): void {
  const config = { policies: ['admin::isAuthenticatedAdmin'] };
  const route = (method: 'GET' | 'POST', path: string, action: string | null, work: (ctx: AdminCtx) => Promise<void>) => ({
    method,
    path: `${ADMIN_EXCEL_PATH}${path}`,
    handler: async (ctx: unknown) => {
      if (action) assertMay(ctx as AdminCtx, action);
      await work(ctx as AdminCtx);
    },
    info: { type: 'admin' },
    config,
  });
  strapi.server.routes({
    type: 'admin',
    routes: [
      route('GET', '/admissions/template', `${STUDENT}.admit`, (ctx) => sendTemplate(strapi, ctx)),
      route('POST', '/admissions/import', `${STUDENT}.admit`, (ctx) => importSheet(strapi, ctx)),
      route('GET', '/export/:uid', null, (ctx) => exportList(strapi, ctx)),
    ],
  } as never);
}
