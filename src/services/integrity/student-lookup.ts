/**
 * A source office (finance, security, the library...) enters records for any student but reaches
 * no student rows (memberships decide the rows). In the Content Manager, the student picker of a
 * new integrity record therefore finds a student by their full student number, school-wide, for a
 * member of an office: an exact lookup, as the office's own lists name students, never a browse.
 * Anyone else's picker keeps to their scope.
 */
import type { Core } from '@strapi/strapi';
import { STUDENT_NUMBER_PATTERN } from '../../domain/student-number';
import { currentActor } from '../scope/actor';
import { withoutScope } from '../scope/context';

/** Types an office enters for any student: integrity records (source offices), fee statuses (finance). */
const LOOKUP_MODELS = new Set(['api::integrity-record.integrity-record', 'api::fee-status.fee-status']);

type Ctx = { params?: Record<string, string>; query: Record<string, unknown> };
type Route = { path: string; config?: { middlewares?: unknown[] } };

/** Added to the Content Manager's picker route in `register`, so that it runs after authentication. */
export function installIntegrityStudentLookup(strapi: Core.Strapi): void {
  const routes = (strapi.plugin('content-manager').routes as unknown as { admin: { routes: Route[] } }).admin.routes;
  const picker = routes.find((route) => route.path === '/relations/:model/:targetField');
  if (!picker) throw new Error('the Content Manager\'s relation picker route is not where it was: the integrity student lookup cannot be installed');
  picker.config = { ...(picker.config ?? {}), middlewares: [...(picker.config?.middlewares ?? []), lookup(strapi)] };
}

function lookup(strapi: Core.Strapi) {
  return async (ctx: Ctx, next: () => Promise<unknown>) => {
    if (!LOOKUP_MODELS.has(ctx.params?.model ?? '') || ctx.params?.targetField !== 'student') return next();
    const search = typeof ctx.query._q === 'string' ? ctx.query._q.trim() : '';
    if (!STUDENT_NUMBER_PATTERN.test(search)) return next();
    const actor = await currentActor(strapi);
    const offices = 'staff' in actor.scope ? (actor.scope.staff?.offices ?? []) : [];
    if (actor.kind !== 'admin' || offices.length === 0) return next();
    return withoutScope(next);
  };
}
