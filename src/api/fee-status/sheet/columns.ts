/**
 * The columns of finance's fee sheet (issue 16): Chinese headers, the fields' own names accepted
 * as headers too, the status by its Chinese word or stored value (src/domain/fee-status.ts).
 */
import { FEE_STATUS_SHEET_LABELS, MAX_NOTE_LENGTH } from '../../../domain/fee-status';
import { FEE_STATUSES } from '../../../domain/registration';
import type { SheetField } from '../../../services/excel/import-template';
import type { Column } from '../../../services/excel/columns';

export const FEE_STATUS = 'api::fee-status.fee-status';
export const TEMPLATE_SHEET = '缴费状态';
/** As bulk admission: 5,000 rows in one request. */
export const MAX_IMPORT_ROWS = 5000;
export const REQUIRED_FIELDS: readonly string[] = ['studentNumber', 'name', 'status'];


export const SHEET_FIELDS: readonly SheetField[] = [
  { field: 'studentNumber', header: '学号', kind: 'text', hint: '必填：12 位学号；请按文本填写', example: '202609010101', maxLength: 12 },
  { field: 'name', header: '姓名', kind: 'text', hint: '必填：须与学号对应学生的姓名一致', example: '张三', maxLength: 50 },
  { field: 'status', header: '缴费状态', kind: 'enumeration', hint: '必填：已缴费、资助 或 欠费（也可写 paid / aid / owing）', example: FEE_STATUS_SHEET_LABELS.owing },
  { field: 'amountOwed', header: '欠费金额', kind: 'number', hint: '元，不小于 0，最多两位小数；欠费时必填且大于 0，已缴费时留空或填 0', example: 2500 },
  { field: 'note', header: '备注', kind: 'text', hint: `最多 ${MAX_NOTE_LENGTH} 字`, example: '第一学期学费未缴', maxLength: MAX_NOTE_LENGTH },
];

/** Each column's other accepted header: the field's name. */
export const OTHER_HEADERS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(SHEET_FIELDS.map((f) => [f.field, [f.field]]));

export const IMPORT_COLUMNS: readonly Column[] = SHEET_FIELDS.map(({ field, header, kind, maxLength }) => ({
  field,
  header,
  kind,
  protected: false,
  required: REQUIRED_FIELDS.includes(field),
  configurable: false,
  ...(maxLength ? { maxLength } : {}),
  ...(kind === 'enumeration' ? { options: FEE_STATUSES.map((value) => ({ value, label: FEE_STATUS_SHEET_LABELS[value] })) } : {}),
}));
