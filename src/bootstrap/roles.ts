/**
 * The product's roles (issue 4), created on start when missing and editable in the admin like
 * any Strapi role afterwards: what a role may do is RBAC; which rows it reaches is the staff
 * membership scope. Department roles carry the "本系部" condition.
 */
import type { Core } from '@strapi/strapi';
import { OWN_DEPARTMENT_CONDITION } from '../services/scope/admin-condition';
import { CONTENT_MANAGER as CM, REVEAL_PERMISSION, STAFF_ACTIONS } from '../domain/permissions';

const ORGANISATION = ['api::department.department', 'api::major.major', 'api::school-class.school-class', 'api::office.office', 'api::staff-membership.staff-membership'];
const STUDENT = 'api::student.student';
const AUDIT_LOG = 'api::audit-log.audit-log';
const STATUS_CHANGE = 'api::status-change.status-change';
const CHAIN = 'api::approval-chain.approval-chain';
const SETTING = 'api::school-setting.school-setting';
/** The school calendar: academic affairs keeps it; every staff role reads it. */
const CALENDAR = ['api::calendar-day.calendar-day', 'api::semester.semester'];
/** Written by the workflows; read by those who follow them. */
const WORKFLOW_RECORDS = ['api::approval-decision.approval-decision', 'api::status-history.status-history'];
const NOTIFICATION = 'api::notification.notification';
/** The integrity archive (domain.md 5). Nothing of it is deleted: no role is given delete. */
const INTEGRITY_ARCHIVE = 'api::integrity-archive.integrity-archive';
const INTEGRITY_RECORD = 'api::integrity-record.integrity-record';
const INTEGRITY_VERSION = 'api::integrity-record-version.integrity-record-version';
const INTEGRITY_RULE = 'api::integrity-entry-rule.integrity-entry-rule';
const INTEGRITY_SELF = 'api::integrity-self-entry.integrity-self-entry';
const INTEGRITY_THIRD_PARTY = 'api::integrity-third-party-record.integrity-third-party-record';
const INTEGRITY_REQUESTS = ['api::integrity-appeal.integrity-appeal', 'api::integrity-amendment.integrity-amendment'];
const INTEGRITY_ALL = [INTEGRITY_ARCHIVE, INTEGRITY_RECORD, INTEGRITY_VERSION, INTEGRITY_RULE, INTEGRITY_SELF, INTEGRITY_THIRD_PARTY, ...INTEGRITY_REQUESTS];
/** Semester registration (domain.md 4): made by opening a semester, moved by the flow; fee statuses kept by finance. */
const REGISTRATION = 'api::registration.registration';
const REGISTRATION_DEFERRAL = 'api::registration-deferral.registration-deferral';
const FEE_STATUS = 'api::fee-status.fee-status';
const REGISTRATION_ALL = [REGISTRATION, REGISTRATION_DEFERRAL, FEE_STATUS];
const STUDENT_ARCHIVE = 'api::student-archive.student-archive';
const ARCHIVE_MATERIAL = 'api::archive-material.archive-material';
const MATERIAL_KIND = 'api::material-kind.material-kind';
const ARCHIVES = [STUDENT_ARCHIVE, ARCHIVE_MATERIAL];
/** The access register: written by the system, read by the offices that keep archives. */
const ARCHIVE_ACCESS_LOG = 'api::archive-access-log.archive-access-log';
/** Transfers (档案转递): applied for by the department while it keeps the archive, or the archive office, which runs them. */
const ARCHIVE_TRANSFER = 'api::archive-transfer.archive-transfer';
/** The class roster check (seed 004 第二条): produced and stamped by the registry, checked first by the class's department. */
const CLASS_ROSTER = 'api::class-roster.class-roster';
const ROSTER_LINE = 'api::roster-line.roster-line';
const ROSTERS = [CLASS_ROSTER, ROSTER_LINE];
export const REVEAL_ACTION = REVEAL_PERMISSION;

type Verb = 'read' | 'create' | 'update' | 'delete';
interface Grant {
  subjects: string[];
  verbs: Verb[];
  ownDepartment?: boolean;
  /** Fields left out: a student's login is linked by academic affairs only. */
  withoutFields?: string[];
}

const NOT_THE_LOGIN = ['user'];
const UP_USER = 'plugin::users-permissions.user';

