/**
 * The "本系部" (own department) condition on the admin's Roles page. It reads the same membership
 * scope as the database layer, so the admin's permission checks (edit buttons, 403s on another
 * department's entry) agree with what the lists show.
 */
import type { Core } from '@strapi/strapi';
import { scopeCondition } from '../../domain/scope';
import { membershipScope } from './actor';

export const OWN_DEPARTMENT_CONDITION = 'api::own-department';

export function registerAdminCondition(strapi: Core.Strapi): Promise<unknown> {
  return strapi.service('admin::permission').conditionProvider.register({
    displayName: '本系部',
    name: 'own-department',
    category: '学籍',
    async handler(user: { id: number; permission?: { subject?: string } }) {
      const subject = user.permission?.subject;
      if (!subject) return true;
      return scopeCondition(subject, await membershipScope(strapi, { adminUser: user.id }));
    },
  });
}
