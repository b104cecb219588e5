/**
 * `GET /student-records/dashboard/:dataset` on the admin API: one home-page dataset, for a role
 * holding the admin permission its declaration names (the STAFF_ACTIONS entry, as every other
 * door checks it), counted over the caller's scope. `GET /student-records/dashboard`: every
 * declared dataset the caller may read, in one answer (the home page's charts ask once instead
 * of once per chart; a dataset the role may not read is left out, as its widget is). Strapi 5
 * forces routes under src/api to the content API, so these are registered from `register()`.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DASHBOARD_DATASETS, datasetDeclaration, pivot, pivotTable, type DatasetDeclaration, type DatasetResult } from '../../domain/dashboard';
import { fieldError } from '../field-error';
import { sendReportSheet, wantsSheet, type ReportSheet } from '../excel/report-sheet';
import { abilityAllows } from '../../domain/permissions';
import { today } from '../clock';
import { currentActor } from '../scope/actor';
import { assertDashboardProviders, dashboardProvider, registerDashboardDataset } from './registry';
import { statusChangesByMonth } from './providers/status-changes-by-month';
import { studentsByStatus } from './providers/students-by-status';
import { Forbidden } from '../forbidden';

export const ADMIN_DASHBOARD_PATH = '/student-records/dashboard';

type AdminCtx = {
  params: { dataset: string };
  query?: Record<string, unknown>;
  state: { userAbility?: { can(action: string, subject?: string | null): boolean } };
  body: unknown;
};

/** Whether the caller's admin role holds the permission a dataset's declaration names. */
function mayRead(ctx: AdminCtx, declaration: DatasetDeclaration): boolean {
  return abilityAllows(ctx.state.userAbility, declaration.permission);
}

export async function datasetFor(strapi: Core.Strapi, ctx: AdminCtx): Promise<DatasetResult> {
  const declaration = datasetDeclaration(ctx.params.dataset);
  const provider = declaration && dashboardProvider(strapi, declaration.name);
  if (!declaration || !provider) throw new errors.NotFoundError('没有这个统计图表');
  if (!mayRead(ctx, declaration)) throw new Forbidden('您的后台角色没有查看此统计的权限');
  const body = await provider.load(strapi, { actor: await currentActor(strapi), today: today() });
  return { dataset: declaration.name, title: declaration.title, ...body };
}

/** Every declared dataset the caller may read, in declaration order, each over the caller's scope. */
export async function readableDatasets(strapi: Core.Strapi, ctx: AdminCtx): Promise<DatasetResult[]> {
  const context = { actor: await currentActor(strapi), today: today() };
  const results: DatasetResult[] = [];
  // One after the other: the providers read through the request's ambient connection.
  for (const declaration of DASHBOARD_DATASETS) {
    const provider = dashboardProvider(strapi, declaration.name);
    if (!provider || !mayRead(ctx, declaration)) continue;
    results.push({ dataset: declaration.name, title: declaration.title, ...(await provider.load(strapi, context)) });
  }
  return results;
}

/**
 * A chart's numbers as an .xlsx sheet (`format=xlsx`): the table under the chart (a row per
 * category, a column per series, totals), under the widget's filter when `filter` names one.
 */
export function datasetSheet(result: DatasetResult, filter: unknown): ReportSheet {
  const chosen = filter === undefined || filter === '' ? null : result.filters.find((f) => f.key === filter);
  if (chosen === undefined) throw fieldError('filter', `filter 须为 ${result.filters.map((f) => f.key).join(', ') || '空'} 之一`);
  const table = pivotTable(pivot(result, chosen?.key ?? null), result.categoryHeading);
  const coverage = result.coverage.kind === 'school' ? '全校' : result.coverage.departments.join('、');
  const subtitle = [result.period, chosen?.label, `范围：${coverage}`, `单位：${result.unit}`].filter(Boolean).join(' · ');
  return { title: result.title, subtitle, headings: table.header, rows: table.rows.slice(0, -1), totals: table.rows[table.rows.length - 1] };
}

/** The built-in datasets and the route; every declared dataset must be served once the database is up. */
export function registerDashboard(strapi: Core.Strapi): void {
  registerDashboardDataset(strapi, studentsByStatus);
  registerDashboardDataset(strapi, statusChangesByMonth);
  strapi.hook('strapi::content-types.afterSync').register(() => assertDashboardProviders(strapi));
  strapi.server.routes({
    type: 'admin',
    routes: [
      {
        method: 'GET',
        path: ADMIN_DASHBOARD_PATH,
        handler: async (ctx) => {
          ctx.body = { data: await readableDatasets(strapi, ctx as unknown as AdminCtx) };
        },
        info: { type: 'admin' },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
      {
        method: 'GET',
        path: `${ADMIN_DASHBOARD_PATH}/:dataset`,
        handler: async (ctx) => {
          const { query } = ctx as unknown as AdminCtx;
          const sheet = wantsSheet(query);
          const result = await datasetFor(strapi, ctx as unknown as AdminCtx);
          if (sheet) await sendReportSheet(ctx, datasetSheet(result, query?.filter));
          else ctx.body = { data: result };
        },
        info: { type: 'admin' },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  });
}
