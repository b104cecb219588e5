/**
 * The cancellation the system proposes when a student has missed too many semesters
 * (domain.md 4): a status change of type `cancellation` (special tier), filed by the system with
 * the missed semesters as its reason and evidence, and submitted into its chain, never a silent
 * status update. A student who already has a change under way, or a proposal, gets none.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { addWorkingDays } from '../../../domain/calendar-months';
import { cancellationGrounds, type RegistrationSettings } from '../../../domain/registration';
import { now as clockNow, schoolDate } from '../../../services/clock';
import { loadSchoolCalendar } from '../../../services/school-calendar';
import { ambientConnection } from '../../../services/transaction';
import { loadStatusChange, STATUS_CHANGE } from '../../status-change/repositories/status-change-rows';
import { prepareStatusChangeSubmission } from '../../status-change/services/submission';

export const PROPOSED_BY = 'system:registration';

type History = Array<{ semester: string; missed: boolean }>;

/** Each student's registrations, missed or not, oldest semester first, as the rule reads them: one query for all. */
async function historiesOf(db: Knex, studentIds: number[]): Promise<Map<number, History>> {
  const { rows } = (await db.raw(
    `SELECT r.student_key, s.code, r.state = 'missed' AS missed FROM registrations r JOIN semesters s ON s.id = r.semester_key
      WHERE r.student_key = ANY(?::int[]) ORDER BY r.student_key, s.start_date`,
    [studentIds],
  )) as { rows: Array<{ student_key: number; code: string; missed: boolean }> };
  const histories = new Map<number, History>();
  for (const row of rows) {
    const history = histories.get(row.student_key) ?? [];
    history.push({ semester: row.code, missed: row.missed });
    histories.set(row.student_key, history);
  }
  return histories;
}

/**
 * Proposes the cancellations the rule calls for among these students (those just marked missed):
 * the histories, the students' statuses and their open changes are read in three queries whatever
 * the count; only a student with grounds, still studying and with nothing under way gets a
 * proposal. Answers the proposals' documentIds.
 */
export async function proposeCancellations(strapi: Core.Strapi, studentIds: number[], settings: RegistrationSettings): Promise<string[]> {
  if (studentIds.length === 0) return [];
  const db = await ambientConnection(strapi);
  const histories = await historiesOf(db, studentIds);
  const grounded = studentIds.flatMap((id) => {
    const grounds = cancellationGrounds(histories.get(id) ?? [], settings);
    return grounds.length > 0 ? [{ id, grounds }] : [];
  });
  if (grounded.length === 0) return [];
  const ids = grounded.map((g) => g.id);
  const studying = new Map<number, number | null>(
    ((await db('students').whereIn('id', ids).whereIn('status', ['active', 'admitted', 'suspended']).select('id', 'department_scope')) as Array<{ id: number; department_scope: number | null }>).map((s) => [s.id, s.department_scope]),
  );
  const underWay = new Set(((await db('status_changes').whereIn('open_student_id', ids).whereIn('state', ['draft', 'submitted', 'returned']).select('open_student_id')) as Array<{ open_student_id: number }>).map((r) => r.open_student_id));
  const proposals: string[] = [];
  for (const { id, grounds } of grounded) {
    if (!studying.has(id) || underWay.has(id)) continue;
    proposals.push(await propose(strapi, { id, departmentScope: studying.get(id) ?? null }, grounds, settings));
  }
  return proposals;
}

/** Files one proposal and submits it into its chain. */
async function propose(strapi: Core.Strapi, student: { id: number; departmentScope: number | null }, grounds: string[], settings: RegistrationSettings): Promise<string> {
  const studentId = student.id;
  const now = clockNow();
  const reason = `系统提议：该生 ${grounds.join('、')} 学期未注册（${grounds.length >= settings.missedTotal ? `累计 ${grounds.length} 个学期` : `连续 ${grounds.length} 个学期`}），依《学籍管理实施细则》二(一)4(3) 提请取消学籍。`;
  const created = (await strapi.db.query(STATUS_CHANGE as never).create({
    data: {
      type: 'cancellation',
      reason,
      student: studentId,
      department: student.departmentScope,
      departmentScope: student.departmentScope,
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
