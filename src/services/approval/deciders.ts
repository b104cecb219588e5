/** The person behind a request as the approval rules see them: their units and who they are. */
import type { Core } from '@strapi/strapi';
import type { ApprovalActor, Membership } from '../../domain/approval';
import { membershipRows, type Actor } from '../scope/actor';
import { withoutScope } from '../scope/context';

export type Decider = ApprovalActor & { name: string | null };

/**
 * Staff are known by the email of their memberships, the same whichever login (admin panel or
 * content API) they use, so that nobody decides twice by switching channels. The memberships are
 * those the request's scope was computed from, read here only where it was not (super admins).
 */
export async function approvalActor(strapi: Core.Strapi, actor: Actor, subjectUserId: number | null): Promise<Decider> {
  const isSubject = actor.kind === 'user' && actor.id !== null && actor.id === subjectUserId;
  if ((actor.kind !== 'admin' && actor.kind !== 'user') || actor.id === null) return { key: null, memberships: [], isSubject, name: null };
  const owner = actor.kind === 'admin' ? { adminUser: actor.id } : { user: actor.id };
  const rows = (actor.memberships ?? (await withoutScope(() => membershipRows(strapi, owner)))).filter((row) => row.active);
  const memberships: Membership[] = rows.flatMap((row) => [
    ...(row.departmentId !== null ? [{ unit: 'department', departmentId: row.departmentId }] : []),
    ...(row.officeKind !== null ? [{ unit: row.officeKind, departmentId: null }] : []),
  ]);
  const emails = rows.map((row) => row.email.toLowerCase()).sort();
  // A student is known by their login, to confirm the steps that are theirs (unit `student`).
  const key = emails[0] ?? (isSubject ? `student:${actor.id}` : null);
  return { key, memberships, isSubject, name: rows[0]?.staffName ?? null };
}
