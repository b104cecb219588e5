/**
 * The organisation tree behind student numbers: a major belongs to a department with a code
 * unique inside it, a class to a major with a sequence unique per year. Codes, parents and
 * years that numbers were built from cannot change once students hold such numbers, and a
 * unit with members cannot be deleted.
 */
import type { Core } from '@strapi/strapi';
import { fieldError } from '../services/field-error';
import { relationTarget, whereRef } from '../services/relations';
import type { DocumentContext, DocumentMiddlewareFactory } from './types';

interface Level {
  /** The parent relation and its content type. */
  parent?: { field: string; uid: string; label: string };
  /** Fields whose change would contradict issued student numbers. */
  numberingFields: string[];
  /** How students of this unit are found. */
  studentFilter: (documentId: string) => Record<string, unknown>;
  /** Children that block deletion. */
  children: Array<{ uid: string; filter: (documentId: string) => Record<string, unknown>; label: string }>;
  uniqueKey?: (parentDocumentId: string, values: Record<string, unknown>) => string;
}

const LEVELS: Record<string, Level> = {
  'api::department.department': {
    numberingFields: ['code'],
    studentFilter: (id) => ({ department: { documentId: id } }),
    children: [{ uid: 'api::major.major', filter: (id) => ({ department: { documentId: id } }), label: '专业 (majors)' }],
  },
  'api::major.major': {
    parent: { field: 'department', uid: 'api::department.department', label: '所属系部 (department)' },
    numberingFields: ['code', 'department'],
    studentFilter: (id) => ({ major: { documentId: id } }),
    children: [{ uid: 'api::school-class.school-class', filter: (id) => ({ major: { documentId: id } }), label: '班级 (classes)' }],
    uniqueKey: (parent, v) => `${parent}:${v.code}`,
  },
  'api::school-class.school-class': {
    parent: { field: 'major', uid: 'api::major.major', label: '所属专业 (major)' },
    numberingFields: ['sequence', 'enrollmentYear', 'major'],
    studentFilter: (id) => ({ schoolClass: { documentId: id } }),
    children: [],
    uniqueKey: (parent, v) => `${parent}:${v.enrollmentYear}:${v.sequence}`,
  },
};

async function hasStudents(strapi: Core.Strapi, level: Level, documentId: string) {
  return (await strapi.db.query('api::student.student').count({ where: level.studentFilter(documentId) })) > 0;
}

async function guardDelete(strapi: Core.Strapi, level: Level, documentId: string) {
  if (await hasStudents(strapi, level, documentId)) throw fieldError('id', '仍有学生，不能删除 (students still belong to it; it cannot be deleted)');
  for (const child of level.children) {
    if ((await strapi.db.query(child.uid as never).count({ where: child.filter(documentId) })) > 0) {
      throw fieldError('id', `仍有下属${child.label}，不能删除 (it still has ${child.label}; it cannot be deleted)`);
    }
  }
}

async function resolveParent(strapi: Core.Strapi, level: Level, context: DocumentContext, current: Record<string, any> | null) {
  const parent = level.parent!;
  const target = relationTarget(context.params.data?.[parent.field], parent.field);
  if (target === undefined && current) return current[parent.field]?.documentId as string | undefined;
  if (!target) throw fieldError(parent.field, `${parent.label}必填 (${parent.field} is required)`);
  const row = (await strapi.db.query(parent.uid as never).findOne({ where: whereRef(target), select: ['documentId'] })) as { documentId: string } | null;
  if (!row) throw fieldError(parent.field, `${parent.label}不存在 (no such ${parent.field})`);
  return row.documentId;
}

async function guardWrite(strapi: Core.Strapi, uid: string, level: Level, context: DocumentContext) {
  const data = context.params.data ?? {};
  const current = context.action === 'update'
    ? ((await strapi.db.query(uid as never).findOne({
        where: { documentId: context.params.documentId },
        populate: level.parent ? { [level.parent.field]: { select: ['documentId'] } } : undefined,
      })) as Record<string, any> | null)
    : null;
  if (context.action === 'update' && !current) return;
  const parentId = level.parent ? await resolveParent(strapi, level, context, current) : undefined;
  if (current) {
    const changed = level.numberingFields.filter((field) =>
      field === level.parent?.field ? parentId !== current[field]?.documentId : data[field] !== undefined && String(data[field]) !== String(current[field]),
    );
    if (changed.length > 0 && (await hasStudents(strapi, level, current.documentId))) {
      throw fieldError(changed[0], '已有学生按此编号，不能修改 (students were numbered with it; it cannot change)');
    }
  }
  if (level.uniqueKey && parentId) {
    context.params.data = { ...data, uniqueKey: level.uniqueKey(parentId, { ...current, ...data }) };
  }
}

export const organisationIntegrity: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  const level = LEVELS[context.uid];
  if (!level) return next();
  if (context.action === 'delete' && context.params.documentId) await guardDelete(strapi, level, context.params.documentId);
  if (context.action === 'create' || context.action === 'update') await guardWrite(strapi, context.uid, level, context);
  return next();
};
