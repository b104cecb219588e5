/**
 * Appeals as the admin's tests need them: the draft the student's POST /api/integrity-appeals
 * makes (src/document-middlewares/integrity-writes.ts fills the same columns), written as the
 * system, then submitted by the student through REST (the engine moves the record to 申诉中).
 */
import { requestAction } from './integrity';
import type { TestApp } from '../helpers/strapi';

const RECORD = 'api::integrity-record.integrity-record';
const APPEAL = 'api::integrity-appeal.integrity-appeal';

export async function draftAppeal(app: TestApp, record: string, reason: string): Promise<string> {
  const row = (await app.strapi.db.query(RECORD).findOne({ where: { documentId: record }, populate: ['student', 'department'] })) as Record<string, any>;
  const appeal = await app.strapi.documents(APPEAL).create({
    data: {
      record, student: row.student.documentId, department: row.department.documentId, departmentScope: row.departmentScope, sourceOffice: row.sourceOffice, level: row.level,
      state: 'draft', round: 0, openRecordId: row.id, reason,
    } as never,
  });
  return appeal.documentId;
}

/** A draft appeal of `record` submitted by its student (`studentApi`): waiting at its chain's first step. */
export async function submittedAppeal(app: TestApp, studentApi: string, record: string, reason: string): Promise<string> {
  const appeal = await draftAppeal(app, record, reason);
  const submitted = await requestAction(app, studentApi, 'integrity-appeals', appeal, 'submit');
  if (submitted.status !== 200) throw new Error(`appeal submit failed: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return appeal;
}
