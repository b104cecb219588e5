/**
 * The columns of a third party's sheet (issue 15, 第八条 4): Chinese headers, the record's field
 * names accepted as headers too, lengths and required fields from the schema, and the category's
 * Chinese names from src/domain/integrity.ts.
 */
import type { Core } from '@strapi/strapi';
import { THIRD_PARTY_CATEGORIES, THIRD_PARTY_CATEGORY_LABELS } from '../../../domain/integrity';
import type { SheetField } from '../../../services/excel/import-template';
import type { Column } from '../../../services/excel/columns';

export const THIRD_PARTY = 'api::integrity-third-party-record.integrity-third-party-record';
export const TEMPLATE_SHEET = '第三方诚信记录';
/** As bulk admission: 5,000 rows in one request. */
export const MAX_IMPORT_ROWS = 5000;
/** How the student is found: one of the two columns must be there, and one of the two cells filled. */
export const STUDENT_KEYS = ['studentNumber', 'nationalId'] as const;
export const REQUIRED_FIELDS: readonly string[] = ['category', 'agency', 'occurredOn'];


export const SHEET_FIELDS: readonly SheetField[] = [
  { field: 'studentNumber', header: '学号', kind: 'text', hint: '学号与身份证号至少填一项；都填时须为同一学生', example: '202609010101' },
  { field: 'nationalId', header: '身份证号', kind: 'text', hint: '18 位，末位可为 X；请按文本填写', example: '' },
  { field: 'category', header: '类别', kind: 'enumeration', hint: '必填：信用卡透支 或 话费', example: THIRD_PARTY_CATEGORY_LABELS['credit-card'] },
  { field: 'agency', header: '机构', kind: 'text', hint: '必填：提供记录的机构，最多 100 字', example: '中国银行南昌分行' },
  { field: 'occurredOn', header: '日期', kind: 'date', hint: '必填：发生日期，如 2026-10-01，不晚于今天', example: new Date(Date.UTC(2026, 9, 1)) },
  { field: 'amount', header: '金额', kind: 'number', hint: '元，不小于 0，最多两位小数', example: 1250.5 },
  { field: 'overdueDays', header: '逾期天数', kind: 'number', hint: '不小于 0 的整数', example: 45 },
  { field: 'description', header: '说明', kind: 'text', hint: '最多 500 字', example: '信用卡透支逾期未还' },
];

/** Each column's other accepted header: the record's field name. */
export const OTHER_HEADERS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(SHEET_FIELDS.map((f) => [f.field, [f.field]]));

type Attributes = Record<string, { maxLength?: number; required?: boolean }>;

/** The sheet's columns, with the lengths the schemas allow (the student number's is the student's). */
export function importColumns(strapi: Core.Strapi): Column[] {
  const own = (strapi.getModel(THIRD_PARTY as never) as unknown as { attributes: Attributes }).attributes;
  const student = (strapi.getModel('api::student.student' as never) as unknown as { attributes: Attributes }).attributes;
  return SHEET_FIELDS.map(({ field, header, kind }) => {
    const attribute = own[field] ?? student[field] ?? {};
    return {
      field,
      header,
      kind,
      protected: field === 'nationalId',
      required: REQUIRED_FIELDS.includes(field),
      configurable: false,
      ...(attribute.maxLength && field !== 'nationalId' ? { maxLength: attribute.maxLength } : {}),
      ...(kind === 'enumeration' ? { options: THIRD_PARTY_CATEGORIES.map((value) => ({ value, label: THIRD_PARTY_CATEGORY_LABELS[value] })) } : {}),
    };
  });
}
