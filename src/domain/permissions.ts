/**
 * What a staff member may do, defined once in the admin's terms (domain.md 8): each content-API
 * action of a staff login needs the admin permission named here, held by one of the admin roles
 * of the same person. The content API (REST and GraphQL), the admin's own routes and the tests
 * all read this table, so a person gets the same answer through every door.
 */

export const CONTENT_MANAGER = 'plugin::content-manager.explorer';
export const REVEAL_PERMISSION = 'api::reveal-personal-data';
export const SUPER_ADMIN_ROLE = 'strapi-super-admin';

export type Verb = 'read' | 'create' | 'update' | 'delete';

/** An admin permission: a Content Manager verb on a content type, or the reveal permission. */
export interface Requirement {
  action: string;
  subject: string | null;
  /** Other permissions any one of which opens the action as well (the inbox of every approval subject). */
  anyOf?: ReadonlyArray<{ action: string; subject: string | null }>;
}

export const STUDENT = 'api::student.student';
export const STATUS_CHANGE = 'api::status-change.status-change';

const cm = (verb: Verb, subject: string): Requirement => ({ action: `${CONTENT_MANAGER}.${verb}`, subject });

/** Core routes of a collection type and the verb each needs. */
const COLLECTION_ROUTES: Readonly<Record<string, Verb>> = { find: 'read', findOne: 'read', create: 'create', update: 'update', delete: 'delete' };

function collection(uid: string, only: readonly string[] = Object.keys(COLLECTION_ROUTES)): Record<string, Requirement> {
  return Object.fromEntries(only.map((route) => [`${uid}.${route}`, cm(COLLECTION_ROUTES[route], uid)]));
}

/** Workflow actions on a status change: filing moves it (update); deciding is for the step's unit, seen by readers. */
const STATUS_CHANGE_ACTIONS: Readonly<Record<string, Verb>> = {
  timeline: 'read',
  // Supporting documents: added by those who may edit the request, read by those who may see it.
  attachDocuments: 'update',
  document: 'read',
  // The caller's own waiting decisions (GET /api/me/inbox).
  inbox: 'read',
  report: 'read',
  submit: 'update',
  resubmit: 'update',
  withdraw: 'update',
  approve: 'read',
  reject: 'read',
  return: 'read',
  // Batch decisions: each item needs its action's permission as well.
  decide: 'read',
  // 《学籍异动申请表》 as a PDF, to whoever may see the request.
  formPdf: 'read',
};

export const INTEGRITY_ARCHIVE = 'api::integrity-archive.integrity-archive';
export const INTEGRITY_RECORD = 'api::integrity-record.integrity-record';
export const INTEGRITY_APPEAL = 'api::integrity-appeal.integrity-appeal';
export const INTEGRITY_AMENDMENT = 'api::integrity-amendment.integrity-amendment';
export const INTEGRITY_SELF_ENTRY = 'api::integrity-self-entry.integrity-self-entry';
export const INTEGRITY_THIRD_PARTY = 'api::integrity-third-party-record.integrity-third-party-record';

/** The approval engine's routes on a subject: filing moves it (update); deciding is for the step's unit, seen by readers. */
const WORKFLOW_ACTIONS: Readonly<Record<string, Verb>> = {
  timeline: 'read', submit: 'update', resubmit: 'update', withdraw: 'update', approve: 'read', reject: 'read', return: 'read', decide: 'read',
};

const actionsOn = (uid: string, actions: Readonly<Record<string, Verb>>) => Object.fromEntries(Object.entries(actions).map(([action, verb]) => [`${uid}.${action}`, cm(verb, uid)]));

/** The integrity archive (domain.md 5): nothing is deleted, so no type offers delete. */
const INTEGRITY_ACTIONS: Readonly<Record<string, Requirement>> = {
  ...collection(INTEGRITY_ARCHIVE, ['find', 'findOne']),
  // GET /api/integrity-archives/:documentId/summary
  ...actionsOn(INTEGRITY_ARCHIVE, { summary: 'read' }),
  ...collection(INTEGRITY_RECORD, ['find', 'findOne', 'create', 'update']),
  // Confirming is checked against the record's level by the service; the timeline is its versions.
  // POST /api/integrity/checks answers clear / not clear for up to 5,000 students. Evidence is part
  // of entering a record: whoever may enter records may add it (the service: to what they entered,
  // before confirmation), a department's clerk included.
  ...actionsOn(INTEGRITY_RECORD, { confirm: 'update', timeline: 'read', checks: 'read', attachEvidence: 'create', evidence: 'read' }),
  ...collection('api::integrity-record-version.integrity-record-version', ['find', 'findOne']),
  ...collection('api::integrity-entry-rule.integrity-entry-rule', ['find', 'findOne', 'create', 'update']),
  ...collection(INTEGRITY_SELF_ENTRY, ['find', 'findOne']),
  // The department's review of the student's own part (reviewed / returned with a comment).
  ...actionsOn(INTEGRITY_SELF_ENTRY, { review: 'update' }),
  ...collection(INTEGRITY_THIRD_PARTY, ['find', 'findOne']),
  // POST /api/integrity-third-party-records/import (.xlsx or .csv, all or nothing)
  ...actionsOn(INTEGRITY_THIRD_PARTY, { import: 'create' }),
  // GET /api/integrity-third-party-records/import-template (the .xlsx to fill)
  ...actionsOn(INTEGRITY_THIRD_PARTY, { importTemplate: 'create' }),
  ...collection(INTEGRITY_APPEAL, ['find', 'findOne']),
  ...actionsOn(INTEGRITY_APPEAL, WORKFLOW_ACTIONS),
  ...collection(INTEGRITY_AMENDMENT, ['find', 'findOne']),
  ...actionsOn(INTEGRITY_AMENDMENT, WORKFLOW_ACTIONS),
};

