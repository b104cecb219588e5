/**
 * Demo registration (domain.md 4) for the current semester: opened as academic affairs would,
 * finance's fee statuses (a few owing, a few on aid), and the rows spread over the flow so every
 * screen has something to show: most registered through the three steps (with their decisions),
 * some registered after a deferral or late, a few missed, and a handful waiting for their
 * department's review. New students who registered are active. Set-based SQL: 600 students in
 * well under a second. Seeded once: a semester with registrations is left as it is.
 */
import type { Core } from '@strapi/strapi';
import { conditionsMet, defaultRegistrationChain, registrationConditions } from '../domain/registration';
import { openRegistration } from '../api/registration/services/open';
import { currentSemester } from '../api/registration/services/semesters';
import { joinTableOf, linkRelation } from '../api/student/repositories/student-rows';
import { now as clockNow } from '../services/clock';

const ALL_MET = registrationConditions({ fee: 'paid', feeProof: false, integrityReasons: [], otherUnresolved: [], healthCheckRequired: false, healthCertificate: false });

export async function ensureDemoRegistrations(strapi: Core.Strapi): Promise<number> {
  const semester = await currentSemester(strapi);
  if (!semester) return 0;
  const knex = strapi.db.connection;
  if (await knex('registrations').where({ semester_key: semester.id }).first('id')) return 0;
  const opened = await openRegistration(strapi, semester);
  const steps = defaultRegistrationChain().steps;
  const now = clockNow();
  await strapi.db.transaction(async ({ trx }) => {
    const rows = (await trx.raw(
      `SELECT r.id, r.student_key, r.new_student, row_number() OVER (ORDER BY r.id) AS n FROM registrations r WHERE r.semester_key = ?`,
      [semester.id],
    )).rows as Array<{ id: number; student_key: number; new_student: boolean; n: string }>;
    // Finance: every 17th owes, every 23rd is on aid, the others paid.
    const fees = rows.map((r) => ({ r, status: Number(r.n) % 17 === 0 ? 'owing' : Number(r.n) % 23 === 0 ? 'aid' : 'paid' }));
    const inserted = (await trx.raw(
      `INSERT INTO fee_statuses (document_id, status, source, student_key, semester_key, department_scope, created_at, updated_at, published_at)
       SELECT 'd' || substr(md5(random()::text || s.id::text), 1, 23), u.status, 'import', s.id, ?, s.department_scope, now(), now(), now()
         FROM unnest(?::int[], ?::text[]) AS u(student_id, status) JOIN students s ON s.id = u.student_id
       RETURNING id, student_key`,
      [semester.id, fees.map((f) => f.r.student_key), fees.map((f) => f.status)],
    )).rows as Array<{ id: number; student_key: number }>;
    await linkRelation(trx, joinTableOf(strapi, 'api::fee-status.fee-status', 'student'), inserted.map((f) => [f.id, f.student_key]));
    await linkRelation(trx, joinTableOf(strapi, 'api::fee-status.fee-status', 'semester'), inserted.map((f) => [f.id, semester.id]));
    const owing = new Set(fees.filter((f) => f.status === 'owing').map((f) => f.r.id));
    // Where each row stands: 1 in 120 missed, 1 in 90 late, 1 in 60 deferred, then those owing and 1 in 40 wait for their department.
    const plan = rows.map((r) => {
      const n = Number(r.n);
      if (n % 120 === 0) return { r, kind: 'missed' };
      if (n % 90 === 0) return { r, kind: 'late' };
      if (n % 60 === 0) return { r, kind: 'deferred' };
      if (owing.has(r.id) || n % 40 === 0) return { r, kind: 'waiting' };
      return { r, kind: 'registered' };
    });
    const ids = (kind: string) => plan.filter((p) => p.kind === kind).map((p) => p.r.id);
    const submittedAt = new Date(`${opened.opens}T09:30:00+08:00`);
    await trx.raw(
      `UPDATE registrations SET workflow_state = 'approved', state = 'registered', round = 1, current_step = NULL, chain_steps = ?::jsonb,
              conditions = ?::jsonb, conditions_met = true, submitted_at = ?, decided_at = ?, registered_at = ?,
              deferred_until = CASE WHEN id = ANY(?::int[]) THEN deadline + 7 ELSE NULL END,
              overdue = id = ANY(?::int[]), late = id = ANY(?::int[])
        WHERE id = ANY(?::int[])`,
      [JSON.stringify(steps), JSON.stringify(ALL_MET), submittedAt, submittedAt, submittedAt, ids('deferred'), ids('late'), ids('late'), [...ids('registered'), ...ids('deferred'), ...ids('late')]],
    );
    await trx.raw(`UPDATE registrations SET state = 'missed', missed_at = ?, overdue = true WHERE id = ANY(?::int[])`, [now, ids('missed')]);
    await trx.raw(
      `UPDATE registrations SET workflow_state = 'submitted', state = 'submitted', round = 1, current_step = 1, chain_steps = ?::jsonb, submitted_at = ?, current_step_due = ?::date + 2
        WHERE id = ANY(?::int[])`,
      [JSON.stringify(steps), submittedAt, opened.opens, ids('waiting')],
    );
    await trx.raw(`UPDATE registrations SET conditions = ?::jsonb, conditions_met = ? WHERE id = ANY(?::int[])`, [JSON.stringify(registrationConditions({ fee: 'owing', feeProof: false, integrityReasons: [], otherUnresolved: [], healthCheckRequired: false, healthCertificate: false })), false, [...owing]]);
    await trx.raw(`UPDATE registrations SET conditions = ?::jsonb, conditions_met = true WHERE id = ANY(?::int[]) AND NOT (id = ANY(?::int[]))`, [JSON.stringify(ALL_MET), ids('waiting'), [...owing]]);
    await insertDecisions(trx, [...ids('registered'), ...ids('deferred'), ...ids('late')], steps, submittedAt);
    await activateNewStudents(trx, semester.code, now);
  });
  return opened.created;
}

