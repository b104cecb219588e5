/**
 * The reveal for the admin panel: `POST /student-records/students/:documentId/reveal` on the
 * admin API (admin session or admin token), for roles holding the 查看完整个人信息 permission.
 * Strapi 5 forces routes under src/api to the content API, so this one is registered from
 * `register()`.
 */
import type { Core } from '@strapi/strapi';
import { REVEAL_ACTION } from '../../bootstrap/roles';
import { revealFromRequest, type RevealContext } from './reveal';

export const ADMIN_REVEAL_PATH = '/student-records/students/:documentId/reveal';

export function registerRevealAdminRoute(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    routes: [
      {
        method: 'POST',
        path: ADMIN_REVEAL_PATH,
        handler: async (ctx) => {
          // @koa/router and Strapi's body parser add `params` and `request.body` at run time.
          ctx.body = await revealFromRequest(strapi, ctx as unknown as RevealContext);
        },
        info: { type: 'admin' },
        config: {
          policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [REVEAL_ACTION] } }],
        },
      },
    ],
  });
}
