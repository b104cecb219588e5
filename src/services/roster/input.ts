/** The class roster's request bodies, checked once here: a 400 naming the field, nothing written. */
import { ROSTER_FIELDS, ROSTER_FIELD_LABELS, validSchoolYear, type RosterField } from '../../domain/class-roster';
import { fieldError } from '../field-error';

type Body = Record<string, unknown>;

const DOCUMENT_ID = /^[a-z0-9]{1,64}$/;
/** An 18-character national ID number written into a message: kept masked, as everywhere else. */
const NATIONAL_ID_IN_TEXT = /(\d{3})\d{14}[\dXx]/g;

function bodyOf(sent: unknown, fields: readonly string[]): Body {
  if (sent === undefined || sent === null) return {};
  if (typeof sent !== 'object' || Array.isArray(sent)) throw fieldError('body', '请求格式不正确 (body: a JSON object expected)');
  const body = sent as Body;
  const unknown = Object.keys(body).find((field) => !fields.includes(field));
  if (unknown) throw fieldError(unknown, `不能填写字段 ${unknown} (${unknown}: not a field of this request)`);
  return body;
}

function text(body: Body, field: string, label: string, max: number, required: boolean): string | null {
  const value = body[field];
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) throw fieldError(field, `请填写${label} (${field}: required)`);
    return null;
  }
  if (typeof value !== 'string') throw fieldError(field, `${label}应为文字 (${field}: text)`);
  const trimmed = value.trim();
  if (trimmed.length > max) throw fieldError(field, `${label}最多 ${max} 个字 (${field}: at most ${max} characters)`);
  return trimmed;
}

function documentId(body: Body, field: string, label: string, required: boolean): string | null {
  const value = body[field];
  if (value === undefined || value === null) {
    if (required) throw fieldError(field, `请选择${label} (${field}: the documentId)`);
    return null;
  }
  if (typeof value !== 'string' || !DOCUMENT_ID.test(value)) throw fieldError(field, `${label}应为记录的 documentId (${field}: a documentId)`);
  return value;
}

/** POST /api/class-rosters { schoolClass, schoolYear? } */
export function produceInput(sent: unknown): { schoolClass: string; schoolYear: string | null } {
  const body = bodyOf(sent, ['schoolClass', 'schoolYear']);
  const schoolClass = documentId(body, 'schoolClass', '班级', true) as string;
  const schoolYear = text(body, 'schoolYear', '学年', 9, false);
  if (schoolYear !== null && !validSchoolYear(schoolYear)) throw fieldError('schoolYear', '学年应写作相连的两年，如 2035-2036 (schoolYear: e.g. 2035-2036)');
  return { schoolClass, schoolYear };
}

/** POST /api/class-rosters/:documentId/head-teacher-check { note? } */
export function headTeacherInput(sent: unknown): { note: string | null } {
  return { note: text(bodyOf(sent, ['note']), 'note', '初审意见', 500, false) };
}

/** POST /api/class-rosters/:documentId/registry-check { stampUnit, note? } */
export function registryInput(sent: unknown): { stampUnit: string; note: string | null } {
  const body = bodyOf(sent, ['stampUnit', 'note']);
  return { stampUnit: text(body, 'stampUnit', '盖章单位', 60, true) as string, note: text(body, 'note', '复审意见', 500, false) };
}

/** POST /api/roster-lines/:documentId/resolve { resolution } */
export function resolveInput(sent: unknown): { resolution: string } {
  return { resolution: text(bodyOf(sent, ['resolution']), 'resolution', '处理结果', 500, true) as string };
}

/** POST /api/me/roster-line/confirm { line? } */
export function confirmInput(sent: unknown): { line: string | null } {
  return { line: documentId(bodyOf(sent, ['line']), 'line', '名册行', false) };
}

/** POST /api/me/roster-line/report-error { field, message, line? }: a national ID written in the message is masked. */
export function reportInput(sent: unknown): { line: string | null; field: RosterField; message: string } {
  const body = bodyOf(sent, ['field', 'message', 'line']);
  const field = body.field;
  if (typeof field !== 'string' || !(ROSTER_FIELDS as readonly string[]).includes(field)) {
    throw fieldError('field', `请选择有误的项目：${ROSTER_FIELDS.map((f) => ROSTER_FIELD_LABELS[f]).join('、')} (field: one of ${ROSTER_FIELDS.join(', ')})`);
  }
  const message = (text(body, 'message', '错误说明', 500, true) as string).replace(NATIONAL_ID_IN_TEXT, (_, head: string) => `${head}${'*'.repeat(15)}`);
  return { line: documentId(body, 'line', '名册行', false), field: field as RosterField, message };
}
