/**
 * Writes inside the scope: a user limited to some departments (or to themselves) cannot create,
 * move, edit or delete a record outside it, cannot touch the organisation, and cannot set the
 * fields the system or other offices own. The student status moves only through workflows.
 * Reads are scoped in the database layer (services/scope/database-scope.ts); this is the
 * write side, with 403s that say why.
 */
import { errors } from '@strapi/utils';
import { departmentInScope, isScopedType } from '../domain/scope';
import { currentActor, type Actor } from '../services/scope/actor';
import { withoutScope } from '../services/scope/context';
import { fieldError } from '../services/field-error';
import { relationTarget, whereRef } from '../services/relations';
import type { DocumentContext, DocumentMiddlewareFactory } from './types';

const STUDENT = 'api::student.student';
const WRITES = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);
/**
 * Student fields a department may not change: derived, system-owned or owned by other offices.
 * (`createdBy`/`updatedBy` are set by Strapi itself on admin writes and refused by the content
 * API's input validation, so they are not listed.)
 */
const NOT_DEPARTMENT_OWNED = ['department', 'major', 'enrollmentYear', 'user', 'studentNumber', 'status'];

type Strapi = Parameters<DocumentMiddlewareFactory>[0];
type Row = Record<string, any>;

function forbidden(message: string): errors.ForbiddenError {
  return new errors.ForbiddenError(message);
}

async function classDepartmentId(strapi: Strapi, value: unknown): Promise<number | null | undefined> {
  const ref = relationTarget(value);
  if (!ref) return ref === null ? null : undefined;
  const row = (await withoutScope(() =>
    strapi.db.query('api::school-class.school-class').findOne({ where: whereRef(ref), populate: { major: { populate: ['department'] } } }),
  )) as Row | null;
  return row?.major?.department?.id ?? null;
}

/** The stored student, as the acting user can see it (scoped); 404 when out of reach. */
async function visibleStudent(strapi: Strapi, documentId: unknown): Promise<Row> {
  const row = (await strapi.db.query(STUDENT).findOne({
    where: { documentId },
    populate: ['department', 'major', 'user', 'schoolClass'],
  })) as Row | null;
  if (!row) throw new errors.NotFoundError('Not Found');
  return row;
}

function sameValue(sent: unknown, stored: unknown): boolean {
  if (sent === undefined) return true;
  const ref = relationTarget(sent);
  if (stored && typeof stored === 'object') {
    if (ref === undefined) return true;
    if (ref === null) return false;
    return 'documentId' in ref ? ref.documentId === (stored as Row).documentId : ref.id === (stored as Row).id;
  }
  if (stored === null || stored === undefined) return ref === undefined || ref === null || sent === '';
  return String(sent) === String(stored);
}

/** Status changes only through approved workflows, whoever asks. */
async function assertStatusUnchanged(strapi: Strapi, context: DocumentContext) {
  const sent = context.params.data?.status;
  if (context.uid !== STUDENT || context.action !== 'update' || sent === undefined) return;
  const stored = (await withoutScope(() => strapi.db.query(STUDENT).findOne({ where: { documentId: context.params.documentId }, select: ['status'] }))) as Row | null;
  if (stored && sent !== stored.status) {
    throw fieldError('status', '学籍状态只能通过学籍异动、注册和毕业变更，不能直接修改 (status changes only through approved workflows)');
  }
}

async function checkStudentWrite(strapi: Strapi, actor: Actor, context: DocumentContext) {
  const data: Row = context.params.data ?? {};
  if (context.action === 'create') {
    for (const field of ['user', 'status']) {
      if (data[field] !== undefined && data[field] !== null && !(field === 'status' && data[field] === 'admitted')) {
        throw forbidden(`不能设置字段 ${field} (you may not set ${field})`);
      }
    }
    if (!departmentInScope(actor.scope, (await classDepartmentId(strapi, data.schoolClass)) ?? null)) {
      throw forbidden('只能在本系部的班级录取学生 (you may admit students only into your own department)');
    }
    return;
  }
  if (context.action !== 'update' && context.action !== 'delete') throw forbidden('不允许的操作 (not allowed)');
  const stored = await visibleStudent(strapi, context.params.documentId);
  if (context.action === 'delete') return;
  for (const field of NOT_DEPARTMENT_OWNED) {
    if (!sameValue(data[field], stored[field])) throw forbidden(`不能修改字段 ${field} (you may not change ${field})`);
  }
  const newDepartment = await classDepartmentId(strapi, data.schoolClass);
  if (newDepartment !== undefined && !departmentInScope(actor.scope, newDepartment)) {
    throw forbidden('不能把学生转到本系部以外的班级 (you may not move a student out of your department)');
  }
}

export const scopeWrites: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  if (!isScopedType(context.uid) || !WRITES.has(context.action)) return next();
  const actor = await currentActor(strapi);
  if (actor.kind === 'system') return next();
  await assertStatusUnchanged(strapi, context);
  if (actor.scope.kind === 'all') return next();
  if (context.uid !== STUDENT) throw forbidden('组织机构与人员任职由教务处维护 (the organisation is maintained by academic affairs)');
  await checkStudentWrite(strapi, actor, context);
  return next();
};
