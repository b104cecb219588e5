/**
 * Writes inside the scope: a user limited to some departments (or to themselves) cannot create,
 * move, edit or delete a record outside it, cannot touch the organisation, and cannot set the
 * fields the system or other offices own. The student status moves only through workflows.
 * Reads are scoped in the database layer (services/scope/database-scope.ts); this is the
 * write side, with 403s that say why.
 */
import { errors } from '@strapi/utils';
import { departmentInScope, ORGANISATION_TYPES } from '../domain/scope';
import { WORKFLOW_OWNED_STUDENT_FIELDS } from '../domain/status-change';
import { currentActor, type Actor } from '../services/scope/actor';
import { withoutScope } from '../services/scope/context';
import { fieldError } from '../services/field-error';
import { relationTarget, sameStoredValue, whereRef } from '../services/relations';
import type { DocumentContext, DocumentMiddlewareFactory } from './types';
import { Forbidden } from '../services/forbidden';

const STUDENT = 'api::student.student';
const WORKFLOW_FIELD_LABELS: Record<(typeof WORKFLOW_OWNED_STUDENT_FIELDS)[number], string> = {
  status: '学籍状态', major: '专业', schoolClass: '班级', studentNumber: '学号', department: '系部',
  suspensionStart: '休学开始日期', suspensionEnd: '休学结束日期', numberRetiredAt: '学号注销时间',
};
const WRITES = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);
/**
 * Student fields a department may not change: derived, system-owned or owned by other offices.
 * (`createdBy`/`updatedBy` are set by Strapi itself on admin writes and refused by the content
 * API's input validation, so they are not listed.)
 */
const NOT_DEPARTMENT_OWNED = ['department', 'major', 'enrollmentYear', 'user', 'studentNumber', 'status'];

type Strapi = Parameters<DocumentMiddlewareFactory>[0];
type Row = Record<string, any>;

function forbidden(message: string): Error {
  return new Forbidden(message);
}

async function classDepartmentId(strapi: Strapi, value: unknown): Promise<number | null | undefined> {
  const ref = relationTarget(value, 'schoolClass');
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

/**
 * Status, major, class, number and the other workflow-owned fields change only through approved
 * status changes (and registration, graduation), whoever asks: 400 naming the field.
 */
async function assertWorkflowFieldsUnchanged(strapi: Strapi, context: DocumentContext) {
  const data = context.params.data ?? {};
  if (context.uid !== STUDENT || context.action !== 'update') return;
  const sent = WORKFLOW_OWNED_STUDENT_FIELDS.filter((field) => data[field] !== undefined);
  if (sent.length === 0) return;
  const stored = (await withoutScope(() =>
    strapi.db.query(STUDENT).findOne({ where: { documentId: context.params.documentId }, populate: ['department', 'major', 'schoolClass'] }),
  )) as Row | null;
  if (!stored) return;
  for (const field of sent) {
    if (!sameStoredValue(strapi, STUDENT, field, data[field], stored[field])) {
      throw fieldError(field, `${WORKFLOW_FIELD_LABELS[field]}只能通过学籍异动、注册和毕业变更，不能直接修改 (${field} changes only through approved status changes)`);
    }
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
    if (!sameStoredValue(strapi, STUDENT, field, data[field], stored[field])) throw forbidden(`不能修改字段 ${field} (you may not change ${field})`);
  }
  const newDepartment = await classDepartmentId(strapi, data.schoolClass);
  if (newDepartment !== undefined && !departmentInScope(actor.scope, newDepartment)) {
    throw forbidden('不能把学生转到本系部以外的班级 (you may not move a student out of your department)');
  }
}

export const scopeWrites: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  if (!ORGANISATION_TYPES.includes(context.uid) || !WRITES.has(context.action)) return next();
  const actor = await currentActor(strapi);
  if (actor.kind === 'system') return next();
  await assertWorkflowFieldsUnchanged(strapi, context);
  if (actor.scope.kind === 'all') return next();
  if (context.uid !== STUDENT) throw forbidden('组织机构与人员任职由教务处维护 (the organisation is maintained by academic affairs)');
  await checkStudentWrite(strapi, actor, context);
  return next();
};
