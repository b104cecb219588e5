/**
 * Printing for the admin panel: a class roster (GET /student-records/school-classes/:documentId/
 * roster.pdf), with the same permission as on the content API (src/domain/permissions.ts) and the
 * caller's scope. The status-change form is among the status-change admin routes.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { STAFF_ACTIONS } from '../../domain/permissions';
import { classRosterPdf } from './class-roster';
import { sendPdf } from './pdf';
import { Forbidden } from '../forbidden';

type AdminCtx = { params: Record<string, string>; state: { userAbility?: { can(action: string, subject?: string): boolean } } };

const ROSTER = STAFF_ACTIONS['api::school-class.school-class.rosterPdf'];

export function registerPrintAdminRoutes(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    routes: [
      {
        method: 'GET',
        path: '/student-records/school-classes/:documentId/roster.pdf',
        handler: async (ctx) => {
          const { params, state } = ctx as unknown as AdminCtx;
          if (!state.userAbility?.can(ROSTER.action, ROSTER.subject ?? undefined)) throw new Forbidden('本人的后台角色没有此项权限 (your role does not allow this)');
          sendPdf(ctx, await classRosterPdf(strapi, params.documentId));
        },
        info: { type: 'admin' },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  });
}
