/**
 * The registry produces a class's roster (seed 004 第二条: 以班级为单位，打印出班级花名册): the roster
 * and one line per student in school (admitted, active, suspended) with a snapshot of their
 * registered data, national ID masked, made by set-based SQL in one transaction. The class's row
 * is locked, and the database allows one roster per class that is not yet stamped.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { rosterSchoolYear } from '../../domain/class-roster';
import { joinTableOf, linkRelation } from '../../api/student/repositories/student-rows';
import { recordAudit } from '../audit/record';
import { conflict } from '../approval/errors';
import { now as clockNow, today } from '../clock';
import { fieldError } from '../field-error';
import { loadStatusChangeSettings } from '../school-settings';
import { currentActor } from '../scope/actor';
import { withoutScope } from '../scope/context';
import { produceInput } from './input';
import { actorName, assertRegistry, CLASS_ROSTER, ROSTER_LINE } from './rows';

const STUDENT = 'api::student.student';
/** Students on a class's roster: those the school holds a registered status for. */
const IN_SCHOOL = ['admitted', 'active', 'suspended'];

interface ClassRow {
  id: number;
  documentId: string;
  name: string;
  major?: { id: number; name: string; department?: { id: number; name: string } | null } | null;
}

const documentIdSql = (prefix: string, salt: string) => `'${prefix}' || lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 11, '0') || substr(md5(random()::text || ${salt}), 1, 12)`;

async function classOf(strapi: Core.Strapi, documentId: string): Promise<ClassRow> {
  const row = (await strapi.db.query('api::school-class.school-class' as never).findOne({
    where: { documentId },
    select: ['id', 'documentId', 'name'],
    populate: { major: { select: ['id', 'name'], populate: { department: { select: ['id', 'name'] } } } },
  })) as ClassRow | null;
  if (!row) throw fieldError('schoolClass', '班级不存在 (schoolClass: no such class)');
  return row;
}

/** The lines of every student of the class in school, numbered by student number; returns their ids. */
async function insertLines(strapi: Core.Strapi, trx: Knex.Transaction, rosterId: number, classId: number, departmentId: number | null, enrolmentDay: string) {
  const inClass = joinTableOf(strapi, STUDENT, 'schoolClass');
  const ofMajor = joinTableOf(strapi, STUDENT, 'major');
  const { rows } = (await trx.raw(
    `INSERT INTO roster_lines (document_id, position, student_name, student_number, gender, birth_date, national_id_masked, major_name, class_name,
                               enrolled_on, state, roster_key, student_key, department_scope, created_at, updated_at, published_at)
     SELECT ${documentIdSql('l', 's.id::text')},
            row_number() OVER (ORDER BY s.student_number NULLS LAST, s.id), s.name, s.student_number, s.gender, s.birth_date,
            CASE WHEN s.national_id IS NULL OR s.national_id LIKE '%***%' THEN s.national_id
                 WHEN length(s.national_id) <= 6 THEN repeat('*', length(s.national_id))
                 ELSE left(s.national_id, 3) || repeat('*', length(s.national_id) - 3) END,
            m.name, c.name,
            coalesce(a.enrolled_on, CASE WHEN s.enrollment_year IS NULL THEN NULL ELSE to_date(s.enrollment_year || '-' || ?::text, 'YYYY-MM-DD') END),
            'pending', ?, s.id, ?, now(), now(), now()
       FROM students s
       JOIN ${inClass.name} cl ON cl.${inClass.joinColumn.name} = s.id AND cl.${inClass.inverseJoinColumn.name} = ?
       JOIN school_classes c ON c.id = cl.${inClass.inverseJoinColumn.name}
       LEFT JOIN ${ofMajor.name} ml ON ml.${ofMajor.joinColumn.name} = s.id
       LEFT JOIN majors m ON m.id = ml.${ofMajor.inverseJoinColumn.name}
       LEFT JOIN student_archives a ON a.student_key = s.id
      WHERE s.status = ANY(?::text[])
     RETURNING id, student_key`,
    [enrolmentDay, rosterId, departmentId, classId, IN_SCHOOL],
  )) as { rows: Array<{ id: number; student_key: number }> };
  if (rows.length === 0) return rows;
  await linkRelation(trx, joinTableOf(strapi, ROSTER_LINE, 'roster'), rows.map((r) => [r.id, rosterId]));
  await linkRelation(trx, joinTableOf(strapi, ROSTER_LINE, 'student'), rows.map((r) => [r.id, r.student_key]));
  return rows;
}

/** POST /api/class-rosters: the roster and its lines, or nothing. */
export async function produceRoster(strapi: Core.Strapi, body: unknown): Promise<{ documentId: string; lineCount: number }> {
  const actor = await currentActor(strapi);
  assertRegistry(actor);
  const input = produceInput(body);
  const schoolClass = await classOf(strapi, input.schoolClass);
  const departmentId = schoolClass.major?.department?.id ?? null;
  const className = [schoolClass.name, schoolClass.major?.name, schoolClass.major?.department?.name].filter(Boolean).join(' · ').slice(0, 200);
  const { enrolmentDay } = await loadStatusChangeSettings(strapi);
  const at = clockNow();
  return withoutScope(() =>
    strapi.db.transaction(async ({ trx }) => {
      // One production at a time per class, from any process: the second finds the first's open roster.
      await trx.raw('SELECT id FROM school_classes WHERE id = ? FOR UPDATE', [schoolClass.id]);
      const open = (await trx.raw("SELECT document_id FROM class_rosters WHERE class_key = ? AND state <> 'registry-checked'", [schoolClass.id])) as { rows: Array<{ document_id: string }> };
      if (open.rows.length > 0) throw conflict(`该班级已有一份尚未复审盖章的学籍名册（${open.rows[0].document_id}），请先完成其核对 (the class already has an open roster)`);
      const { rows } = (await trx.raw(
        `INSERT INTO class_rosters (document_id, class_name, school_year, state, generated_at, generated_by, line_count, pending_count, confirmed_count,
                                    error_count, resolved_count, class_key, department_scope, created_at, updated_at, published_at)
         VALUES (${documentIdSql('r', '?::text')}, ?, ?, 'confirming', ?, ?, 0, 0, 0, 0, 0, ?, ?, now(), now(), now())
         RETURNING id, document_id`,
        [schoolClass.id, className, input.schoolYear ?? rosterSchoolYear(today()), at, actorName(actor), schoolClass.id, departmentId],
      )) as { rows: Array<{ id: number; document_id: string }> };
      const roster = rows[0];
      await linkRelation(trx, joinTableOf(strapi, CLASS_ROSTER, 'schoolClass'), [[roster.id, schoolClass.id]]);
      const lines = await insertLines(strapi, trx, roster.id, schoolClass.id, departmentId, enrolmentDay);
      if (lines.length === 0) throw fieldError('schoolClass', '该班级没有在校学生，无需生成名册 (schoolClass: no students in school)');
      await trx.raw('UPDATE class_rosters SET line_count = ?, pending_count = ? WHERE id = ?', [lines.length, lines.length, roster.id]);
      await recordAudit(strapi, { action: 'produce-roster', targetType: CLASS_ROSTER, targetDocumentId: roster.document_id, fields: ['lines'] }, actor);
      return { documentId: roster.document_id, lineCount: lines.length };
    }),
  );
}
