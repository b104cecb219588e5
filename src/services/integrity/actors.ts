/** Who an actor is for the integrity archive's rules: their offices and departments, or the system. */
import type { Actor } from '../scope/actor';

export interface IntegrityActor {
  /** The system, a super admin or an API token: not limited by units (super admins administer the system). */
  unlimited: boolean;
  offices: string[];
  departmentIds: number[];
  /** The student login acting on their own archive. */
  studentUserId: number | null;
  label: string;
}

export function integrityActor(actor: Actor): IntegrityActor {
  const base = { label: actor.label, studentUserId: null, offices: [], departmentIds: [] };
  if (actor.scope.kind === 'self') return { ...base, unlimited: false, studentUserId: actor.scope.userId };
  const staff = 'staff' in actor.scope ? actor.scope.staff : undefined;
  if (staff) return { ...base, unlimited: false, offices: staff.offices, departmentIds: staff.departmentIds };
  // Scope `all` without memberships: the system, a super admin, an API token.
  return { ...base, unlimited: actor.scope.kind === 'all' && actor.kind !== 'public' };
}
