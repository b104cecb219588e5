/**
 * Counts of status changes per semester, department and type (domain.md 3's seed figures are one
 * semester of such counts). Staff limited to departments see their departments' rows only.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { CHANGE_TYPES, CHANGE_TYPE_LABELS, REQUEST_STATES, REQUEST_STATE_LABELS } from '../../../domain/status-change';
import { NO_SEMESTER, reportTable, semesterLabel, type ReportRow } from '../../../domain/status-change-report';
import { fieldError } from '../../../services/field-error';
import { currentActor } from '../../../services/scope/actor';
import { coverageLabel } from '../../../services/scope/coverage';
import { REPORT_FORMATS, REPORT_FORMAT_MESSAGE, type ReportSheet } from '../../../services/excel/report-sheet';
import { Forbidden } from '../../../services/forbidden';

const querySchema = z
  .object({
    // `none`: drafts, which have no semester until they are submitted.
    semester: z.union([z.string().regex(/^\d{4}-\d{4}-[12]$/), z.literal(NO_SEMESTER)]).optional(),
    state: z.enum(REQUEST_STATES).default('approved'),
    format: z.enum(REPORT_FORMATS).default('json'),
  })
  .strip();

const MESSAGES: Record<string, string> = {
  semester: 'semester 格式应为 2025-2026-1，或 none（未提交的草稿）(semester must look like 2025-2026-1, or none)',
  state: `state 须为 ${REQUEST_STATES.join(', ')} 之一`,
  format: REPORT_FORMAT_MESSAGE,
};

export type { ReportRow };

function parse(query: unknown) {
  const parsed = querySchema.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0].path[0] ?? 'semester');
  throw fieldError(field, MESSAGES[field] ?? MESSAGES.semester);
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Whether the query asks for the sheet (`format=xlsx`); a bad format is a 400 here too. */
  wantsSheet(query: unknown): boolean {
    return parse(query).format === 'xlsx';
  },

  async counts(query: unknown) {
    const { semester, state } = parse(query);
    const scope = (await currentActor(strapi)).scope;
    if (scope.kind === 'self' || scope.kind === 'none') throw new Forbidden('Forbidden');
    const sql = strapi.db
      .connection('status_changes as c')
      .leftJoin('departments as d', 'd.id', 'c.department_scope')
      .where('c.state', state)
      .groupBy('c.semester', 'c.type', 'd.id', 'd.name', 'd.code')
      .select('c.semester', 'c.type', 'd.id as department_id', 'd.name as department_name', 'd.code as department_code')
      .count({ count: '*' })
      .orderBy([{ column: 'c.semester', order: 'desc' }, { column: 'd.code' }, { column: 'c.type' }]);
    if (semester === NO_SEMESTER) sql.whereNull('c.semester');
    else if (semester) sql.where('c.semester', semester);
    if (scope.kind === 'departments') sql.whereIn('c.department_scope', scope.departmentIds);
    const rows = (await sql) as Array<{ semester: string | null; type: string; department_id: number | null; department_name: string; department_code: string; count: string }>;
    const data: ReportRow[] = rows.map((r) => ({
      semester: r.semester,
      department: r.department_id === null ? null : { id: r.department_id, name: r.department_name, code: r.department_code },
      type: r.type,
      count: Number(r.count),
    }));
    const byType = Object.fromEntries(CHANGE_TYPES.map((type) => [type, data.filter((r) => r.type === type).reduce((sum, r) => sum + r.count, 0)]));
    return { data, meta: { semester: semester ?? null, state, byType, total: data.reduce((sum, r) => sum + r.count, 0) } };
  },

  /** The same counts as a sheet: a row per department, a column per type, totals (the admin's table). */
  async sheet(query: unknown): Promise<ReportSheet> {
    const { data, meta } = await this.counts(query);
    const table = reportTable(data, meta.semester);
    const coverage = await coverageLabel(strapi, (await currentActor(strapi)).scope);
    return {
      title: '学籍异动统计',
      subtitle: `${meta.semester ? semesterLabel(meta.semester) : '全部学期'} · ${REQUEST_STATE_LABELS[meta.state]} · 范围：${coverage}`,
      headings: ['系部', ...CHANGE_TYPES.map((type) => CHANGE_TYPE_LABELS[type]), '合计'],
      rows: table.rows.map((row) => [row.department, ...CHANGE_TYPES.map((type) => row.counts[type]), row.total]),
      totals: ['合计', ...CHANGE_TYPES.map((type) => table.totals[type]), table.total],
    };
  },
});
