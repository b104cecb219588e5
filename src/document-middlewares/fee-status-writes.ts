/**
 * Fee statuses written by hand (Content Manager, REST, GraphQL): a status names its student and
 * semester, and the keys the registration conditions read (student_key, semester_key), the
 * department scope and the source follow from them, set here and never by the writer. The amount
 * must suit the status (src/domain/fee-status.ts). Nothing is deleted: a status is corrected, not
 * removed (the database refuses too). Who may write is RBAC (finance's role); which students, the
 * fee status's own scope (src/domain/scope.ts). The import writes by SQL (src/api/fee-status/services/import.ts).
 */
import { errors } from '@strapi/utils';
import { FEE_SYSTEM_FIELDS, feeAmountProblem, feeScopeReaches, isFeeStatus } from '../domain/fee-status';
import { FEE_STATUSES } from '../domain/registration';
import { fieldError } from '../services/field-error';
import { relationTarget, whereRef } from '../services/relations';
import { currentActor, type Actor } from '../services/scope/actor';
import { withoutScope } from '../services/scope/context';
import type { DocumentMiddlewareFactory } from './types';
import { Forbidden } from '../services/forbidden';

type Strapi = Parameters<DocumentMiddlewareFactory>[0];
type Row = Record<string, any>;

export const FEE_STATUS = 'api::fee-status.fee-status';
const STUDENT = 'api::student.student';
const SEMESTER = 'api::semester.semester';
const WRITES = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);
const NEVER_DELETED = '缴费状态不能删除；如有错误，请修改原记录 (fee statuses are kept: correct one instead of deleting it)';
const NOT_SUPPORTED = '缴费状态只能新增或修改 (fee statuses are only created and updated)';

const blank = (value: unknown) => value === undefined || value === null || value === '';

function systemField(field: string): errors.ValidationError {
  return fieldError(field, `${field} 由系统根据学生与学期设置，不能直接填写 (${field} is set by the system)`);
}

/** The keys are the system's; `source` may only echo what is stored (a form sends it back) or say `manual`. */
function assertNoSystemFields(data: Row, storedSource: string | null): void {
  for (const field of FEE_SYSTEM_FIELDS) {
    if (data[field] === undefined) continue;
    if (field === 'source' && (blank(data.source) || data.source === 'manual' || data.source === storedSource)) continue;
    throw systemField(field);
  }
}

/**
 * The row a to-one relation names, read whatever the writer's scope (finance reaches no student
 * rows); the stored one when the write leaves the relation alone.
 */
async function named(strapi: Strapi, uid: string, field: 'student' | 'semester', value: unknown, stored: Row | null, select: string[]): Promise<Row> {
  const ref = relationTarget(value, field);
  const label = field === 'student' ? '学生' : '学期';
  if (ref === undefined && stored) return stored;
  if (!ref) throw fieldError(field, `必须指定${label} (${field} is required)`);
  const row = (await withoutScope(() => strapi.db.query(uid as never).findOne({ where: whereRef(ref), select }))) as Row | null;
  if (!row) throw fieldError(field, `${label}不存在 (no such ${field})`);
  return row;
}

function amountOf(value: unknown): number | null {
  if (blank(value)) return null;
  const amount = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(amount)) throw fieldError('amountOwed', '欠费金额须为数字 (amountOwed must be a number)');
  return amount;
}

function assertStatusAndAmount(status: unknown, amount: unknown): void {
  if (!isFeeStatus(status)) throw fieldError('status', `status 须为 ${FEE_STATUSES.join(' / ')} 之一 (status is required)`);
  const problem = feeAmountProblem(status, amountOf(amount));
  if (problem) throw fieldError('amountOwed', `${problem} (amountOwed does not suit status ${status})`);
}

/** The data to write: the writer's fields, the relations as checked, and the system's fields from them. */
async function prepared(strapi: Strapi, actor: Actor, data: Row, stored: Row | null): Promise<Row> {
  const system = actor.kind === 'system';
  if (!system) assertNoSystemFields(data, stored?.source ?? null);
  const student = await named(strapi, STUDENT, 'student', data.student, stored?.student ?? null, ['id', 'documentId', 'departmentScope']);
  const semester = await named(strapi, SEMESTER, 'semester', data.semester, stored?.semester ?? null, ['id', 'documentId']);
  // Out of the writer's reach reads as no such student, as a scoped picker would show it.
  if (!feeScopeReaches(actor.scope, student.departmentScope ?? null)) throw fieldError('student', '学生不存在 (no such student)');
  assertStatusAndAmount(data.status === undefined ? stored?.status : data.status, data.amountOwed === undefined ? stored?.amountOwed ?? null : data.amountOwed);
  // The student's label is the database's (a trigger copies the student's picker label); a form sends it back.
  const { studentLabel: _label, ...fields } = data;
  return {
    ...fields,
    student: student.documentId,
    semester: semester.documentId,
    studentKey: student.id,
    semesterKey: semester.id,
    departmentScope: student.departmentScope ?? null,
    source: system && !blank(data.source) ? data.source : 'manual',
  };
}

/** The stored status, if the writer's scope reaches it, with its student and semester. */
async function storedFeeStatus(strapi: Strapi, documentId: string | undefined): Promise<Row> {
  const seen = documentId ? ((await strapi.db.query(FEE_STATUS as never).findOne({ where: { documentId }, select: ['id'] })) as Row | null) : null;
  const stored = seen
    ? ((await withoutScope(() =>
        strapi.db.query(FEE_STATUS as never).findOne({ where: { id: seen.id }, populate: { student: { select: ['id', 'documentId', 'departmentScope'] }, semester: { select: ['id', 'documentId'] } } }),
      )) as Row | null)
    : null;
  if (!stored) throw new errors.NotFoundError('Not Found');
  return stored;
}

export const feeStatusWrites: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  const { uid, action } = context;
  if (uid !== FEE_STATUS || !WRITES.has(action)) return next();
  if (action === 'delete') throw new Forbidden(NEVER_DELETED);
  if (action !== 'create' && action !== 'update') throw new Forbidden(NOT_SUPPORTED);
  const actor = await currentActor(strapi);
  const stored = action === 'update' ? await storedFeeStatus(strapi, context.params.documentId) : null;
  context.params.data = await prepared(strapi, actor, { ...(context.params.data ?? {}) }, stored);
  // Checked above; finance's scope reaches no student row for Strapi to resolve the relation in.
  return withoutScope(next);
};