export interface AdminRoleDefinition {
  code: string;
  name: string;
  description: string;
  grants: Grant[];
  reveal: boolean;
}

export const ADMIN_ROLES: AdminRoleDefinition[] = [
  {
    code: 'school-leadership',
    name: '校领导',
    description: '全校只读；审批重要与特殊学籍异动',
    grants: [{ subjects: [STUDENT, ...ORGANISATION, AUDIT_LOG, STATUS_CHANGE, CHAIN, SETTING, ...WORKFLOW_RECORDS, ...CALENDAR, ...INTEGRITY_ALL, ...REGISTRATION_ALL, ...ROSTERS], verbs: ['read'], withoutFields: NOT_THE_LOGIN }],
    reveal: false,
  },
  {
    code: 'academic-affairs',
    name: '教务处',
    description: '全校学籍、组织机构与人员任职',
    grants: [
      { subjects: [STUDENT, ...ORGANISATION, STATUS_CHANGE, CHAIN, ...CALENDAR], verbs: ['read', 'create', 'update', 'delete'] },
      { subjects: [SETTING], verbs: ['read', 'update'] },
      { subjects: [AUDIT_LOG, UP_USER, ...WORKFLOW_RECORDS, NOTIFICATION], verbs: ['read'] },
      // A source office of the integrity archive (第六条: grades, internships, qualifications): it sees what it entered.
      { subjects: [INTEGRITY_RECORD], verbs: ['read', 'create', 'update'] },
      { subjects: [INTEGRITY_VERSION, INTEGRITY_RULE, ...INTEGRITY_REQUESTS], verbs: ['read'] },
      { subjects: INTEGRITY_REQUESTS, verbs: ['update'] },
      // Registration: opens the semester, decides, grants deferrals, reopens missed ones; reads fee statuses.
      { subjects: [REGISTRATION, REGISTRATION_DEFERRAL], verbs: ['read', 'update'] },
      { subjects: [FEE_STATUS], verbs: ['read'] },
      // The student archive: sees every archive and its access register; keeps the catalogue of material kinds with the archive office.
      { subjects: [...ARCHIVES, ARCHIVE_ACCESS_LOG, ARCHIVE_TRANSFER], verbs: ['read'] },
      { subjects: [MATERIAL_KIND], verbs: ['read', 'create', 'update'] },
      // The registry (学籍管理部门) of the class roster check: produces and stamps rosters (create), resolves the errors students report.
      { subjects: ROSTERS, verbs: ['read'] },
      { subjects: [CLASS_ROSTER], verbs: ['create'] },
      { subjects: [ROSTER_LINE], verbs: ['update'] },
    ],
    reveal: true,
  },
  {
    code: 'student-affairs',
    name: '学生处',
    description: '全校学生只读；诚信档案（认定校级记录、处理申诉与修定、导入第三方记录）；审批重要学籍异动',
    grants: [
      { subjects: [STUDENT, ...ORGANISATION, STATUS_CHANGE, CHAIN, ...WORKFLOW_RECORDS, ...CALENDAR], verbs: ['read'], withoutFields: NOT_THE_LOGIN },
      { subjects: INTEGRITY_ALL, verbs: ['read'] },
      { subjects: [INTEGRITY_RECORD, INTEGRITY_RULE, INTEGRITY_THIRD_PARTY], verbs: ['create', 'update'] },
      { subjects: [INTEGRITY_SELF, ...INTEGRITY_REQUESTS], verbs: ['update'] },
      { subjects: REGISTRATION_ALL, verbs: ['read'] },
    ],
    reveal: true,
  },
  {
    code: 'archive-office',
    name: '档案室',
    description: '全校学籍档案',
    grants: [
      { subjects: [STUDENT, ...ORGANISATION, STATUS_CHANGE, ...WORKFLOW_RECORDS, ...CALENDAR], verbs: ['read'], withoutFields: NOT_THE_LOGIN },
      // Keeps every student archive once the department hands it over (files and corrects materials;
      // reads the access register), and the catalogue of material kinds.
      { subjects: [...ARCHIVES, ARCHIVE_ACCESS_LOG], verbs: ['read'] },
      { subjects: [ARCHIVE_MATERIAL], verbs: ['create'] },
      // Receives each archive from its department (the custody move); the archive's own fields stay the system's.
      { subjects: [STUDENT_ARCHIVE], verbs: ['update'] },
      { subjects: [MATERIAL_KIND], verbs: ['read', 'create', 'update'] },
      // Runs transfers (applies, checks, registers and sends, records receipts, follows up missing ones)
      // and reads the notices addressed to it (the receipt follow-up; the scope shows it no student's notices).
      { subjects: [ARCHIVE_TRANSFER], verbs: ['read', 'create', 'update'] },
      { subjects: [NOTIFICATION], verbs: ['read'] },
      // The checked class rosters belong to the status records it keeps (002 第十四条: 新生名册、在校生名册).
      { subjects: ROSTERS, verbs: ['read'] },
    ],
    reveal: false,
  },
  {
    code: 'department-manager',
    name: '系部管理员',
    description: '本系部学生的学籍与学籍异动',
    grants: [
      { subjects: [STUDENT], verbs: ['read', 'create', 'update'], ownDepartment: true, withoutFields: NOT_THE_LOGIN },
      { subjects: [STATUS_CHANGE], verbs: ['read', 'create', 'update', 'delete'], ownDepartment: true },
      { subjects: WORKFLOW_RECORDS, verbs: ['read'], ownDepartment: true },
      { subjects: [CHAIN, ...CALENDAR, INTEGRITY_RULE], verbs: ['read'] },
      // Department-level integrity records: entered and confirmed here; the students' own part reviewed here.
      { subjects: [INTEGRITY_ARCHIVE, INTEGRITY_VERSION, INTEGRITY_THIRD_PARTY], verbs: ['read'], ownDepartment: true },
      { subjects: [INTEGRITY_RECORD], verbs: ['read', 'create', 'update'], ownDepartment: true },
      { subjects: [INTEGRITY_SELF, ...INTEGRITY_REQUESTS], verbs: ['read', 'update'], ownDepartment: true },
      { subjects: ['api::department.department', 'api::major.major', 'api::school-class.school-class'], verbs: ['read'], ownDepartment: true },
      // Reviews its students' registrations (one by one or a class at once); reads their deferrals and fees,
      // and the notifications addressed to the department (the unregistered students at the window's end).
      { subjects: [...REGISTRATION_ALL, NOTIFICATION], verbs: ['read'], ownDepartment: true },
      // Builds its new students' archives (files and corrects materials) until they move to the archive office.
      { subjects: ARCHIVES, verbs: ['read'], ownDepartment: true },
      { subjects: [ARCHIVE_MATERIAL], verbs: ['create'], ownDepartment: true },
      // Applies for its students' transfers while it keeps their archives.
      { subjects: [ARCHIVE_TRANSFER], verbs: ['read', 'create'], ownDepartment: true },
      { subjects: [MATERIAL_KIND], verbs: ['read'] },
      // Its classes' rosters: read, and the head teacher's first check (update).
      { subjects: ROSTERS, verbs: ['read'], ownDepartment: true },
      { subjects: [CLASS_ROSTER], verbs: ['update'], ownDepartment: true },
    ],
    reveal: true,
  },
  {
    code: 'department-clerk',
    name: '系部教务员',
    description: '本系部学生的学籍（录入与维护）与学籍异动申请',
    grants: [
      { subjects: [STUDENT], verbs: ['read', 'update'], ownDepartment: true, withoutFields: NOT_THE_LOGIN },
      { subjects: [STATUS_CHANGE], verbs: ['read', 'create', 'update'], ownDepartment: true },
      { subjects: WORKFLOW_RECORDS, verbs: ['read'], ownDepartment: true },
      { subjects: ['api::department.department', 'api::major.major', 'api::school-class.school-class'], verbs: ['read'], ownDepartment: true },
      { subjects: CALENDAR, verbs: ['read'] },
      { subjects: [INTEGRITY_ARCHIVE, INTEGRITY_VERSION, INTEGRITY_SELF, ...INTEGRITY_REQUESTS], verbs: ['read'], ownDepartment: true },
      { subjects: [INTEGRITY_RECORD], verbs: ['read', 'create'], ownDepartment: true },
      { subjects: [...REGISTRATION_ALL, NOTIFICATION], verbs: ['read'], ownDepartment: true },
      { subjects: ARCHIVES, verbs: ['read'], ownDepartment: true },
      { subjects: [ARCHIVE_MATERIAL], verbs: ['create'], ownDepartment: true },
      // Applies for its students' transfers while it keeps their archives.
      { subjects: [ARCHIVE_TRANSFER], verbs: ['read', 'create'], ownDepartment: true },
      { subjects: [MATERIAL_KIND], verbs: ['read'] },
      // Its classes' rosters: read, and the head teacher's first check (update).
      { subjects: ROSTERS, verbs: ['read'], ownDepartment: true },
      { subjects: [CLASS_ROSTER], verbs: ['update'], ownDepartment: true },
    ],
    reveal: false,
  },
  {
    code: 'finance',
    name: '计财处',
    description: '学生每学期的缴费状态（逐条登记或从 Excel/CSV 导入）；作为诚信信息来源部门另有“诚信信息来源部门”角色',
    grants: [
      // Fee statuses name students by number: reading students is needed to pick one; the office's scope reaches none.
      { subjects: [STUDENT], verbs: ['read'], withoutFields: NOT_THE_LOGIN },
      { subjects: [FEE_STATUS], verbs: ['read', 'create', 'update'] },
      { subjects: CALENDAR, verbs: ['read'] },
    ],
    reveal: false,
  },
  {
    code: 'integrity-source',
    name: '诚信信息来源部门',
    description: '组织部、保卫处、计财处、校团委、图书馆等：录入本部门负责的诚信记录，审核本部门记录的修定申请',
    grants: [
      // Naming a student on a record needs read permission on students; the office's scope reaches
      // no student rows (it enters by student number and sees the records it entered).
      { subjects: [STUDENT], verbs: ['read'], withoutFields: NOT_THE_LOGIN },
      { subjects: [INTEGRITY_RECORD], verbs: ['read', 'create', 'update'] },
      { subjects: [INTEGRITY_VERSION, INTEGRITY_RULE, ...INTEGRITY_REQUESTS], verbs: ['read'] },
      { subjects: INTEGRITY_REQUESTS, verbs: ['update'] },
    ],
    reveal: false,
  },
];

