/**
 * Demo data for development (`npm run seed`, and on the first `develop` of an empty database).
 * Every record is found by its natural key before it is created, so seeding twice adds nothing.
 */
import type { Core } from '@strapi/strapi';
import { DEMO_DEPARTMENTS, DEMO_OFFICES, DEMO_YEARS, STUDENTS_PER_DEMO_CLASS } from './organisation';
import { fakePerson } from './people';
import { ensureStaff, ensureStudentLogins } from './accounts';
import { ensureDemoStatusChanges } from './status-changes';
import { ensureDemoIntegrity } from './integrity';
import { ensureDemoRegistrations } from './registrations';
import type admissionsService from '../api/student/services/admissions';

export const DEFAULT_SEED_PASSWORD = 'Admin12345';

type Admissions = ReturnType<typeof admissionsService>;

async function findOrCreate(strapi: Core.Strapi, uid: string, where: Record<string, unknown>, data: Record<string, unknown>) {
  const found = (await strapi.db.query(uid as never).findOne({ where })) as { documentId: string } | null;
  if (found) return found.documentId;
  const created = await strapi.documents(uid as never).create({ data } as never);
  return (created as unknown as { documentId: string }).documentId;
}

async function ensureOrganisation(strapi: Core.Strapi): Promise<Array<{ documentId: string; status: string; index: number; year: number }>> {
  for (const office of DEMO_OFFICES) await findOrCreate(strapi, 'api::office.office', { kind: office.kind }, office);
  const classes = [];
  let index = 0;
  for (const department of DEMO_DEPARTMENTS) {
    const departmentId = await findOrCreate(strapi, 'api::department.department', { code: department.code }, { name: department.name, code: department.code });
    for (const major of department.majors) {
      const majorId = await findOrCreate(strapi, 'api::major.major', { uniqueKey: `${departmentId}:${major.code}` }, { ...major, department: departmentId });
      for (const year of DEMO_YEARS) {
        const documentId = await findOrCreate(
          strapi,
          'api::school-class.school-class',
          { uniqueKey: `${majorId}:${year.enrollmentYear}:01` },
          { name: `${major.name.replace(/（.*）/, '')}${String(year.enrollmentYear).slice(2)}级1班`, enrollmentYear: year.enrollmentYear, sequence: '01', major: majorId },
        );
        classes.push({ documentId, status: year.status, index: index++, year: year.enrollmentYear });
      }
    }
  }
  return classes;
}

async function ensureStudents(strapi: Core.Strapi, classes: Awaited<ReturnType<typeof ensureOrganisation>>) {
  const admissions = strapi.service('api::student.admissions') as Admissions;
  let admitted = 0;
  for (const schoolClass of classes) {
    const count = await strapi.db.query('api::student.student').count({ where: { schoolClass: { documentId: schoolClass.documentId } } });
    if (count > 0) continue;
    const rows = Array.from({ length: STUDENTS_PER_DEMO_CLASS }, (_, i) => ({
      ...fakePerson(schoolClass.index * STUDENTS_PER_DEMO_CLASS + i, schoolClass.year),
      schoolClass: schoolClass.documentId,
    }));
    const created = await admissions.admitMany(rows);
    if (schoolClass.status !== 'admitted') {
      await strapi.db.query('api::student.student').updateMany({ where: { documentId: { $in: created.map((c) => c.documentId) } }, data: { status: schoolClass.status } });
    }
    admitted += created.length;
  }
  return admitted;
}

/** Seeds the demo college; returns what it added. Refuses in production. */
export async function seedDemoData(strapi: Core.Strapi, password = process.env.SEED_ADMIN_PASSWORD || DEFAULT_SEED_PASSWORD) {
  if (process.env.NODE_ENV === 'production') throw new Error('Demo data is never seeded in production');
  const classes = await ensureOrganisation(strapi);
  const students = await ensureStudents(strapi, classes);
  const staff = await ensureStaff(strapi, password);
  const studentLogins = await ensureStudentLogins(strapi, password);
  const statusChanges = await ensureDemoStatusChanges(strapi);
  const integrityRecords = await ensureDemoIntegrity(strapi);
  const registrations = await ensureDemoRegistrations(strapi);
  return { classes: classes.length, students, staff, studentLogins, statusChanges, integrityRecords, registrations };
}
