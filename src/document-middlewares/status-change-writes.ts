/**
 * Writing a status change by hand (Content Manager, REST, GraphQL, /api/me): only drafts and
 * returned requests are edited, only drafts deleted; the workflow's own fields (state, tier,
 * chain, step, department...) are the engine's; grades are academic affairs'; the student must be
 * one the writer can see. The incoming student's national ID is stored encrypted and masked.
 */
import { errors } from '@strapi/utils';
import { NATIONAL_ID_MESSAGES, parseNationalId } from '../domain/national-id';
import { CHANGE_TYPE_LABELS, EDITABLE_STATES, type ChangeType, type RequestState } from '../domain/status-change';
import { fieldError } from '../services/field-error';
import { assertOnlyVisibleFields } from '../services/visible-fields';
import { personalDataCipher, protectNationalId } from '../services/personal-data';
import { relationTarget, sameStoredValue, whereRef } from '../services/relations';
import { currentActor, type Actor } from '../services/scope/actor';
import { withoutScope } from '../services/scope/context';
import type { DocumentContext, DocumentMiddlewareFactory } from './types';
import { today } from '../services/clock';
import { Forbidden } from '../services/forbidden';

const UID = 'api::status-change.status-change';
type Strapi = Parameters<DocumentMiddlewareFactory>[0];
type Row = Record<string, any>;

/** Set by the approval engine only. */
export const WORKFLOW_FIELDS = [
  'tier', 'tierReasons', 'state', 'currentStep', 'currentStepDue', 'round', 'chain', 'chainSteps', 'department',
  'semester', 'submittedAt', 'decidedAt', 'appliedBy', 'effect', 'departmentScope', 'incomingNationalIdCipher', 'openStudentId',
] as const;
/** Filled in by academic affairs (and trusted systems), not by departments or students. */
const GRADE_FIELDS = ['failedCourses', 'averageScore', 'majorRankPercent'] as const;
const DEFAULTS: Record<string, unknown> = { state: 'draft', round: 0 };
const RELATIONS = ['chain', 'department'];

/** Whether a value sent on create leaves a workflow field as a new draft has it. */
function leftAsNew(field: string, sent: unknown): boolean {
  if (RELATIONS.includes(field)) return !relationTarget(sent, field);
  return blank(sent) || sent === DEFAULTS[field] || (Array.isArray(sent) && sent.length === 0);
}

const blank = (value: unknown) => value === undefined || value === null || value === '';

function assertNoWorkflowFields(data: Row, stored: Row | null) {
  for (const field of WORKFLOW_FIELDS) {
    const sent = data[field];
    const unchanged = stored ? sameStoredValue(strapi, UID, field, sent, stored[field]) : leftAsNew(field, sent);
    if (!unchanged) throw fieldError(field, `${field} 由审批流程维护，不能直接设置 (${field} is set by the approval workflow)`);
  }
}

/**
 * Supporting documents are added only through the upload route (src/api/status-change/services/
 * documents.ts), which checks the files and stores them privately: linking a file by its id here
 * could take another request's document (ids are guessable).
 */
function assertNoDocumentLinks(data: Row, stored: Row | null) {
  if (data.documents === undefined) return;
  const sent = Array.isArray(data.documents) ? data.documents : [data.documents];
  if (!stored && sent.length === 0) return;
  if (stored && sameStoredValue(strapi, UID, 'documents', data.documents, stored.documents)) return;
  throw fieldError('documents', '申请材料请通过"上传材料"添加 (documents: add them through the upload)');
}

function assertGradesAllowed(actor: Actor, data: Row, stored: Row | null) {
  if (actor.scope.kind === 'all') return;
  for (const field of GRADE_FIELDS) {
    if (!sameStoredValue(strapi, UID, field, data[field], stored?.[field] ?? null)) {
      throw new Forbidden(`${field} 由教务处填写 (${field} is filled in by academic affairs)`);
    }
  }
}

/** The student as the writer may see them (scoped): a 400 naming the field when out of reach. */
async function visibleStudent(strapi: Strapi, value: unknown): Promise<Row | null> {
  const ref = relationTarget(value, 'student');
  if (!ref) return null;
  const row = (await strapi.db.query('api::student.student').findOne({ where: whereRef(ref), select: ['id'] })) as Row | null;
  if (!row) throw fieldError('student', '学生不存在或不在您的管理范围内 (no such student within your reach)');
  // Seen by the writer; its department is the system's to read (a student cannot see departments).
  return (await withoutScope(() => strapi.db.query('api::student.student').findOne({ where: { id: row.id }, populate: ['department'] }))) as Row;
}

type DepartmentRef = { id: number; documentId: string } | null;

async function visibleClassDepartment(strapi: Strapi, value: unknown): Promise<DepartmentRef> {
  const ref = relationTarget(value, 'targetClass');
  if (!ref) return null;
  const seen = (await strapi.db.query('api::school-class.school-class').findOne({ where: whereRef(ref), select: ['id'] })) as Row | null;
  if (!seen) throw fieldError('targetClass', '班级不存在或不在您的管理范围内 (no such class within your reach)');
  const row = (await withoutScope(() => strapi.db.query('api::school-class.school-class').findOne({ where: { id: seen.id }, populate: { major: { populate: ['department'] } } }))) as Row;
  return row.major?.department ?? null;
}