export const REGISTRATION = 'api::registration.registration';
export const REGISTRATION_DEFERRAL = 'api::registration-deferral.registration-deferral';
export const FEE_STATUS = 'api::fee-status.fee-status';

/**
 * Semester registration (domain.md 4). Rows are made by opening a semester and moved by the flow:
 * no create or delete. Opening, the window's end and late registration are academic affairs'
 * (update); a department reviews through the engine (read, as every decider); the report and the
 * unregistered list are read by whoever reads registrations, limited to their scope.
 */
const REGISTRATION_ACTIONS: Readonly<Record<string, Requirement>> = {
  ...collection(REGISTRATION, ['find', 'findOne']),
  ...actionsOn(REGISTRATION, WORKFLOW_ACTIONS),
  ...actionsOn(REGISTRATION, { open: 'update', closeWindow: 'update', reopen: 'update', report: 'read', unregistered: 'read', document: 'read', ofStudent: 'read' }),
  ...collection(REGISTRATION_DEFERRAL, ['find', 'findOne']),
  ...actionsOn(REGISTRATION_DEFERRAL, { ...WORKFLOW_ACTIONS, document: 'read' }),
  // Finance writes fee statuses one by one or by import; nothing is deleted.
  ...collection(FEE_STATUS, ['find', 'findOne', 'create', 'update']),
  ...actionsOn(FEE_STATUS, { import: 'create', importTemplate: 'create' }),
};

export const STUDENT_ARCHIVE = 'api::student-archive.student-archive';
export const ARCHIVE_MATERIAL = 'api::archive-material.archive-material';
export const MATERIAL_KIND = 'api::material-kind.material-kind';
export const ARCHIVE_ACCESS_LOG = 'api::archive-access-log.archive-access-log';
export const ARCHIVE_TRANSFER = 'api::archive-transfer.archive-transfer';

/**
 * The student archive (domain.md 6). Archives are made with their students and materials are
 * never deleted; the catalogue of material kinds is kept by academic affairs and the archive office.
 */
const ARCHIVE_ACTIONS: Readonly<Record<string, Requirement>> = {
  ...collection(MATERIAL_KIND, ['find', 'findOne', 'create', 'update']),
  ...collection(STUDENT_ARCHIVE, ['find', 'findOne']),
  ...collection(ARCHIVE_MATERIAL, ['find', 'findOne']),
  // POST /api/student-archives/:documentId/materials, POST /api/archive-materials/:documentId/corrections
  // (the department while it keeps the archive, the archive office: src/services/archive/materials.ts);
  // GET /api/archive-materials/:documentId/files/:fileId, registered in the access register.
  ...actionsOn(ARCHIVE_MATERIAL, { fileMaterial: 'create', correct: 'create', file: 'read' }),
  // GET /api/student-archives/completeness (?format=xlsx): whoever reads archives, limited to their scope;
  // POST /api/student-archives/:documentId/custody and /custody (a batch): the archive office receives
  // archives from the departments (src/services/archive/custody.ts), a department may not.
  ...actionsOn(STUDENT_ARCHIVE, { completeness: 'read', moveCustody: 'update', moveCustodyBatch: 'update' }),
  // The access register: written by the system on every read, read by the offices that keep archives.
  ...collection(ARCHIVE_ACCESS_LOG, ['find', 'findOne']),
  // Transfers (档案转递, src/services/archive/transfers.ts): applied for by the archive office or the
  // department while it keeps the archive (create); checked, sent, received and cancelled by the
  // archive office (update), which also runs the receipt follow-up; the follow-up list is read in the scope.
  ...collection(ARCHIVE_TRANSFER, ['find', 'findOne']),
  ...actionsOn(ARCHIVE_TRANSFER, { apply: 'create', check: 'update', send: 'update', receipt: 'update', cancel: 'update', followUp: 'read', runFollowUp: 'update' }),
  // GET /api/student-archives/retention-due: for the offices that keep every archive (academic affairs,
  // the archive office), the ones that also read the access register.
  [`${STUDENT_ARCHIVE}.retentionDue`]: cm('read', ARCHIVE_ACCESS_LOG),
};