/** Content API roles: students see themselves; staff are scoped by their membership. */
export const CONTENT_ROLES = [
  {
    type: 'student',
    name: '学生',
    description: '学生本人：只能查看自己的学籍，提交自己的学籍异动申请',
    actions: [
      'api::student.student.me',
      'api::student.student.find',
      'api::student.student.findOne',
      'api::student.student.myStatusChanges',
      'api::student.student.createMyStatusChange',
      'api::student.student.myNotifications',
      'api::status-change.status-change.find',
      'api::status-change.status-change.findOne',
      'api::status-change.status-change.timeline',
      'api::status-change.status-change.attachDocuments',
      'api::status-change.status-change.inbox',
      'api::status-change.status-change.document',
      'api::status-change.status-change.submit',
      'api::status-change.status-change.resubmit',
      'api::status-change.status-change.withdraw',
      'api::notification.notification.find',
      'api::notification.notification.findOne',
      // The integrity archive: their own confirmed records, summary and the timeline of each record;
      // their own part (/api/me/integrity); the commitment and agreement they sign; appeals and amendments.
      'api::integrity-archive.integrity-archive.find',
      'api::integrity-archive.integrity-archive.findOne',
      'api::integrity-archive.integrity-archive.summary',
      'api::integrity-archive.integrity-archive.mine',
      'api::integrity-archive.integrity-archive.sign',
      'api::integrity-record.integrity-record.find',
      'api::integrity-record.integrity-record.findOne',
      'api::integrity-record.integrity-record.timeline',
      'api::integrity-record.integrity-record.acknowledge',
      'api::integrity-record.integrity-record.evidence',
      'api::integrity-record-version.integrity-record-version.find',
      'api::integrity-record-version.integrity-record-version.findOne',
      'api::integrity-self-entry.integrity-self-entry.find',
      'api::integrity-self-entry.integrity-self-entry.findOne',
      'api::integrity-self-entry.integrity-self-entry.createMine',
      'api::integrity-self-entry.integrity-self-entry.updateMine',
      'api::integrity-third-party-record.integrity-third-party-record.find',
      'api::integrity-third-party-record.integrity-third-party-record.findOne',
      // Registration: their own (/api/me/registrations), submitted and confirmed; deferrals applied for with proof.
      ...['find', 'findOne', 'timeline', 'document', 'ofStudent', 'mine', 'updateMine', 'attachMine', 'submitMine', 'confirmMine'].map((action) => `${REGISTRATION}.${action}`),
      ...['find', 'findOne', 'timeline', 'document', 'mine', 'createMine', 'attachMine', 'submit', 'resubmit', 'withdraw'].map((action) => `${REGISTRATION_DEFERRAL}.${action}`),
      'api::fee-status.fee-status.find',
      'api::fee-status.fee-status.findOne',
      // The student archive: their own archive's list of materials.
      ...[STUDENT_ARCHIVE, ARCHIVE_MATERIAL].flatMap((uid) => ['find', 'findOne'].map((action) => `${uid}.${action}`)),
      // ... and their own materials' files (their own reads are not registered).
      `${ARCHIVE_MATERIAL}.file`,
      // ... and their archive's transfer, read-only.
      `${ARCHIVE_TRANSFER}.find`,
      `${ARCHIVE_TRANSFER}.findOne`,
      // The class roster check: their own line (find and findOne reach no other student's), confirmed or reported as wrong.
      ...['find', 'findOne', 'mine', 'confirmMine', 'reportErrorMine'].map((action) => `${ROSTER_LINE}.${action}`),
      ...['api::integrity-appeal.integrity-appeal', 'api::integrity-amendment.integrity-amendment'].flatMap((uid) =>
        ['find', 'findOne', 'create', 'update', 'timeline', 'submit', 'resubmit', 'withdraw'].map((action) => `${uid}.${action}`),
      ),
    ],
  },
  {
    type: 'staff',
    name: '教职工',
    description: '教职工：可用的操作来自本人的后台角色（src/domain/permissions.ts），范围来自任职',
    // The ceiling: each login gets only what their admin roles open (src/services/permissions).
    actions: Object.keys(STAFF_ACTIONS),
  },
];