function departmentColumns(department: DepartmentRef): Row {
  return { department: department?.documentId ?? null, departmentScope: department?.id ?? null };
}

function incomingIdentity(data: Row): Row {
  const value = data.incomingNationalId;
  if (value === undefined) return {};
  if (blank(value)) return { incomingNationalId: null, incomingNationalIdCipher: null };
  if (typeof value !== 'string') throw fieldError('incomingNationalId', NATIONAL_ID_MESSAGES.format);
  if (value.includes('*')) return { incomingNationalId: undefined };
  const parsed = parseNationalId(value.trim(), today());
  if (!parsed.ok) throw fieldError('incomingNationalId', NATIONAL_ID_MESSAGES[parsed.problem]);
  const columns = protectNationalId(personalDataCipher(), parsed.facts.value);
  return { incomingNationalId: columns.nationalId, incomingNationalIdCipher: columns.nationalIdCipher };
}

/** Fields of other change types (a target major on a suspension...) are refused, not kept unchecked. */
function assertFieldsOfType(strapi: Strapi, data: Row, record: Row) {
  const type = CHANGE_TYPE_LABELS[record.type as ChangeType] ?? '此类';
  assertOnlyVisibleFields(strapi, UID, data, record, () => `此字段不适用于${type}申请`);
}

async function onCreate(strapi: Strapi, actor: Actor, context: DocumentContext) {
  const data: Row = { ...(context.params.data ?? {}) };
  assertNoWorkflowFields(data, null);
  assertNoDocumentLinks(data, null);
  assertFieldsOfType(strapi, data, data);
  assertGradesAllowed(actor, data, null);
  const student = await visibleStudent(strapi, data.student);
  if (data.type === 'transfer-in' && student) throw fieldError('student', '转入申请批准后才产生学生，不能指定学生 (a transfer-in creates its student on approval)');
  if (data.type !== 'transfer-in' && !student) throw fieldError('student', '必须指定学生 (student is required)');
  const department: DepartmentRef = student ? (student.department ?? null) : await visibleClassDepartment(strapi, data.targetClass);
  const rest = Object.fromEntries(Object.entries(data).filter(([key]) => !(WORKFLOW_FIELDS as readonly string[]).includes(key)));
  context.params.data = {
    ...rest,
    ...incomingIdentity(data),
    state: 'draft',
    round: 0,
    ...departmentColumns(department),
    openStudentId: student?.id ?? null,
    appliedBy: actor.label.slice(0, 255),
  };
}

async function onUpdateOrDelete(strapi: Strapi, actor: Actor, context: DocumentContext) {
  const stored = (await strapi.db.query(UID as never).findOne({ where: { documentId: context.params.documentId }, populate: ['student', 'chain', 'department', 'documents'] })) as Row | null;
  if (!stored) throw new errors.NotFoundError('Not Found');
  if (context.action === 'delete') {
    if (stored.state !== 'draft' || stored.round !== 0) throw new Forbidden('已提交的申请永久保留，不能删除；可以撤回 (a submitted request is kept; withdraw it instead)');
    return;
  }
  if (!EDITABLE_STATES.includes(stored.state as RequestState)) throw new Forbidden('申请已提交审批，不能修改；退回后可修改 (a request under approval cannot be edited)');
  const data: Row = { ...(context.params.data ?? {}) };
  assertNoWorkflowFields(data, stored);
  assertNoDocumentLinks(data, stored);
  assertGradesAllowed(actor, data, stored);
  if (!sameStoredValue(strapi, UID, 'student', data.student, stored.student)) throw fieldError('student', '申请的学生不能更改，请新建申请 (the student of a request cannot be changed)');
  if (!sameStoredValue(strapi, UID, 'type', data.type, stored.type)) throw fieldError('type', '异动类别不能更改，请新建申请 (the type of a request cannot be changed)');
  assertFieldsOfType(strapi, data, { ...stored, ...data, type: stored.type });
  const rest = Object.fromEntries(Object.entries(data).filter(([key]) => !(WORKFLOW_FIELDS as readonly string[]).includes(key)));
  const moved = stored.type === 'transfer-in' && relationTarget(data.targetClass, 'targetClass') ? await visibleClassDepartment(strapi, data.targetClass) : undefined;
  context.params.data = { ...rest, ...incomingIdentity(data), ...(moved !== undefined ? departmentColumns(moved) : {}) };
}

export const statusChangeWrites: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  if (context.uid !== UID || !['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft'].includes(context.action)) return next();
  const actor = await currentActor(strapi);
  if (actor.kind === 'system') return next();
  if (context.action === 'create') await onCreate(strapi, actor, context);
  else if (context.action === 'update' || context.action === 'delete') await onUpdateOrDelete(strapi, actor, context);
  else throw new Forbidden('不允许的操作 (not allowed)');
  // Checked above against the writer's scope; the relations it sets (the department) are the
  // system's to link even where the writer cannot read them (a student cannot see departments).
  return withoutScope(() => next());
};
