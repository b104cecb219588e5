/**
 * The cancellation the system proposes when a student has missed too many semesters
 * (domain.md 4): a status change of type `cancellation` (special tier), filed by the system with
 * the missed semesters as its reason and evidence, and submitted into its chain, never a silent
 * status update. A student who already has a change under way, or a proposal, gets none.
 */
import type { Core } from '@strapi/strapi';
import { addWorkingDays } from '../../../domain/calendar-months';
import { cancellationGrounds, type RegistrationSettings } from '../../../domain/registration';
import { now as clockNow, schoolDate } from '../../../services/clock';
import { loadSchoolCalendar } from '../../../services/school-calendar';
import { ambientConnection } from '../../../services/transaction';
import { loadStatusChange, STATUS_CHANGE } from '../../status-change/repositories/status-change-rows';
import { prepareStatusChangeSubmission } from '../../status-change/services/submission';

export const PROPOSED_BY = 'system:registration';

/** The semesters a student's registrations were missed in, oldest first, as the rule reads them. */
async function historyOf(strapi: Core.Strapi, studentId: number) {
  const db = await ambientConnection(strapi);
  const { rows } = (await db.raw(
    `SELECT s.code, r.state = 'missed' AS missed FROM registrations r JOIN semesters s ON s.id = r.semester_key
      WHERE r.student_key = ? ORDER BY s.start_date`,
    [studentId],
  )) as { rows: Array<{ code: string; missed: boolean }> };
  return rows.map((row) => ({ semester: row.code, missed: row.missed }));
}

/** Proposes the cancellation if the rule holds and nothing is under way; answers its documentId or null. */
export async function proposeCancellation(strapi: Core.Strapi, studentId: number, settings: RegistrationSettings): Promise<string | null> {
  const grounds = cancellationGrounds(await historyOf(strapi, studentId), settings);
  if (grounds.length === 0) return null;
  const db = await ambientConnection(strapi);
  const student = await db('students').where({ id: studentId }).first('id', 'document_id', 'status', 'department_scope');
  if (!student || !['active', 'admitted', 'suspended'].includes(student.status)) return null;
  const open = await db('status_changes').where({ open_student_id: studentId }).whereIn('state', ['draft', 'submitted', 'returned']).first('id');
  if (open) return null;
  const now = clockNow();
  const reason = `系统提议：该生 ${grounds.join('、')} 学期未注册（${grounds.length >= settings.missedTotal ? `累计 ${grounds.length} 个学期` : `连续 ${grounds.length} 个学期`}），依《学籍管理实施细则》二(一)4(3) 提请取消学籍。`;
  const created = (await strapi.db.query(STATUS_CHANGE as never).create({
    data: {
      type: 'cancellation',
      reason,
      student: studentId,
      department: student.department_scope,
      departmentScope: student.department_scope,
      openStudentId: studentId,
      state: 'draft',
      round: 0,
      appliedBy: PROPOSED_BY,
      studentSigned: false,
      guardianSigned: false,
      publishedAt: now,
    },
  })) as { documentId: string };
  const row = await loadStatusChange(strapi, created.documentId);
  const prepared = await prepareStatusChangeSubmission(strapi, row, now);
  const first = prepared.steps[0];
  const today = schoolDate(now);
  const due = addWorkingDays(today, first?.deadlineDays ?? 0, await loadSchoolCalendar(strapi, today));
  await strapi.db.query(STATUS_CHANGE as never).update({
    where: { id: row.id },
    data: { ...prepared.columns, state: 'submitted', round: 1, currentStep: 1, currentStepDue: due, reason: `${reason}（证据：${grounds.map((code) => `${code} 学期注册记录`).join('、')}）` },
  });
  return created.documentId;
}