const SYSTEM_FIELDS = new Set(['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations']);

type ContentTypeService = { getNestedFields(model: unknown, options: { components: unknown }): string[] };

/**
 * The fields a permission names, as RBAC checks them: a component's fields by their paths
 * (`steps.unit`), not the component's name alone, which lets nobody edit them.
 */
function fieldsOf(strapi: Core.Strapi, uid: string): string[] {
  const model = strapi.getModel(uid as never) as { attributes: Record<string, { private?: boolean }> };
  const hidden = new Set(Object.entries(model.attributes).filter(([name, attribute]) => attribute.private || SYSTEM_FIELDS.has(name)).map(([name]) => name));
  const paths = (strapi.service('admin::content-type') as unknown as ContentTypeService).getNestedFields(model, { components: strapi.components });
  return paths.filter((path) => !hidden.has(path.split('.')[0]));
}

/** Whether `path` is `field` or inside it. */
const within = (path: string, field: string) => path === field || path.startsWith(`${field}.`);

/**
 * Permissions made before fieldsOf named a component's fields list the component alone: they get
 * its fields' paths, and keep whatever else an admin chose.
 */
async function expandComponentFields(strapi: Core.Strapi, roleId: number, wanted: ReturnType<typeof permissionsOf>): Promise<void> {
  const rows = (await strapi.db.query('admin::permission').findMany({ where: { role: { id: roleId } } })) as Array<{ id: number; action: string; subject: string | null; properties?: { fields?: string[] } }>;
  for (const row of rows) {
    const fields = row.properties?.fields;
    const match = wanted.find((p) => p.action === row.action && p.subject === row.subject);
    const nested = (match?.properties as { fields?: string[] } | undefined)?.fields?.filter((path) => path.includes('.')) ?? [];
    if (!fields || nested.length === 0) continue;
    const components = [...new Set(nested.map((path) => path.split('.')[0]))].filter((name) => fields.includes(name));
    if (components.length === 0) continue;
    const expanded = [...fields.filter((f) => !components.includes(f)), ...nested.filter((path) => components.some((c) => within(path, c)))];
    await strapi.db.query('admin::permission').update({ where: { id: row.id }, data: { properties: { ...row.properties, fields: expanded } } });
  }
}

