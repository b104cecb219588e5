/**
 * Opening a semester's registration (domain.md 4): one expected registration for every student
 * who should register, made by set-based SQL in one transaction (30,000 students in well under
 * 5 seconds, bench/registration.ts), never one request per student. Those who should register:
 * active and admitted (new) students, and suspended students whose suspension ends within the
 * semester. Opening again adds only the students who have no registration yet (a late admission).
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { registrationWindow } from '../../../domain/registration';
import { joinTableOf, linkRelation } from '../../student/repositories/student-rows';
import { loadSchoolCalendar } from '../../../services/school-calendar';
import { withoutScope } from '../../../services/scope/context';
import { currentActor } from '../../../services/scope/actor';
import { recordAudit } from '../../../services/audit/record';
import { REGISTRATION } from '../repositories/registration-rows';

export interface SemesterRow {
  id: number;
  documentId: string;
  code: string;
  startDate: string;
  endDate: string;
  registrationWorkingDays: number;
}

export interface OpenResult {
  semester: string;
  opens: string;
  closes: string;
  created: number;
  alreadyOpen: number;
}

const ELIGIBLE = `
  SELECT s.id, s.status, s.department_scope
    FROM students s
   WHERE (s.status IN ('active', 'admitted') OR (s.status = 'suspended' AND s.suspension_end BETWEEN ?::date AND ?::date))
     AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.student_key = s.id AND r.semester_key = ?)`;

/** The window of a semester on the school calendar. */
export async function windowOf(strapi: Core.Strapi, semester: SemesterRow): Promise<{ opens: string; closes: string }> {
  return registrationWindow(String(semester.startDate), semester.registrationWorkingDays, await loadSchoolCalendar(strapi, String(semester.startDate)));
}

export async function openRegistration(strapi: Core.Strapi, semester: SemesterRow): Promise<OpenResult> {
  const window = await windowOf(strapi, semester);
  const actor = await currentActor(strapi);
  return withoutScope(() =>
    strapi.db.transaction(async ({ trx }) => {
      // One opening at a time per semester, from any process: the second waits and adds nothing twice.
      await trx.raw('SELECT id FROM semesters WHERE id = ? FOR UPDATE', [semester.id]);
      const stamp = `d${Date.now().toString(36).padStart(9, '0')}`;
      const { rows } = (await trx.raw(
        `WITH eligible AS (${ELIGIBLE}),
         deferred AS (SELECT student_key, max(requested_until) AS until FROM registration_deferrals
                       WHERE semester_key = ? AND state = 'approved' GROUP BY student_key)
         INSERT INTO registrations (document_id, state, workflow_state, round, new_student, health_changed, window_closes, deadline,
                                    deferred_until, overdue, late, student_key, semester_key, department_scope, created_at, updated_at, published_at)
         SELECT ? || substr(md5(random()::text || e.id::text), 1, 14), CASE WHEN df.until IS NULL THEN 'expected' ELSE 'deferred' END, 'draft', 0,
                e.status = 'admitted', false, ?::date, coalesce(df.until, ?::date), df.until,
                false, false, e.id, ?, e.department_scope, now(), now(), now()
           FROM eligible e LEFT JOIN deferred df ON df.student_key = e.id
         RETURNING id, student_key, department_scope`,
        [semester.startDate, semester.endDate, semester.id, semester.id, stamp, window.closes, window.closes, semester.id],
      )) as { rows: Array<{ id: number; student_key: number; department_scope: number | null }> };
      await linkAll(strapi, trx, rows, semester.id);
      await recordAudit(strapi, { action: 'open-registration', targetType: 'api::semester.semester', targetDocumentId: semester.documentId, fields: [] }, actor);
      const total = Number((await trx('registrations').where({ semester_key: semester.id }).count({ n: '*' }))[0].n);
      return { semester: semester.code, ...window, created: rows.length, alreadyOpen: total - rows.length };
    }),
  );
}

/** The relations' link rows, one set-based insert each. */
async function linkAll(strapi: Core.Strapi, trx: Knex.Transaction, rows: Array<{ id: number; student_key: number; department_scope: number | null }>, semesterId: number) {
  if (rows.length === 0) return;
  await linkRelation(trx, joinTableOf(strapi, REGISTRATION, 'student'), rows.map((r) => [r.id, r.student_key]));
  await linkRelation(trx, joinTableOf(strapi, REGISTRATION, 'semester'), rows.map((r) => [r.id, semesterId]));
  const departments = rows.filter((r) => r.department_scope !== null).map((r): [number, number] => [r.id, r.department_scope as number]);
  if (departments.length > 0) await linkRelation(trx, joinTableOf(strapi, REGISTRATION, 'department'), departments);
  const classes = (await trx.raw(
    `SELECT r.id, c.school_class_id FROM unnest(?::int[], ?::int[]) AS r(id, student_id) JOIN students_school_class_lnk c ON c.student_id = r.student_id`,
    [rows.map((r) => r.id), rows.map((r) => r.student_key)],
  )) as { rows: Array<{ id: number; school_class_id: number }> };
  if (classes.rows.length > 0) await linkRelation(trx, joinTableOf(strapi, REGISTRATION, 'schoolClass'), classes.rows.map((r) => [r.id, r.school_class_id]));
}
