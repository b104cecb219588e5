/**
 * The signed-in student's own record: found through their users-permissions login, with class,
 * major and department, and their own personal data unmasked. Anyone else gets 404.
 */
import { registrationOfStudent } from '../../registration/services/student-status';
import type { Core } from '@strapi/strapi';
import { clearPersonalData } from '../../../services/personal-data';
import { findOwnStudent } from '../repositories/own-student';

/** Kinds of attribute that are not a value of the student's own (relations are named below). */
const NOT_VALUES = new Set(['relation', 'component', 'dynamiczone', 'media', 'password']);

/**
 * The student's own fields: every attribute of the schema that is a value and not private, so that
 * a field an admin adds in the Content-Type Builder reaches the student too (and one they mark
 * private does not). Personal data comes in clear from its cipher below.
 */
function ownFields(strapi: Core.Strapi): string[] {
  const { attributes } = strapi.contentType('api::student.student' as never) as unknown as { attributes: Record<string, { type: string; private?: boolean }> };
  const values = Object.entries(attributes).filter(([, attribute]) => !NOT_VALUES.has(attribute.type) && attribute.private !== true);
  return ['documentId', ...values.map(([name]) => name), 'createdAt', 'updatedAt'];
}

function named(row: Record<string, any> | null | undefined, ...fields: string[]) {
  if (!row) return null;
  return Object.fromEntries(['documentId', ...fields].map((field) => [field, row[field]]));
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async ownRecord(userId: number | undefined) {
    const row = await findOwnStudent(strapi, userId, { schoolClass: true, major: true, department: true });
    return {
      ...Object.fromEntries(ownFields(strapi).map((field) => [field, row[field] ?? null])),
      ...clearPersonalData(row),
      schoolClass: named(row.schoolClass, 'name', 'enrollmentYear', 'sequence'),
      major: named(row.major, 'name', 'code'),
      department: named(row.department, 'name', 'code'),
      // This semester's registration: an unregistered student may not select courses or sit exams.
      registration: await registrationOfStudent(strapi, row.id),
    };
  },
});
