/**
 * The content-API actions a login's users-permissions role grants (students, and any role an
 * admin makes), for routes that act for several actions at once (batch decisions): each action
 * needs its own permission, as its own route would.
 */
import type { Core } from '@strapi/strapi';
import { withoutScope } from '../scope/context';

export async function contentRoleActions(strapi: Core.Strapi, userId: number): Promise<ReadonlySet<string>> {
  const rows = (await withoutScope(() =>
    strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: { users: { id: userId } } }, select: ['action'] }),
  )) as Array<{ action: string }>;
  return new Set(rows.map((row) => row.action));
}
