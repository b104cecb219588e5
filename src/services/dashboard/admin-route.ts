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
import { DASHBOARD_DATASETS, datasetDeclaration, type DatasetDeclaration, type DatasetResult } from '../../domain/dashboard';
import { STAFF_ACTIONS } from '../../domain/permissions';
import { today } from '../clock';
import { currentActor } from '../scope/actor';
import { assertDashboardProviders, dashboardProvider, registerDashboardDataset } from './registry';
import { statusChangesByMonth } from './providers/status-changes-by-month';
import { studentsByStatus } from './providers/students-by-status';

export const ADMIN_DASHBOARD_PATH = '/student-records/dashboard';

type AdminCtx = {
  params: { dataset: string };
  state: { userAbility?: { can(action: string, subject?: string | null): boolean } };
  body: unknown;
};

/** Whether the caller's admin role holds the permission a dataset's declaration names. */
function mayRead(ctx: AdminCtx, declaration: DatasetDeclaration): boolean {
  const requirement = STAFF_ACTIONS[declaration.permission];
  return Boolean(requirement && ctx.state.userAbility?.can(requirement.action, requirement.subject ?? undefined));
}

export async function datasetFor(strapi: Core.Strapi, ctx: AdminCtx): Promise<DatasetResult> {
  const declaration = datasetDeclaration(ctx.params.dataset);
  const provider = declaration && dashboardProvider(strapi, declaration.name);
  if (!declaration || !provider) throw new errors.NotFoundError('没有这个统计图表');
  if (!mayRead(ctx, declaration)) throw new errors.ForbiddenError('您的后台角色没有查看此统计的权限');
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
          ctx.body = { data: await datasetFor(strapi, ctx as unknown as AdminCtx) };
        },
        info: { type: 'admin' },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  });
}
