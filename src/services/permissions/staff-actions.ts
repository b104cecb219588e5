/**
 * The content-API actions a staff login may use: those its person's admin roles open (their admin
 * logins linked by their memberships; an inactive admin login opens nothing). Read from the
 * admin's live permissions, so an admin editing a role on the Roles page changes both doors.
 */
import type { Core } from '@strapi/strapi';
import { staffActionsOf, type HeldRole } from '../../domain/permissions';

type RoleRow = { code: string; permissions?: Array<{ action: string; subject: string | null }> };

export async function staffActionsOfAdminUsers(strapi: Core.Strapi, adminUserIds: number[]): Promise<ReadonlySet<string>> {
  if (adminUserIds.length === 0) return new Set();
  const roles = (await strapi.db.query('admin::role').findMany({
    where: { users: { id: { $in: adminUserIds }, isActive: true } },
    select: ['code'],
    populate: { permissions: { select: ['action', 'subject'] } },
  })) as RoleRow[];
  const held: HeldRole[] = roles.map((role) => ({ code: role.code, permissions: role.permissions ?? [] }));
  return staffActionsOf(held);
}
