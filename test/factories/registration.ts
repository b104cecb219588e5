/**
 * Semester registration in tests: semesters of their own (far from any other test's), opening
 * them, finance's fee status, the student's proofs, and the rows as stored.
 */
import type { TestApp } from '../helpers/strapi';
import { SAMPLE_PDF } from './integrity';

export interface TestSemester {
  id: number;
  documentId: string;
  code: string;
  startDate: string;
  endDate: string;
}

/** A first semester of a school year no other test in this worker's database uses (2100 to 9899). */
export async function createSemester(app: TestApp, options: { year?: number; start?: string; end?: string; workingDays?: number } = {}): Promise<TestSemester> {
  // A year no semester of this worker's database has (files of one worker share it), unless one is asked for.
  let year = options.year ?? 0;
  for (let attempt = 0; !options.year && attempt < 50; attempt += 1) {
    const candidate = 2100 + Math.floor(Math.random() * 7700);
    if (!(await app.strapi.db.connection('semesters').where({ code: `${candidate}-${candidate + 1}-1` }).first('id'))) {
      year = candidate;
      break;
    }
  }
  const created = (await app.strapi.db.query('api::semester.semester').create({
    data: {
      code: `${year}-${year + 1}-1`,
      startDate: options.start ?? `${year}-09-01`,
      endDate: options.end ?? `${year + 1}-01-20`,
      registrationWorkingDays: options.workingDays ?? 10,
      publishedAt: new Date(),
    },
  })) as TestSemester;
  return created;
}

export function openSemester(app: TestApp, auth: string, code: string) {
  return app.http.post('/api/registrations/open').set('Authorization', auth).send({ semester: code });
}

export function closeWindow(app: TestApp, auth: string, code?: string) {
  return app.http.post('/api/registrations/close-window').set('Authorization', auth).send(code ? { semester: code } : {});
}

export async function registrationOf(app: TestApp, studentId: number, semesterId: number): Promise<Record<string, any>> {
  const row = await app.strapi.db.query('api::registration.registration').findOne({ where: { studentKey: studentId, semesterKey: semesterId } });
  if (!row) throw new Error(`no registration of student ${studentId} in semester ${semesterId}`);
  return row as Record<string, any>;
}

/** Finance's status for the student and semester, as the system writes it. */
export async function setFee(app: TestApp, studentId: number, semesterId: number, status: 'paid' | 'aid' | 'owing'): Promise<void> {
  const knex = app.strapi.db.connection;
  const existing = await knex('fee_statuses').where({ student_key: studentId, semester_key: semesterId }).first('id');
  if (existing) await knex('fee_statuses').where({ id: existing.id }).update({ status });
  else {
    const student = await knex('students').where({ id: studentId }).first('department_scope');
    await app.strapi.db.query('api::fee-status.fee-status').create({
      data: { student: studentId, semester: semesterId, status, source: 'manual', studentKey: studentId, semesterKey: semesterId, departmentScope: student?.department_scope ?? null, publishedAt: new Date() },
    });
  }
}

export function uploadProof(app: TestApp, auth: string, documentId: string, kind: 'fee-proof' | 'health-certificate' | 'other', filename = '证明.pdf') {
  return app.http.post(`/api/me/registrations/${documentId}/documents`).set('Authorization', auth).field('kind', kind).attach('files', SAMPLE_PDF, { filename, contentType: 'application/pdf' });
}

export function registrationAction(app: TestApp, auth: string, documentId: string, action: string, body: Record<string, unknown> = {}) {
  return app.http.post(`/api/registrations/${documentId}/${action}`).set('Authorization', auth).send(body);
}