/** The three decisions of each registered row: its department's manager, academic affairs, the student. */
async function insertDecisions(trx: any, ids: number[], steps: ReturnType<typeof defaultRegistrationChain>['steps'], at: Date): Promise<void> {
  await trx.raw(
    `INSERT INTO approval_decisions (document_id, subject, subject_document_id, round, step, step_label, unit, unit_name, decision, comment,
                                     decided_by, decider_name, decided_at, department_scope, created_at, updated_at, published_at)
     SELECT 'd' || substr(md5(random()::text || r.id::text || st.n::text), 1, 23), 'registration', r.document_id, 1, st.n, st.label, st.unit,
            CASE st.unit WHEN 'department' THEN coalesce(d.name, '系部') WHEN 'student' THEN '学生本人' ELSE '教务处' END, 'approve', NULL,
            CASE st.unit WHEN 'department' THEN 'dept' || d.code || '.manager@example.com' WHEN 'student' THEN 'student-record:' || r.student_key ELSE 'academic@example.com' END,
            CASE st.unit WHEN 'department' THEN d.name || '主任' WHEN 'student' THEN s.name ELSE '教务处管理员' END,
            ?::timestamp + (st.n || ' hours')::interval, r.department_scope, now(), now(), now()
       FROM registrations r
       JOIN students s ON s.id = r.student_key
       LEFT JOIN departments d ON d.id = r.department_scope
      CROSS JOIN unnest(?::int[], ?::text[], ?::text[]) AS st(n, unit, label)
      WHERE r.id = ANY(?::int[])`,
    [at, steps.map((_, i) => i + 1), steps.map((s) => s.unit), steps.map((s) => s.label), ids],
  );
}

/** New students whose registration was confirmed are active, with the history entry the flow writes. */
async function activateNewStudents(trx: any, semesterCode: string, at: Date): Promise<void> {
  const { rows } = await trx.raw(
    `UPDATE students s SET status = 'active' FROM registrations r
      WHERE r.student_key = s.id AND r.new_student AND r.state = 'registered' AND s.status = 'admitted'
      RETURNING s.id, s.department_scope`,
  );
  if (rows.length === 0) return;
  const inserted = (await trx.raw(
    `INSERT INTO status_histories (document_id, summary, workflow, from_status, to_status, occurred_at, department_scope, created_at, updated_at, published_at)
     SELECT 'd' || substr(md5(random()::text || u.id::text), 1, 23), ?, 'registration', 'admitted', 'active', ?, u.department_scope, now(), now(), now()
       FROM unnest(?::int[], ?::int[]) AS u(id, department_scope)
     RETURNING id`,
    [`学籍注册（${semesterCode}）：已录取 → 在籍`, at, rows.map((r: { id: number }) => r.id), rows.map((r: { department_scope: number | null }) => r.department_scope)],
  )).rows as Array<{ id: number }>;
  await trx.raw(
    `INSERT INTO status_histories_student_lnk (status_history_id, student_id) SELECT * FROM unnest(?::int[], ?::int[])`,
    [inserted.map((r) => r.id), rows.map((r: { id: number }) => r.id)],
  );
}
