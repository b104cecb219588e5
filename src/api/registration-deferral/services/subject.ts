/**
 * Deferral of registration (延期注册, seed 001 二(一)1(2)) as a subject of the approval engine:
 * the student applies with proof before the semester starts, for at most 2 weeks past the window
 * (a setting); academic affairs decides. Approval moves that student's deadline only, on their
 * registration (or, applied before registration opens, when it opens).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { FilingRule } from '../../../domain/approval';
import { latestDeferralDate } from '../../../domain/registration';
import { activeChain } from '../../../services/approval/chains';
import type { ApprovalSubject } from '../../../services/approval/engine';
import { storedRequestRow, type RawRequest, type StoredRequestRow } from '../../../services/approval/rows';
import { now as clockNow, today } from '../../../services/clock';
import { fieldError } from '../../../services/field-error';
import { loadRegistrationSettings } from '../../../services/school-settings';
import { withoutScope } from '../../../services/scope/context';
import { decisionBody, sendNotification } from '../../../services/notify';
import { REGISTRATION, REGISTRATION_DEFERRAL } from '../../registration/repositories/registration-rows';
import { windowOf } from '../../registration/services/open';

export type DeferralRow = StoredRequestRow;

const STUDENT_FILES: FilingRule = { student: true, department: false, offices: [], refusal: '只有学生本人可以申请延期注册 (only the student applies)' };

const POPULATE = {
  student: { select: ['id', 'documentId', 'name', 'studentNumber'], populate: { user: { select: ['id'] } } },
  department: { select: ['id', 'documentId', 'name'] },
  semester: { select: ['id', 'documentId', 'code', 'startDate', 'endDate', 'registrationWorkingDays'] },
  registration: { select: ['id', 'documentId', 'workflowState', 'state', 'missedAt'] },
  documents: { select: ['id'] },
};

export async function loadDeferral(strapi: Core.Strapi, documentId: string): Promise<DeferralRow> {
  const raw = (await withoutScope(() => strapi.db.query(REGISTRATION_DEFERRAL as never).findOne({ where: { documentId }, populate: POPULATE }))) as RawRequest | null;
  if (!raw) throw new Error(`deferral ${documentId} vanished inside its own transaction`);
  return storedRequestRow(raw);
}

/** The checks of seed 001 二(一)1(2): before the semester starts, with proof, at most the setting's days past the window. */
async function prepareSubmission(strapi: Core.Strapi, row: DeferralRow) {
  const raw = row.raw;
  const semester = raw.semester;
  if (!semester) throw fieldError('semester', '必须指定学期 (semester is required)');
  if (today() >= String(semester.startDate)) throw fieldError('semester', `延期注册须在学期开学（${semester.startDate}）前申请 (apply before the semester starts)`);
  if (!Array.isArray(raw.documents) || raw.documents.length === 0) throw fieldError('documents', '请先上传证明材料 (documents: upload the proof first)');
  const window = await windowOf(strapi, semester);
  const latest = latestDeferralDate(window.closes, await loadRegistrationSettings(strapi));
  const until = String(raw.requestedUntil);
  if (until <= window.closes) throw fieldError('requestedUntil', `延期至的日期须晚于注册截止日 ${window.closes} (requestedUntil must be after the window)`);
  if (until > latest) throw fieldError('requestedUntil', `延期最长至 ${latest}（注册截止日后不超过规定天数） (requestedUntil: at most ${latest})`);
  const chain = await activeChain(strapi, 'registration-deferral', {});
  if (!chain) throw new errors.ValidationError('没有启用的延期注册审批流程，请联系教务处 (no active chain)');
  return { steps: chain.steps, columns: { chain: chain.id, chainSteps: chain.steps, submittedAt: clockNow() } };
}

/** The approved deferral moves the student's own deadline (their registration, if it is open already). */
async function applyDeferral(strapi: Core.Strapi, row: DeferralRow): Promise<Record<string, unknown>> {
  const until = String(row.raw.requestedUntil);
  const registration = (await withoutScope(() =>
    strapi.db.query(REGISTRATION as never).findOne({ where: { studentKey: row.raw.student?.id, semesterKey: row.raw.semester?.id }, select: ['id', 'documentId', 'workflowState', 'state'] }),
  )) as { id: number; documentId: string; workflowState: string; state: string } | null;
  if (registration) {
    const state = registration.workflowState === 'draft' && registration.state !== 'missed' ? 'deferred' : registration.state;
    await withoutScope(() => strapi.db.query(REGISTRATION as never).update({ where: { id: registration.id }, data: { deadline: until, deferredUntil: until, state } }));
  }
  return { deferredUntil: until, registrationDocumentId: registration?.documentId ?? null };
}

export function deferralSubject(strapi: Core.Strapi): ApprovalSubject<DeferralRow> {
  return {
    name: 'registration-deferral',
    label: '延期注册',
    uid: REGISTRATION_DEFERRAL,
    table: 'registration_deferrals',
    filers: STUDENT_FILES,
    async findVisible(documentId) {
      const seen = (await strapi.db.query(REGISTRATION_DEFERRAL as never).findOne({ where: { documentId }, select: ['id'] })) as { id: number } | null;
      return seen ? loadDeferral(strapi, documentId) : null;
    },
    load: (documentId) => loadDeferral(strapi, documentId),
    prepareSubmission: (row) => prepareSubmission(strapi, row),
    applyEffect: (row) => applyDeferral(strapi, row),
    async save(row, columns) {
      await withoutScope(() => strapi.db.query(REGISTRATION_DEFERRAL as never).update({ where: { id: row.id }, data: columns }));
    },
    async notify(row, outcome, comment) {
      const words: Record<string, string> = { approved: `已批准，注册截止日顺延至 ${row.raw.requestedUntil}`, rejected: '未获批准', returned: '被退回修改' };
      const studentId = row.raw.student?.id;
      if (!words[outcome.state] || !studentId) return;
      const title = `您的 ${row.raw.semester?.code ?? ''} 学期延期注册申请${words[outcome.state]}`;
      await sendNotification(strapi, { student: studentId, title, body: decisionBody(title, comment), departmentScope: row.departmentId });
    },
    summarize: (row) => ({ type: row.raw.semester?.code ?? null, student: row.raw.student?.name ?? null, department: row.departmentName ?? null }),
    inbox: {
      sql: `
        SELECT r.document_id, r.round, r.current_step, r.chain_steps AS steps, r.current_step_due::text AS due,
               r.submitted_at, r.department_scope AS department_id, NULL::text AS source_office, su.user_id AS student_user_id,
               NULL::text AS type, st.name AS student, d.name AS department
          FROM registration_deferrals r
          LEFT JOIN registration_deferrals_student_lnk sl ON sl.registration_deferral_id = r.id
          LEFT JOIN students st ON st.id = sl.student_id
          LEFT JOIN students_user_lnk su ON su.student_id = st.id
          LEFT JOIN departments d ON d.id = r.department_scope
         WHERE r.state = 'submitted'`,
    },
  };
}