export const CLASS_ROSTER = 'api::class-roster.class-roster';
export const ROSTER_LINE = 'api::roster-line.roster-line';

/**
 * The class roster check (seed 004 第二条). The registry (academic affairs) produces a class's roster
 * and stamps it after the second check (create); the class's department does the head teacher's
 * first check (update); the registry resolves the errors students report (update on lines);
 * whoever reads rosters reads their sheet and PDF. Rosters are kept: nothing deletes one.
 */
const ROSTER_ACTIONS: Readonly<Record<string, Requirement>> = {
  ...collection(CLASS_ROSTER, ['find', 'findOne']),
  // POST /api/class-rosters, GET .../sheet and .../pdf, POST .../head-teacher-check and .../registry-check
  ...actionsOn(CLASS_ROSTER, { produce: 'create', sheet: 'read', pdf: 'read', headTeacherCheck: 'update', registryCheck: 'create' }),
  ...collection(ROSTER_LINE, ['find', 'findOne']),
  // POST /api/roster-lines/:documentId/resolve
  ...actionsOn(ROSTER_LINE, { resolve: 'update' }),
};

/** Every content-API action a staff login can be given, and the admin permission it needs. */
export const STAFF_ACTIONS: Readonly<Record<string, Requirement>> = {
  ...collection(STUDENT),
  // POST /api/students/admissions (bulk admission)
  [`${STUDENT}.admit`]: cm('create', STUDENT),
  [`${STUDENT}.reveal`]: { action: REVEAL_PERMISSION, subject: null },
  // GET /api/students/export (the list as .xlsx; revealing in it also needs the reveal permission)
  [`${STUDENT}.export`]: cm('read', STUDENT),
  ...collection('api::department.department'),
  ...collection('api::major.major'),
  ...collection('api::school-class.school-class'),
  // GET /api/school-classes/:documentId/roster.pdf: the class's students, so reading students is what it needs.
  ['api::school-class.school-class.rosterPdf']: cm('read', STUDENT),
  ...collection('api::office.office'),
  ...collection('api::staff-membership.staff-membership'),
  ...collection(STATUS_CHANGE),
  ...Object.fromEntries(Object.entries(STATUS_CHANGE_ACTIONS).map(([action, verb]) => [`${STATUS_CHANGE}.${action}`, cm(verb, STATUS_CHANGE)])),
  // The inbox lists what waits for the caller across every approval subject: reading any of them opens it.
  [`${STATUS_CHANGE}.inbox`]: { ...cm('read', STATUS_CHANGE), anyOf: [cm('read', INTEGRITY_APPEAL), cm('read', INTEGRITY_AMENDMENT), cm('read', REGISTRATION), cm('read', REGISTRATION_DEFERRAL)] },
  ...collection('api::approval-chain.approval-chain'),
  ...collection('api::approval-decision.approval-decision', ['find', 'findOne']),
  ...collection('api::status-history.status-history', ['find', 'findOne']),
  ...collection('api::calendar-day.calendar-day'),
  ...collection('api::semester.semester'),
  'api::school-setting.school-setting.find': cm('read', 'api::school-setting.school-setting'),
  'api::school-setting.school-setting.update': cm('update', 'api::school-setting.school-setting'),
  ...INTEGRITY_ACTIONS,
  ...REGISTRATION_ACTIONS,
  ...ARCHIVE_ACTIONS,
  ...ROSTER_ACTIONS,
};

/** What one admin role holds, as its permission rows. */
export interface HeldRole {
  code: string;
  permissions: ReadonlyArray<{ action: string; subject: string | null }>;
}

function holds(roles: readonly HeldRole[], requirement: Requirement): boolean {
  const accepted = [requirement, ...(requirement.anyOf ?? [])];
  return roles.some((role) => role.permissions.some((p) => accepted.some((r) => p.action === r.action && (p.subject ?? null) === r.subject)));
}

/** An admin user's abilities as the admin's routes see them (`ctx.state.userAbility`). */
export interface AdminAbility {
  can(action: string, subject?: string): boolean;
}

/**
 * Whether the admin's ability holds what the content-API action needs (or any of its
 * alternatives): the admin-side routes' check, with the same table as the content API's.
 */
export function abilityAllows(ability: AdminAbility | undefined, action: string): boolean {
  const requirement = STAFF_ACTIONS[action];
  if (!requirement || !ability) return false;
  return [requirement, ...(requirement.anyOf ?? [])].some((r) => ability.can(r.action, r.subject ?? undefined));
}

/** The content-API actions a staff member's admin roles open; a super admin opens them all. */
export function staffActionsOf(roles: readonly HeldRole[]): Set<string> {
  const actions = Object.keys(STAFF_ACTIONS);
  if (roles.some((role) => role.code === SUPER_ADMIN_ROLE)) return new Set(actions);
  return new Set(actions.filter((action) => holds(roles, STAFF_ACTIONS[action])));
}
