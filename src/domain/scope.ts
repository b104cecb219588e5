/**
 * Who sees which rows (domain.md 1 and 8), as data: every scoped content type declares once how
 * it reaches its department and, where a student owns it, how it reaches the student's login.
 * A scope is computed per user from their staff memberships; `scopeWhere` turns it into the
 * `where` clause the database layer adds to every read.
 */

const NOTHING = { id: { $in: [] } };

/** Whether a `scopeWhere` answer reaches no row of its type at all. */
export const reachesNothing = (where: Record<string, unknown> | null): boolean => where === NOTHING;

/** A staff member's units, kept with their scope for the types whose visibility is their own. */
export interface StaffReach {
  departmentIds: number[];
  offices: string[];
}

export type Scope =
  | { kind: 'all'; staff?: StaffReach }
  | { kind: 'departments'; departmentIds: number[]; staff?: StaffReach }
  | { kind: 'self'; userId: number }
  | { kind: 'none'; staff?: StaffReach };

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
  /**
   * A visibility of its own instead of the whole-school offices' (the integrity archive, domain.md
   * 5): members of these offices see every row; a department's members see its students' rows;
   * where `officeColumn` is given, an office's members see the rows that came from their office.
   * Super admins, the system and API tokens see all.
   */
  own?: {
    wholeSchool: readonly string[];
    officeColumn?: string;
    /** A department's members reach its rows only while these hold too (the archive, while the department keeps it). */
    departmentWhile?: Record<string, unknown>;
  };
  /** What a student sees of their own rows besides owning them (records once confirmed). */
  selfWhere?: Record<string, unknown>;
}

/** 第十八条: student affairs keeps the integrity archive; the leadership sees it all. */
export const INTEGRITY_WHOLE_SCHOOL: readonly string[] = ['student-affairs', 'leadership', 'leadership-meeting'];

const INTEGRITY_BY_DEPARTMENT = { wholeSchool: INTEGRITY_WHOLE_SCHOOL };
const INTEGRITY_BY_SOURCE = { wholeSchool: INTEGRITY_WHOLE_SCHOOL, officeColumn: 'sourceOffice' };
const SHOWN_TO_STUDENT = { state: { $ne: 'entered' } };

const FEES_WHOLE_SCHOOL: readonly string[] = ['academic-affairs', 'student-affairs', 'leadership', 'leadership-meeting', 'finance'];

/**
 * The student archive (issue 17, domain.md 6): the archive office keeps every archive and academic
 * affairs sees all; a department builds and sees its students' archives until custody moves to the
 * archive office. Nobody else (the leadership included) reads them through their office.
 */
export const ARCHIVE_WHOLE_SCHOOL: readonly string[] = ['archive', 'academic-affairs'];
const ARCHIVE_BY_DEPARTMENT = { wholeSchool: ARCHIVE_WHOLE_SCHOOL, departmentWhile: { custody: 'department' } };

/**
 * Notifications: the whole-school offices read them all, as before, except the archive office,
 * which reads the notices addressed to it (the receipt follow-up), not every student's notices.
 */
