/**
 * The first archive's completeness list (issue 17, seed 001 三(一)3): for every archive the caller
 * reaches, the required material kinds still missing, the due day (the Nth working day after
 * enrolment on the school calendar), working days left, overdue, custody and the day custody is due
 * to move. Set-based: one query for the distinct enrolment days (whose due days the calendar gives,
 * loaded once for the whole range), one for the page, whatever the number of students.
 */
import type { Core } from '@strapi/strapi';
import { ARCHIVE_CUSTODY_LABELS, ARCHIVE_STATE_LABELS, custodyMoveDue, firstArchiveDue, workingDaysLeft, type ArchiveCustody, type ArchiveState } from '../../domain/student-archive';
import type { SchoolCalendar } from '../../domain/calendar-months';
import { STUDENT_ARCHIVE } from '../../domain/permissions';
import { today as clockToday } from '../clock';
import type { ReportSheet } from '../excel/report-sheet';
import { fieldError } from '../field-error';
import { loadSchoolCalendar } from '../school-calendar';
import { loadArchiveSettings, loadStatusChangeSettings } from '../school-settings';
import { currentActor } from '../scope/actor';
import { coverageLabel } from '../scope/coverage';
import { scopeSql } from '../scope/scope-sql';
import { ambientConnection } from '../transaction';
import type { CompletenessQuery } from './completeness-query';

export interface CompletenessRow {
  documentId: string;
  studentLabel: string | null;
  studentNumber: string | null;
  schoolClass: string | null;
  department: { documentId: string; name: string } | null;
  enrolledOn: string | null;
  /** The required kinds with no current (not superseded) material, in the catalogue's order. */
  missingKinds: string[];
  complete: boolean;
  dueOn: string | null;
  /** Working days to the due day (negative: overdue by that many); null once complete. */
  workingDaysLeft: number | null;
  overdue: boolean;
  custody: ArchiveCustody;
  state: ArchiveState;
  custodyMoveDueOn: string | null;
  custodyMovedAt: string | null;
}

export interface CompletenessPage {
  data: CompletenessRow[];
  meta: { today: string; pagination: { page: number; pageSize: number; pageCount: number; total: number } };
}

interface Filter {
  sql: string;
  bindings: unknown[];
}

const DAY_MS = 86_400_000;
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The archives listed: the caller's scope, not transferred, with the query's filters; and each one's enrolment day. */
async function listedArchives(strapi: Core.Strapi, query: CompletenessQuery): Promise<Filter & { enrolled: string; enrolledBindings: unknown[] }> {
  const actor = await currentActor(strapi);
  const scope = scopeSql(strapi, STUDENT_ARCHIVE, 'a', actor.scope);
  const where = ["a.custody IN ('department', 'archive-office')", scope.sql];
  const bindings: unknown[] = [...scope.bindings];
  if (query.department) {
    // Resolved under the caller's scope: another department's id answers as one that does not exist.
    const department = (await strapi.db.query('api::department.department').findOne({ where: { documentId: query.department }, select: ['id'] })) as { id: number } | null;
    if (!department) throw fieldError('department', '系部不存在或不在您的范围内 (department: no such department in your scope)');
    where.push('a.department_scope = ?');
    bindings.push(department.id);
  }
  if (query.custody) {
    where.push('a.custody = ?');
    bindings.push(query.custody);
  }
  // Unset, the enrolment day is the first semester's start of the student's enrolment year, else the school's enrolment day.
  const [month, day] = (await loadStatusChangeSettings(strapi)).enrolmentDay.split('-').map(Number);
  return {
    sql: `FROM student_archives a
          JOIN students s ON s.id = a.student_key
          LEFT JOIN semesters sem ON sem.code = s.enrollment_year || '-' || (s.enrollment_year + 1) || '-1'
         WHERE ${where.join(' AND ')}`,
    bindings,
    enrolled: 'coalesce(a.enrolled_on, sem.start_date, make_date(s.enrollment_year, ?, ?))',
    enrolledBindings: [month, day],
  };
}