/** The permissions a role is defined with, by action and subject (what the content API compares). */
export function definedPermissions(role: AdminRoleDefinition): Array<{ action: string; subject: string | null; grant?: Grant; verb?: Verb }> {
  const crud = role.grants.flatMap((grant) => grant.subjects.flatMap((subject) => grant.verbs.map((verb) => ({ action: `${CM}.${verb}`, subject, grant, verb }))));
  return role.reveal ? [...crud, { action: REVEAL_ACTION, subject: null }] : crud;
}

function permissionsOf(strapi: Core.Strapi, role: AdminRoleDefinition) {
  const permissions = definedPermissions(role)
    .filter((p) => p.subject === null || strapi.contentTypes[p.subject as never])
    .map(({ action, subject, grant, verb }) => ({
      action,
      subject: subject as never,
      properties: !grant || verb === 'delete' ? {} : { fields: fieldsOf(strapi, subject as string).filter((path) => !grant.withoutFields?.some((field) => within(path, field))) },
      conditions: grant?.ownDepartment ? [OWN_DEPARTMENT_CONDITION] : [],
    }));
  return permissions.filter((p) => strapi.service('admin::permission').actionProvider.get(p.action));
}

/**
 * A database made before a content type existed has roles without its permissions. What each
 * role has been given is remembered, so a later release adds only what is new and never puts
 * back what an admin removed.
 */
