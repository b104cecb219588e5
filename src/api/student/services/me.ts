/**
 * The signed-in student's own record: found through their users-permissions login, with class,
 * major and department, and their own personal data unmasked. Anyone else gets 404.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { clearPersonalData } from '../../../services/personal-data';
import { withoutScope } from '../../../services/scope/context';

const UID = 'api::student.student';
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
    if (!userId) throw new errors.NotFoundError('没有与此账号关联的学籍 (no student record for this login)');
    const row = (await withoutScope(() =>
      strapi.db.query(UID).findOne({
        where: { user: { id: userId } },
        populate: { schoolClass: true, major: true, department: true },
      }),
    )) as Record<string, any> | null;
    if (!row) throw new errors.NotFoundError('没有与此账号关联的学籍 (no student record for this login)');
    return {
      ...Object.fromEntries(PUBLIC_FIELDS.map((field) => [field, row[field]])),
      ...clearPersonalData(row),
      schoolClass: named(row.schoolClass, 'name', 'enrollmentYear', 'sequence'),
      major: named(row.major, 'name', 'code'),
      department: named(row.department, 'name', 'code'),
    };
  },
});
