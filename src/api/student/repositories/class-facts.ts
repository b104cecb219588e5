/** What admitting a student needs to know of a class: its codes, year, major and department. */
import type { Core } from '@strapi/strapi';
import { classNumberPrefix, isTwoDigitCode } from '../../../domain/student-number';
import { fieldError } from '../../../services/field-error';
import { whereRef, type RelationRef } from '../../../services/relations';

export interface ClassFacts {
  id: number;
  documentId: string;
  enrollmentYear: number;
  prefix: string;
  major: { id: number; documentId: string };
  department: { id: number; documentId: string };
}

interface ClassRow {
  id: number;
  documentId: string;
  enrollmentYear: number;
  sequence: string;
  major?: { id: number; documentId: string; code: string; department?: { id: number; documentId: string; code: string } };
}

/** Classes by documentId; a class missing, or without a major and department, is left out. */
export async function findClassFacts(strapi: Core.Strapi, documentIds: string[]): Promise<Map<string, ClassFacts>> {
  const rows = (await strapi.db.query('api::school-class.school-class').findMany({
    where: { documentId: { $in: [...new Set(documentIds)] } },
    select: ['id', 'documentId', 'enrollmentYear', 'sequence'],
    populate: {
      major: { select: ['id', 'documentId', 'code'], populate: { department: { select: ['id', 'documentId', 'code'] } } },
    },
  })) as ClassRow[];
  const facts = new Map<string, ClassFacts>();
  for (const row of rows) {
    const major = row.major;
    const department = major?.department;
    if (!major || !department || !isTwoDigitCode(major.code) || !isTwoDigitCode(department.code)) continue;
    const prefix = classNumberPrefix({
      enrollmentYear: row.enrollmentYear,
      departmentCode: department.code,
      majorCode: major.code,
      classSequence: row.sequence,
    });
    facts.set(row.documentId, {
      id: row.id,
      documentId: row.documentId,
      enrollmentYear: row.enrollmentYear,
      prefix,
      major: { id: major.id, documentId: major.documentId },
      department: { id: department.id, documentId: department.documentId },
    });
  }
  return facts;
}

/** The documentId of the class a relation value points at; a 400 naming schoolClass if none. */
export async function requireClassDocumentId(strapi: Core.Strapi, ref: RelationRef): Promise<string> {
  const found = (await strapi.db.query('api::school-class.school-class').findOne({ where: whereRef(ref), select: ['documentId'] })) as {
    documentId: string;
  } | null;
  if (!found) throw fieldError('schoolClass', '班级不存在 (no such class)');
  return found.documentId;
}