const GRANTED_KEY = { type: 'core', name: 'student-records', key: 'granted-permissions' };

/** Content types that came after the first release of the roles (before the record was kept). */
const ADDED_LATER = [STATUS_CHANGE, CHAIN, SETTING, ...WORKFLOW_RECORDS, NOTIFICATION, 'StatusChange', 'Notifications'];

/** What the roles were given before; on a database from before the record, all but ADDED_LATER. */
function grantedBefore(stored: string[] | null): (key: string) => boolean {
  if (stored) {
    const set = new Set(stored);
    return (key) => set.has(key);
  }
  return (key) => !ADDED_LATER.some((name) => key.includes(name));
}

/**
 * The fields each role's permission was given, by permission, so that a field an admin adds to a
 * schema in the Content-Type Builder reaches the product's roles at the next start (as it reaches
 * the content API) while a field an admin took away from a role stays away.
 */
const GRANTED_FIELDS_KEY = { type: 'core', name: 'student-records', key: 'granted-fields' };
type GrantedFields = Record<string, string[]>;

/**
 * Fields added by releases before the fields were remembered (the approval engine's units as
 * data): on a database without the record they are added once, like ADDED_LATER's permissions.
 */
const FIELDS_ADDED_LATER = ['steps.offices', 'subType', 'outcome', 'pickerLabel'];

/**
 * Adds to the role's stored permissions the fields its definition opens now and did not open at
 * the last start. A permission met for the first time is recorded, and gets only FIELDS_ADDED_LATER:
 * what else it holds is taken as the admin's choice.
 */
async function addNewFields(strapi: Core.Strapi, roleId: number, code: string, wanted: ReturnType<typeof permissionsOf>, known: GrantedFields): Promise<void> {
  const rows = (await strapi.db.query('admin::permission').findMany({ where: { role: { id: roleId } } })) as Array<{ id: number; action: string; subject: string | null; properties?: { fields?: string[] } }>;
  for (const p of wanted) {
    const fields = (p.properties as { fields?: string[] }).fields;
    if (!fields) continue;
    const key = `admin:${code}:${p.action}:${p.subject}`;
    const before = known[key] ?? fields.filter((field) => !FIELDS_ADDED_LATER.some((later) => within(field, later)));
    known[key] = fields;
    const added = fields.filter((field) => !before.includes(field));
    const row = rows.find((r) => r.action === p.action && r.subject === p.subject);
    const held = row?.properties?.fields;
    if (added.length === 0 || !row || !held) continue;
    const missing = added.filter((field) => !held.includes(field));
    if (missing.length > 0) await strapi.db.query('admin::permission').update({ where: { id: row.id }, data: { properties: { ...row.properties, fields: [...held, ...missing] } } });
  }
}

