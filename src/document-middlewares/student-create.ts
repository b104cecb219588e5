/**
 * Creating a student is admitting one: the same checks and numbering as bulk admission, from
 * REST, GraphQL and the Content Manager alike. Derived fields must agree with the class.
 */
import { ADMISSION_FIELDS } from '../domain/admission';
import { prepareAdmissions } from '../api/student/services/admissions';
import { fieldError } from '../services/field-error';
import { relationTarget } from '../services/relations';
import { requireClassDocumentId } from '../api/student/repositories/class-facts';
import type { DocumentMiddlewareFactory } from './types';
import { withoutScope } from '../services/scope/context';
import { currentActor } from '../services/scope/actor';
import { assertDerivedAgree, PROTECTED_COLUMNS } from './student-derived';

const UID = 'api::student.student';

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

export const studentCreate: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  if (context.uid !== UID || context.action !== 'create') return next();
  const data: Record<string, unknown> = { ...(context.params.data ?? {}) };
  if (!isBlank(data.studentNumber)) throw fieldError('studentNumber', '学号由系统在录取时生成，不能指定 (studentNumber is assigned by the system)');
  if (!isBlank(data.status) && data.status !== 'admitted') {
    throw fieldError('status', '新生的学籍状态只能是“新生(未注册)” (a new student is admitted)');
  }
  const target = relationTarget(data.schoolClass, 'schoolClass');
  const schoolClass = target ? await requireClassDocumentId(strapi, target) : undefined;
  const row: Record<string, unknown> = {};
  for (const field of ADMISSION_FIELDS) if (!isBlank(data[field])) row[field] = data[field];
  if (schoolClass) row.schoolClass = schoolClass;
  // Resolved here: inside `withoutScope` the actor is the system, and matches count per person.
  const actor = await currentActor(strapi);
  return strapi.db.transaction(async () => {
    // The write side (scope-writes) has checked the class; numbering and uniqueness see everyone.
    const [prepared] = await withoutScope(() => prepareAdmissions(strapi, [row], false, actor));
    assertDerivedAgree(data, prepared.classFacts, prepared.fields.birthDate as string);
    const rest = Object.fromEntries(
      Object.entries(data).filter(([key]) => !(ADMISSION_FIELDS as readonly string[]).includes(key) && !PROTECTED_COLUMNS.includes(key)),
    );
    context.params.data = {
      ...rest,
      ...prepared.fields,
      schoolClass: prepared.classFacts.documentId,
      major: prepared.classFacts.major.documentId,
      department: prepared.classFacts.department.documentId,
    };
    return next();
  });
};