const NOTICES_BY_RECIPIENT = { wholeSchool: ['academic-affairs', 'student-affairs', 'leadership', 'leadership-meeting', 'admissions'], officeColumn: 'recipientOffice' };

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
  'api::notification.notification': { departmentPath: ['student', 'department'], selfPath: ['student', 'user'], departmentColumn: 'departmentScope', own: NOTICES_BY_RECIPIENT },
  'api::integrity-archive.integrity-archive': { departmentPath: ['student', 'department'], selfPath: ['student', 'user'], departmentColumn: 'departmentScope', own: INTEGRITY_BY_DEPARTMENT },
  'api::integrity-record.integrity-record': {
    departmentPath: ['department'],
    selfPath: ['student', 'user'],
    departmentColumn: 'departmentScope',
    own: INTEGRITY_BY_SOURCE,
    selfWhere: SHOWN_TO_STUDENT,
  },
  'api::integrity-record-version.integrity-record-version': {
    departmentPath: ['record', 'department'],
    selfPath: ['record', 'student', 'user'],
    departmentColumn: 'departmentScope',
    own: INTEGRITY_BY_SOURCE,
    selfWhere: SHOWN_TO_STUDENT,
  },
  'api::integrity-self-entry.integrity-self-entry': { departmentPath: ['department'], selfPath: ['student', 'user'], departmentColumn: 'departmentScope', own: INTEGRITY_BY_DEPARTMENT },
  'api::integrity-third-party-record.integrity-third-party-record': { departmentPath: ['department'], selfPath: ['student', 'user'], departmentColumn: 'departmentScope', own: INTEGRITY_BY_DEPARTMENT },
  'api::integrity-appeal.integrity-appeal': { departmentPath: ['department'], selfPath: ['student', 'user'], departmentColumn: 'departmentScope', own: INTEGRITY_BY_SOURCE },
  'api::integrity-amendment.integrity-amendment': { departmentPath: ['department'], selfPath: ['student', 'user'], departmentColumn: 'departmentScope', own: INTEGRITY_BY_SOURCE },
  'api::registration.registration': { departmentPath: ['department'], selfPath: ['student', 'user'], departmentColumn: 'departmentScope' },
  'api::registration-deferral.registration-deferral': { departmentPath: ['department'], selfPath: ['student', 'user'], departmentColumn: 'departmentScope' },
  // Finance keeps every student's fee status (domain.md 4) besides the whole-school offices.
  'api::fee-status.fee-status': { departmentPath: ['student', 'department'], selfPath: ['student', 'user'], departmentColumn: 'departmentScope', own: { wholeSchool: FEES_WHOLE_SCHOOL } },
  'api::student-archive.student-archive': { departmentPath: ['student', 'department'], selfPath: ['student', 'user'], departmentColumn: 'departmentScope', own: ARCHIVE_BY_DEPARTMENT },
  'api::archive-material.archive-material': { departmentPath: ['archive', 'student', 'department'], selfPath: ['archive', 'student', 'user'], departmentColumn: 'departmentScope', own: ARCHIVE_BY_DEPARTMENT },
  // Transfers (档案转递) are seen as their archive: the department while it keeps it, the archive office and academic affairs all, the student their own.
  'api::archive-transfer.archive-transfer': { departmentPath: ['archive', 'student', 'department'], selfPath: ['archive', 'student', 'user'], departmentColumn: 'departmentScope', own: ARCHIVE_BY_DEPARTMENT },
  // The access register: the offices that keep archives read it (no department or student role is given it).
  'api::archive-access-log.archive-access-log': { departmentPath: ['archive', 'student', 'department'], departmentColumn: 'departmentScope', own: { wholeSchool: ARCHIVE_WHOLE_SCHOOL } },
  // The class roster check (seed 004 第二条): a department sees its classes' rosters; a student only their own line, never a roster.
  'api::class-roster.class-roster': { departmentPath: ['schoolClass', 'major', 'department'], departmentColumn: 'departmentScope' },
  'api::roster-line.roster-line': { departmentPath: ['roster', 'schoolClass', 'major', 'department'], selfPath: ['student', 'user'], departmentColumn: 'departmentScope' },
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
  const departmentIds = [...new Set(active.flatMap((m) => (m.departmentId === null ? [] : [m.departmentId])))].sort((a, b) => a - b);
  const offices = [...new Set(active.flatMap((m) => (m.officeKind === null ? [] : [m.officeKind])))].sort();
  const staff: StaffReach = { departmentIds, offices };
  if (offices.some((office) => WHOLE_SCHOOL_OFFICES.includes(office))) return { kind: 'all', staff };
  return departmentIds.length > 0 ? { kind: 'departments', departmentIds, staff } : { kind: 'none', staff };
}

/** Whether the scope is limited for some type: a staff member's whole-school scope still is, for the types with their own visibility. */
export function scopeLimits(scope: Scope): boolean {
  return scope.kind !== 'all' || scope.staff !== undefined;
}

/** The rows of a type with its own visibility that a staff member reaches, or null for all of them. */
function ownWhere(type: ScopedType, own: NonNullable<ScopedType['own']>, staff: StaffReach): Record<string, unknown> | null {
  if (staff.offices.some((office) => own.wholeSchool.includes(office))) return null;
  const column = type.departmentColumn ?? 'departmentScope';
  const reaches: Record<string, unknown>[] = [];
  if (staff.departmentIds.length > 0) {
    const department = { [column]: { $in: staff.departmentIds } };
    reaches.push(own.departmentWhile ? { $and: [department, own.departmentWhile] } : department);
  }
  if (own.officeColumn && staff.offices.length > 0) reaches.push({ [own.officeColumn]: { $in: staff.offices } });
  if (reaches.length === 0) return NOTHING;
  return reaches.length === 1 ? reaches[0] : { $or: reaches };
}

export function isScopedType(uid: string): boolean {
  return Object.prototype.hasOwnProperty.call(SCOPED_TYPES, uid);
}

/** Nests `leaf` under the relation path: ['major', 'department'] -> { major: { department: leaf } }. */
function underPath(path: string[], leaf: Record<string, unknown>): Record<string, unknown> {
  return path.reduceRight<Record<string, unknown>>((inner, relation) => ({ [relation]: inner }), leaf);
}


/** The `where` clause limiting `uid` to the scope; `null` when the scope does not limit it. */
export function scopeWhere(uid: string, scope: Scope): Record<string, unknown> | null {
  const type = SCOPED_TYPES[uid];
  if (!type) return null;
  if (type.own && scope.kind !== 'self' && scope.staff) return ownWhere(type, type.own, scope.staff);
  if (scope.kind === 'all') return null;
  if (scope.kind === 'none') return NOTHING;
  if (scope.kind === 'self') {
    if (!type.selfPath) return NOTHING;
    const own = underPath(type.selfPath, { id: scope.userId });
    return type.selfWhere ? { $and: [own, type.selfWhere] } : own;
  }
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
  if (!type) return true;
  if (type.own && scope.kind !== 'self' && scope.staff) {
    const where = ownWhere(type, type.own, scope.staff);
    return where === null ? true : where === NOTHING ? false : where;
  }
  if (scope.kind === 'all') return true;
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
