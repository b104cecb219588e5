/**
 * The signed-in student's own record: found through their users-permissions login, with class,
 * major and department, and their own personal data unmasked. Anyone else gets 404.
 */
import type { Core } from '@strapi/strapi';
import { clearPersonalData } from '../../../services/personal-data';
import { findOwnStudent } from '../repositories/own-student';

const PUBLIC_FIELDS = [
  'documentId', 'studentNumber', 'name', 'gender', 'birthDate', 'ethnicity', 'politicalStatus',
  'enrollmentYear', 'studyForm', 'programLength', 'status', 'createdAt', 'updatedAt',
] as const;

function named(row: Record<string, any> | null | undefined, ...fields: string[]) {
  if (!row) return null;
  return Object.fromEntries(['documentId', ...fields].map((field) => [field, row[field]]));
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async ownRecord(userId: number | undefined) {
    const row = await findOwnStudent(strapi, userId, { schoolClass: true, major: true, department: true });
    return {
      ...Object.fromEntries(PUBLIC_FIELDS.map((field) => [field, row[field]])),
      ...clearPersonalData(row),
      schoolClass: named(row.schoolClass, 'name', 'enrollmentYear', 'sequence'),
      major: named(row.major, 'name', 'code'),
      department: named(row.department, 'name', 'code'),
    };
  },
});