interface Deadlines {
  byEnrolment: Map<string, { due: string; moveDue: string }>;
  daysLeft(due: string): number;
}

/** The due days of each enrolment day, on the calendar loaded once from the first enrolment to past today. */
async function deadlines(strapi: Core.Strapi, enrolments: string[], today: string): Promise<Deadlines> {
  const settings = await loadArchiveSettings(strapi);
  const sorted = [...enrolments].sort();
  const calendar: SchoolCalendar =
    sorted.length === 0 ? { holidays: new Set(), makeUpWorkdays: new Set() } : await loadSchoolCalendar(strapi, sorted[0] < today ? sorted[0] : today, [addDays(sorted[sorted.length - 1], 200), addDays(today, 1)].sort()[1]);
  const byEnrolment = new Map(sorted.map((day) => [day, { due: firstArchiveDue(day, calendar, settings), moveDue: custodyMoveDue(day, settings) }]));
  const left = new Map<string, number>();
  return {
    byEnrolment,
    daysLeft(due) {
      if (!left.has(due)) left.set(due, workingDaysLeft(today, due, calendar));
      return left.get(due) as number;
    },
  };
}

interface ListedRow {
  document_id: string;
  student_label: string | null;
  student_number: string | null;
  school_class: string | null;
  department_document_id: string | null;
  department_name: string | null;
  enrolled: string | null;
  missing: string[];
  custody: ArchiveCustody;
  state: ArchiveState;
  custody_moved_at: string | null;
  due_on: string | null;
  move_due: string | null;
  overdue: boolean;
}

/** The list, a page of it (or all of it for the sheet), with the total. */
export async function completenessList(strapi: Core.Strapi, query: CompletenessQuery): Promise<CompletenessPage> {
  const today = clockToday();
  const listed = await listedArchives(strapi, query);
  const db = await ambientConnection(strapi);
  const { rows: days } = (await db.raw(`SELECT DISTINCT (${listed.enrolled})::text AS day ${listed.sql}`, [...listed.enrolledBindings, ...listed.bindings])) as { rows: Array<{ day: string | null }> };
  const due = await deadlines(strapi, days.flatMap((d) => (d.day ? [d.day] : [])), today);
  const dates = [...due.byEnrolment.entries()];
  const overdueFilter = query.overdue === undefined ? '' : `WHERE ${query.overdue ? '' : 'NOT '}l.overdue`;
  const page = query.sheet ? '' : `LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`;
  // The missing kinds' names are looked up for the rows shown only; every row needs just whether any is missing.
  const { rows } = (await db.raw(
    `WITH due AS (SELECT * FROM unnest(?::date[], ?::date[], ?::date[]) AS d(enrolled, due_on, move_due)),
          required AS (SELECT id, name, position FROM material_kinds WHERE required_for_first_archive AND active),
          base AS (SELECT a.id, a.document_id, a.student_label, a.custody, a.state, a.custody_moved_at, a.department_scope, s.id AS student_id,
                          s.student_number, (${listed.enrolled}) AS enrolled
                   ${listed.sql}),
          held AS (SELECT m.archive_key, count(DISTINCT l.material_kind_id) AS kinds
                     FROM base b JOIN archive_materials m ON m.archive_key = b.id
                     JOIN archive_materials_kind_lnk l ON l.archive_material_id = m.id
                    WHERE NOT m.superseded AND l.material_kind_id IN (SELECT id FROM required)
                    GROUP BY m.archive_key),
          shown AS (SELECT b.*, d.due_on, d.move_due, dep.code AS department_code,
                           (coalesce(h.kinds, 0) < (SELECT count(*) FROM required) AND d.due_on IS NOT NULL AND ?::date > d.due_on) AS overdue
                      FROM base b LEFT JOIN held h ON h.archive_key = b.id LEFT JOIN due d ON d.enrolled = b.enrolled
                      LEFT JOIN departments dep ON dep.id = b.department_scope),
          listed AS (SELECT * FROM shown l ${overdueFilter})
     SELECT (SELECT count(*) FROM listed)::int AS total,
            coalesce((SELECT json_agg(p) FROM (
              SELECT l.document_id, l.student_label, l.student_number, c.name AS school_class, dep.document_id AS department_document_id, dep.name AS department_name,
                     l.enrolled::text AS enrolled, l.custody, l.state, l.custody_moved_at, l.due_on::text AS due_on, l.move_due::text AS move_due, l.overdue,
                     ARRAY(SELECT r.name FROM required r
                            WHERE NOT EXISTS (SELECT 1 FROM archive_materials m JOIN archive_materials_kind_lnk k ON k.archive_material_id = m.id
                                               WHERE m.archive_key = l.id AND NOT m.superseded AND k.material_kind_id = r.id)
                            ORDER BY r.position, r.id) AS missing
                FROM (SELECT * FROM listed ORDER BY department_code NULLS LAST, student_number NULLS LAST, id ${page}) l
                LEFT JOIN departments dep ON dep.id = l.department_scope
                LEFT JOIN students_school_class_lnk cl ON cl.student_id = l.student_id
                LEFT JOIN school_classes c ON c.id = cl.school_class_id
               ORDER BY l.department_code NULLS LAST, l.student_number NULLS LAST, l.id) p), '[]') AS rows`,
    [dates.map(([day]) => day), dates.map(([, d]) => d.due), dates.map(([, d]) => d.moveDue), ...listed.enrolledBindings, ...listed.bindings, today],
  )) as { rows: Array<{ total: number; rows: ListedRow[] }> };
  const [{ total, rows: found }] = rows;
  return {
    data: found.map((row) => toRow(row, due)),
    meta: { today, pagination: { page: query.sheet ? 1 : query.page, pageSize: query.sheet ? total : query.pageSize, pageCount: query.sheet ? 1 : Math.ceil(total / query.pageSize), total } },
  };
}

