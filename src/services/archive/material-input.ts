/** The fields of a material's upload (multipart, so every value arrives as text), checked once here. */
import { fieldError } from '../field-error';
import { now, today } from '../clock';

export interface MaterialInput {
  title: string | null;
  materialDate: string;
  checkedAgainstOriginal: boolean;
  stampUnit: string | null;
  /** The school's clock when the upload was checked: the time of the 核对 mark. */
  now: Date;
}

const FIELDS = new Set(['kind', 'title', 'materialDate', 'checkedAgainstOriginal', 'stampUnit']);
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function text(body: Record<string, unknown>, field: string, max: number, label: string): string | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw fieldError(field, `${label}应为文字 (${field}: text)`);
  const trimmed = value.trim();
  if (trimmed.length > max) throw fieldError(field, `${label}最多 ${max} 个字 (${field}: at most ${max} characters)`);
  return trimmed === '' ? null : trimmed;
}

function validDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && Number(match[1]) >= 1950;
}

/** The upload's fields; a correction keeps its predecessor's date unless another is given. */
export function materialInput(sent: unknown, replacing?: { materialDate: string; title: string | null }): MaterialInput {
  if (sent !== undefined && sent !== null && (typeof sent !== 'object' || Array.isArray(sent))) throw fieldError('body', '请求格式不正确 (body: form fields expected)');
  const body = (sent ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(body).find((field) => !FIELDS.has(field));
  if (unknown) throw fieldError(unknown, `不能填写字段 ${unknown} (${unknown}: not a field of the upload)`);
  const title = text(body, 'title', 100, '材料名称');
  const stampUnit = text(body, 'stampUnit', 60, '盖章单位');
  const dateText = text(body, 'materialDate', 10, '材料日期') ?? replacing?.materialDate?.slice(0, 10) ?? null;
  if (!dateText) throw fieldError('materialDate', '请填写材料日期 (materialDate: required, YYYY-MM-DD)');
  if (!validDay(dateText)) throw fieldError('materialDate', '材料日期应为有效日期，如 2026-09-01 (materialDate: YYYY-MM-DD)');
  if (dateText > today()) throw fieldError('materialDate', '材料日期不能晚于今天 (materialDate: not in the future)');
  const checked = body.checkedAgainstOriginal;
  if (checked !== undefined && checked !== null && !['true', 'false', true, false].includes(checked as never)) throw fieldError('checkedAgainstOriginal', '“复印件与原件核对无误”应为 true 或 false (checkedAgainstOriginal: true or false)');
  return { title: title ?? replacing?.title ?? null, materialDate: dateText, checkedAgainstOriginal: checked === true || checked === 'true', stampUnit, now: now() };
}