async function ensureAdminRoles(strapi: Core.Strapi, granted: (key: string) => boolean, now: Set<string>, known: GrantedFields) {
  for (const role of ADMIN_ROLES) {
    const existing = (await strapi.db.query('admin::role').findOne({ where: { code: role.code } })) as { id: number } | null;
    const wanted = permissionsOf(strapi, role);
    for (const p of wanted) now.add(`admin:${role.code}:${p.action}:${p.subject}`);
    if (existing) {
      const added = wanted.filter((p) => !granted(`admin:${role.code}:${p.action}:${p.subject}`));
      if (added.length > 0) await strapi.service('admin::permission').createMany(added.map((p) => ({ ...p, role: existing.id })));
      await expandComponentFields(strapi, existing.id, wanted);
      await addNewFields(strapi, existing.id, role.code, wanted, known);
      continue;
    }
    const created = (await strapi.service('admin::role').create({ name: role.name, code: role.code, description: role.description })) as { id: number };
    await strapi.service('admin::role').assignPermissions(created.id, wanted);
    await addNewFields(strapi, created.id, role.code, wanted, known);
  }
}

async function ensureContentRoles(strapi: Core.Strapi, granted: (key: string) => boolean, now: Set<string>) {
  for (const role of CONTENT_ROLES) {
    const existing = (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: role.type } })) as { id: number } | null;
    for (const action of role.actions) now.add(`content:${role.type}:${action}`);
    if (existing) {
      for (const action of role.actions.filter((a) => !granted(`content:${role.type}:${a}`))) {
        await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: existing.id } });
      }
      continue;
    }
    const created = (await strapi.db.query('plugin::users-permissions.role').create({
      data: { name: role.name, description: role.description, type: role.type },
    })) as { id: number };
    for (const action of role.actions) {
      await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: created.id } });
    }
  }
}

/** The admin permission to see a student's personal data in clear (with a logged reason). */
export async function registerAdminActions(strapi: Core.Strapi): Promise<void> {
  const provider = strapi.service('admin::permission').actionProvider;
  if (provider.get(REVEAL_ACTION)) return;
  await provider.registerMany([
    { section: 'settings', category: '学籍', subCategory: '敏感信息', displayName: '查看完整个人信息（须填写理由）', uid: 'reveal-personal-data' },
  ]);
}

/** Strapi's own roles, named in Chinese while they still carry Strapi's English defaults. */
const BUILT_IN_NAMES: Array<{ uid: 'admin::role' | 'plugin::users-permissions.role'; where: Record<string, string>; english: string; name: string; description: string }> = [
  { uid: 'admin::role', where: { code: 'strapi-super-admin' }, english: 'Super Admin', name: '超级管理员', description: '可以访问和管理全部功能与设置' },
  { uid: 'admin::role', where: { code: 'strapi-editor' }, english: 'Editor', name: '编辑', description: '可以管理所有内容（Strapi 内置角色）' },
  { uid: 'admin::role', where: { code: 'strapi-author' }, english: 'Author', name: '作者', description: '可以管理自己创建的内容（Strapi 内置角色）' },
  { uid: 'plugin::users-permissions.role', where: { type: 'authenticated' }, english: 'Authenticated', name: '已登录用户', description: '已登录但没有其他角色的前台账号' },
  { uid: 'plugin::users-permissions.role', where: { type: 'public' }, english: 'Public', name: '公开访问', description: '未登录的访问者' },
];

async function nameBuiltInRoles(strapi: Core.Strapi) {
  for (const role of BUILT_IN_NAMES) {
    const found = (await strapi.db.query(role.uid).findOne({ where: role.where })) as { id: number; name: string } | null;
    if (found?.name === role.english) {
      await strapi.db.query(role.uid).update({ where: { id: found.id }, data: { name: role.name, description: role.description } });
    }
  }
}

/** Creates the product's roles that do not exist yet; never changes an existing one. */
export async function ensureRoles(strapi: Core.Strapi): Promise<void> {
  const stored = (await strapi.store.get(GRANTED_KEY)) as string[] | null;
  const granted = grantedBefore(stored);
  const now = new Set<string>(stored ?? []);
  const known = ((await strapi.store.get(GRANTED_FIELDS_KEY)) as GrantedFields | null) ?? {};
  await ensureAdminRoles(strapi, granted, now, known);
  await ensureContentRoles(strapi, granted, now);
  await strapi.store.set({ ...GRANTED_KEY, value: [...now] });
  await strapi.store.set({ ...GRANTED_FIELDS_KEY, value: known });
  await nameBuiltInRoles(strapi);
}
