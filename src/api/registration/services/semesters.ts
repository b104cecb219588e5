/** Which semester a registration request means: a code (2026-2027-1) given, or the current one. */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { today } from '../../../services/clock';
import { fieldError } from '../../../services/field-error';
import { withoutScope } from '../../../services/scope/context';
import type { SemesterRow } from './open';

const SEMESTER = 'api::semester.semester';
const FIELDS = ['id', 'documentId', 'code', 'startDate', 'endDate', 'registrationWorkingDays'];
const CODE = /^\d{4}-\d{4}-[12]$/;

/** The semester of `code` (400 naming `field` when malformed or unknown). */
export async function semesterByCode(strapi: Core.Strapi, code: unknown, field = 'semester'): Promise<SemesterRow> {
  if (typeof code !== 'string' || !CODE.test(code)) throw fieldError(field, `${field} 须为学期代码，如 2026-2027-1 (${field} must be a semester code)`);
  const row = (await withoutScope(() => strapi.db.query(SEMESTER as never).findOne({ where: { code }, select: FIELDS }))) as SemesterRow | null;
  if (!row) throw fieldError(field, `没有学期 ${code}，请先在“学期”中添加 (no semester ${code})`);
  return row;
}

/** The semester today falls in; else the last one started; null when there is none. */
export async function currentSemester(strapi: Core.Strapi): Promise<SemesterRow | null> {
  const date = today();
  const query = strapi.db.query(SEMESTER as never);
  const within = (await withoutScope(() => query.findOne({ where: { startDate: { $lte: date }, endDate: { $gte: date } }, select: FIELDS, orderBy: { startDate: 'desc' } }))) as SemesterRow | null;
  if (within) return within;
  return (await withoutScope(() => query.findOne({ where: { startDate: { $lte: date } }, select: FIELDS, orderBy: { startDate: 'desc' } }))) as SemesterRow | null;
}

/** The semester of the query (`?semester=`), or the current one; 400 when neither exists. */
export async function semesterOfQuery(strapi: Core.Strapi, code: unknown): Promise<SemesterRow> {
  if (code !== undefined && code !== '') return semesterByCode(strapi, code);
  const current = await currentSemester(strapi);
  if (!current) throw new errors.ValidationError('尚无学期，请先在“学期”中添加 (no semester yet)');
  return current;
}
