/**
 * Counts of status changes per semester, department and type (domain.md 3's seed figures are one
 * semester of such counts). Staff limited to departments see their departments' rows only.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { CHANGE_TYPES, REQUEST_STATES } from '../../../domain/status-change';
import { fieldError } from '../../../services/field-error';
import { currentActor } from '../../../services/scope/actor';

const querySchema = z
  .object({
    semester: z.string().regex(/^\d{4}-\d{4}-[12]$/).optional(),
    state: z.enum(REQUEST_STATES).default('approved'),
  })
  .strip();

export interface ReportRow {
  semester: string | null;
  department: { id: number; name: string; code: string } | null;
  type: string;
  count: number;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async counts(query: unknown) {
    const parsed = querySchema.safeParse(query ?? {});
    if (!parsed.success) {
      const field = String(parsed.error.issues[0].path[0] ?? 'semester');
      throw fieldError(field, field === 'state' ? `state 须为 ${REQUEST_STATES.join(', ')} 之一` : 'semester 格式应为 2025-2026-1 (semester must look like 2025-2026-1)');
    }
    const { semester, state } = parsed.data;
    const scope = (await currentActor(strapi)).scope;
    if (scope.kind === 'self' || scope.kind === 'none') throw new errors.ForbiddenError('Forbidden');
    const sql = strapi.db
      .connection('status_changes as c')
      .leftJoin('departments as d', 'd.id', 'c.department_scope')
      .where('c.state', state)
      .groupBy('c.semester', 'c.type', 'd.id', 'd.name', 'd.code')
      .select('c.semester', 'c.type', 'd.id as department_id', 'd.name as department_name', 'd.code as department_code')
      .count({ count: '*' })
      .orderBy([{ column: 'c.semester', order: 'desc' }, { column: 'd.code' }, { column: 'c.type' }]);
    if (semester) sql.where('c.semester', semester);
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
});
