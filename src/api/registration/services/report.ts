/**
 * The registration report of a semester (domain.md 4; seed 001 3.(1)): expected, registered on
 * time and the on-time rate, the deferred (applied, overdue, registered later, left), never
 * registered, per department and for the school; one GROUP BY over the rows the caller's scope
 * reaches (30,000 rows well under a second, bench/registration.ts).
 */
import type { Core } from '@strapi/strapi';
import { addCounts, EMPTY_COUNTS, reportFigures, type RegistrationCounts } from '../../../domain/registration';
import type { ReportSheet } from '../../../services/excel/report-sheet';
import { currentActor } from '../../../services/scope/actor';
import { scopeSql } from '../../../services/scope/scope-sql';
import { ambientConnection } from '../../../services/transaction';
import { REGISTRATION } from '../repositories/registration-rows';
import type { SemesterRow } from './open';

const COUNTS = `
  SELECT r.department_scope AS department_id, d.name AS department_name, d.code AS department_code,
         count(*)::int AS expected,
         (count(*) FILTER (WHERE r.state = 'registered' AND r.deferred_until IS NULL AND NOT r.late))::int AS registered,
         (count(*) FILTER (WHERE r.state = 'registered'))::int AS registered_total,
         (count(*) FILTER (WHERE r.deferred_until IS NOT NULL))::int AS deferral_applied,
         (count(*) FILTER (WHERE r.overdue))::int AS overdue,
         (count(*) FILTER (WHERE r.late AND r.state = 'registered'))::int AS registered_later,
         (count(*) FILTER (WHERE r.state = 'missed'))::int AS missed
    FROM registrations r LEFT JOIN departments d ON d.id = r.department_scope
   WHERE r.semester_key = ? AND {{scope}}
   GROUP BY r.department_scope, d.name, d.code
   ORDER BY d.code NULLS LAST`;

export async function registrationReport(strapi: Core.Strapi, semester: SemesterRow) {
  const scope = scopeSql(strapi, REGISTRATION, 'r', (await currentActor(strapi)).scope);
  const db = await ambientConnection(strapi);
  const { rows } = (await db.raw(COUNTS.replace('{{scope}}', scope.sql), [semester.id, ...scope.bindings])) as { rows: Array<Record<string, any>> };
  const departments = rows.map((row) => {
    const counts: RegistrationCounts = {
      expected: row.expected,
      registered: row.registered,
      registeredTotal: row.registered_total,
      deferralApplied: row.deferral_applied,
      overdue: row.overdue,
      registeredLater: row.registered_later,
      missed: row.missed,
      pending: row.expected - row.registered_total - row.missed,
    };
    return { department: row.department_id === null ? null : { id: row.department_id, name: row.department_name, code: row.department_code }, counts };
  });
  const school = departments.reduce((sum, d) => addCounts(sum, d.counts), { ...EMPTY_COUNTS });
  return {
    semester: { code: semester.code, startDate: semester.startDate, endDate: semester.endDate },
    school: reportFigures(school),
    departments: departments.map((d) => ({ department: d.department, ...reportFigures(d.counts) })),
  };
}

export type RegistrationReport = Awaited<ReturnType<typeof registrationReport>>;

const HEADINGS = ['系部', '应注册', '按时注册', '按时注册率(%)', '已注册(合计)', '延期合计', '已办延期', '逾期未注册', '逾期后补办', '最终未注册', '办理中'];

function line(name: string, f: ReturnType<typeof reportFigures>): Array<string | number> {
  return [name, f.expected, f.registered, f.onTimeRate ?? '', f.registeredTotal, f.deferred.total, f.deferred.applied, f.deferred.overdue, f.deferred.registeredLater, f.deferred.left, f.pending];
}

export function reportSheet(report: RegistrationReport, coverage: string): ReportSheet {
  return {
    title: '学籍注册统计',
    subtitle: `${report.semester.code} 学期 · 范围：${coverage}`,
    headings: HEADINGS,
    rows: report.departments.map((d) => line(d.department?.name ?? '（无系部）', d)),
    totals: line('合计', report.school),
  };
}