function toRow(row: ListedRow, due: Deadlines): CompletenessRow {
  const complete = row.missing.length === 0;
  return {
    documentId: row.document_id,
    studentLabel: row.student_label,
    studentNumber: row.student_number,
    schoolClass: row.school_class,
    department: row.department_document_id ? { documentId: row.department_document_id, name: row.department_name ?? '' } : null,
    enrolledOn: row.enrolled,
    missingKinds: row.missing,
    complete,
    dueOn: row.due_on,
    workingDaysLeft: complete || !row.due_on ? null : due.daysLeft(row.due_on),
    overdue: row.overdue,
    custody: row.custody,
    state: row.state,
    custodyMoveDueOn: row.move_due,
    custodyMovedAt: row.custody_moved_at,
  };
}

/** The same list as a sheet, with Chinese headings. */
export async function completenessSheet(strapi: Core.Strapi, list: CompletenessPage): Promise<ReportSheet> {
  const coverage = await coverageLabel(strapi, (await currentActor(strapi)).scope);
  const overdue = list.data.filter((row) => row.overdue).length;
  return {
    title: '首次建档完整性',
    subtitle: `截至 ${list.meta.today} · 范围：${coverage} · 共 ${list.meta.pagination.total} 人，逾期未完成 ${overdue} 人`,
    headings: ['系部', '班级', '学生', '入学日期', '尚缺必备材料', '建档截止日期', '剩余工作日', '是否逾期', '保管', '档案状态', '应移交档案室日期'],
    rows: list.data.map((r) => [
      r.department?.name ?? '',
      r.schoolClass ?? '',
      r.studentLabel ?? '',
      r.enrolledOn ?? '',
      r.missingKinds.join('、'),
      r.dueOn ?? '',
      r.workingDaysLeft ?? '',
      r.overdue ? '是' : '否',
      ARCHIVE_CUSTODY_LABELS[r.custody],
      ARCHIVE_STATE_LABELS[r.state],
      r.custodyMoveDueOn ?? '',
    ]),
  };
}
