/**
 * The columns of an admission sheet: the fields an admission takes (src/domain/admission.ts) and
 * every plain field an admin added to the student, from the one column definition (columns.ts).
 */
import type { Core } from '@strapi/strapi';
import { ADMISSION_FIELDS } from '../../domain/admission';
import { PROGRAM_LENGTHS } from '../../domain/constants';
import { columnsOf, type Column } from './columns';

export const STUDENT = 'api::student.student';

/** Fields an admission cannot go without (checkAdmission refuses a row lacking one). */
export const ADMISSION_REQUIRED: readonly string[] = ['name', 'nationalId', 'schoolClass'];

/** Hints shown on the template's headers. */
export const ADMISSION_HINTS: Readonly<Record<string, string>> = {
  name: '必填，最多 50 字',
  gender: '可留空：按身份证号码确定；填写时须与号码一致',
  nationalId: '必填，18 位，末位可为 X；请按文本填写，出生日期由号码得出',
  phone: '手机号码或带区号的固定电话',
  homeAddress: '最多 200 字',
  schoolClass: '必填：从下拉列表选择班级名称（仅列出您可以录取的班级）',
  studyForm: '留空为全日制',
  programLength: `${PROGRAM_LENGTHS.join(' 或 ')}，留空为 3`,
};

/** Kinds of field an admin may add that a sheet cell can carry. */
const PLAIN_KINDS = new Set<Column['kind']>(['text', 'number', 'boolean', 'enumeration', 'date']);

/** The admission's own columns, then the fields an admin added, as the export names them. */
export async function admissionColumns(strapi: Core.Strapi): Promise<Column[]> {
  const columns = await columnsOf(strapi, STUDENT);
  const own = (ADMISSION_FIELDS as readonly string[]).map((field) => columns.find((c) => c.field === field)).filter((c): c is Column => Boolean(c));
  const added = columns.filter((c) => c.configurable && PLAIN_KINDS.has(c.kind) && !(ADMISSION_FIELDS as readonly string[]).includes(c.field));
  return [...own, ...added].map((c) => (c.field === 'programLength' ? { ...c, options: PROGRAM_LENGTHS.map((n) => ({ value: String(n), label: String(n) })) } : c));
}

/** The fields an admin added (not the admission's own), which the import writes after admitting. */
export function isAddedField(field: string): boolean {
  return !(ADMISSION_FIELDS as readonly string[]).includes(field);
}
