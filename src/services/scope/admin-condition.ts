/**
 * The "本系部" (own department) condition on the admin's Roles page. It reads the same membership
 * scope as the database layer, so the admin's permission checks (edit buttons, 403s on another
 * department's entry) agree with what the lists show.
 */
import type { Core } from '@strapi/strapi';
import { scopeCondition, type Scope } from '../../domain/scope';
import { EpochCache, requestEpoch } from '../permissions/auth-cache';
import { membershipScope } from './actor';

export const OWN_DEPARTMENT_CONDITION = 'api::own-department';

/**
 * Strapi calls the handler once per permission carrying the condition each time it builds a
 * user's ability, that is on every admin request (a department manager's role: a dozen times). The
 * memberships are read once per admin login and auth epoch (src/services/permissions/auth-cache.ts:
 * any change to memberships, offices or admin users moves the epoch, so the next request reads
 * them again, as the actor's cache does); outside a request they are read every time. One cache
 * per Strapi instance.
 */
export function registerAdminCondition(strapi: Core.Strapi): Promise<unknown> {
  const scopes = new EpochCache<Scope>();
  return strapi.service('admin::permission').conditionProvider.register({
    displayName: '本系部',
    name: 'own-department',
    category: '学籍',
    async handler(user: { id: number; permission?: { subject?: string } }) {
      const subject = user.permission?.subject;
      if (!subject) return true;
      const scope = await scopes.get(`admin:${user.id}`, requestEpoch(strapi), () => membershipScope(strapi, { adminUser: user.id }));
      return scopeCondition(subject, scope);
    },
  });
}
