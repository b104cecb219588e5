/**
 * Who sees which rows (domain.md 1 and 8), as data: every scoped content type declares once how
 * it reaches its department and, where a student owns it, how it reaches the student's login.
 * A scope is computed per user from their staff memberships; `scopeWhere` turns it into the
 * `where` clause the database layer adds to every read.
 */

export type Scope =
  | { kind: 'all' }
  | { kind: 'departments'; departmentIds: number[] }
  | { kind: 'self'; userId: number }
  | { kind: 'none' };

export interface ScopedType {
  /** Relations from the type to its department; `[]` when the type is the department. */
  departmentPath: string[];
  /** Relations from the type to the users-permissions user of the student it belongs to. */
  selfPath?: string[];
  /**
   * An attribute holding the department id, kept equal to `departmentPath` by the database (a
   * trigger): the scope filters on it without joining.
   */
  departmentColumn?: string;
}

export const SCOPED_TYPES: Readonly<Record<string, ScopedType>> = {
  'api::department.department': { departmentPath: [] },
  'api::major.major': { departmentPath: ['department'] },
  'api::school-class.school-class': { departmentPath: ['major', 'department'] },
  'api::staff-membership.staff-membership': { departmentPath: ['department'] },
  'api::student.student': { departmentPath: ['department'], selfPath: ['user'], departmentColumn: 'departmentScope' },
  'api::status-change.status-change': { departmentPath: ['department'], selfPath: ['student', 'user'], departmentColumn: 'departmentScope' },
  'api::approval-decision.approval-decision': {
    departmentPath: ['statusChange', 'department'],
    selfPath: ['statusChange', 'student', 'user'],
    departmentColumn: 'departmentScope',
  },
  'api::status-history.status-history': { departmentPath: ['student', 'department'], selfPath: ['student', 'user'], departmentColumn: 'departmentScope' },
  'api::notification.notification': { departmentPath: ['student', 'department'], selfPath: ['student', 'user'], departmentColumn: 'departmentScope' },
};

/** The types whose writes src/document-middlewares/scope-writes.ts guards (the others have their own). */
export const ORGANISATION_TYPES: readonly string[] = [
  'api::department.department',
  'api::major.major',
  'api::school-class.school-class',
  'api::staff-membership.staff-membership',
  'api::student.student',
];

/** Offices whose duty covers the whole school's student records (domain.md 1). */
export const WHOLE_SCHOOL_OFFICES: readonly string[] = [
  'academic-affairs',
  'student-affairs',
  'leadership',
  'leadership-meeting',
  'archive',
  'admissions',
];

export interface MembershipFacts {
  active: boolean;
  departmentId: number | null;
  officeKind: string | null;
}

/** The rows a staff member reaches through their active memberships. */
export function scopeFromMemberships(memberships: MembershipFacts[]): Scope {
  const active = memberships.filter((m) => m.active);
  if (active.some((m) => m.officeKind !== null && WHOLE_SCHOOL_OFFICES.includes(m.officeKind))) return { kind: 'all' };
  const departmentIds = [...new Set(active.flatMap((m) => (m.departmentId === null ? [] : [m.departmentId])))].sort((a, b) => a - b);
  return departmentIds.length > 0 ? { kind: 'departments', departmentIds } : { kind: 'none' };
}

export function isScopedType(uid: string): boolean {
  return Object.prototype.hasOwnProperty.call(SCOPED_TYPES, uid);
}

/** Nests `leaf` under the relation path: ['major', 'department'] -> { major: { department: leaf } }. */
function underPath(path: string[], leaf: Record<string, unknown>): Record<string, unknown> {
  return path.reduceRight<Record<string, unknown>>((inner, relation) => ({ [relation]: inner }), leaf);
}

const NOTHING = { id: { $in: [] } };

/** The `where` clause limiting `uid` to the scope; `null` when the scope does not limit it. */
export function scopeWhere(uid: string, scope: Scope): Record<string, unknown> | null {
  const type = SCOPED_TYPES[uid];
  if (!type || scope.kind === 'all') return null;
  if (scope.kind === 'none') return NOTHING;
  if (scope.kind === 'self') return type.selfPath ? underPath(type.selfPath, { id: scope.userId }) : NOTHING;
  if (scope.departmentIds.length === 0) return NOTHING;
  if (type.departmentColumn) return { [type.departmentColumn]: { $in: scope.departmentIds } };
  return underPath(type.departmentPath, { id: { $in: scope.departmentIds } });
}

/**
 * The same limit in the form admin RBAC conditions use ({ 'major.department.id': ... }). Where
 * the type has its department as a column, the condition names the column: the Content Manager
 * checks edits against the stored row without populating relations.
 */
export function scopeCondition(uid: string, scope: Scope): Record<string, unknown> | boolean {
  const type = SCOPED_TYPES[uid];
  if (!type || scope.kind === 'all') return true;
  if (scope.kind !== 'departments' || scope.departmentIds.length === 0) return false;
  const path = type.departmentColumn ?? [...type.departmentPath, 'id'].join('.');
  return { [path]: { $in: scope.departmentIds } };
}

/** Whether a record of a scoped type whose department is `departmentId` lies inside the scope. */
export function departmentInScope(scope: Scope, departmentId: number | null): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind !== 'departments' || departmentId === null) return false;
  return scope.departmentIds.includes(departmentId);
}
