/** The bodies of the transfer's routes, checked once here: a 400 naming the field, before anything is written. */
import { TRANSFER_METHODS, type TransferAction, type TransferMethod } from '../../domain/archive-transfer';
import { TRANSFER_REASONS, type TransferReason } from '../../domain/student-archive';
import { fieldError } from '../field-error';
import { today } from '../clock';

type Body = Record<string, unknown>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DOCUMENT_ID = /^[a-z0-9]{1,64}$/;

function objectOf(sent: unknown, field: string): Body {
  if (sent === undefined || sent === null) return {};
  if (typeof sent !== 'object' || Array.isArray(sent)) throw fieldError(field, `请求格式不正确 (${field}: an object of fields expected)`);
  return sent as Body;
}

function onlyFields(body: Body, fields: readonly string[], prefix: string[] = []): void {
  const unknown = Object.keys(body).find((field) => !fields.includes(field));
  if (unknown) throw fieldError([...prefix, unknown], `不能填写字段 ${unknown} (${unknown}: not a field of this step)`);
}

function text(body: Body, field: string, max: number, label: string, required: boolean, prefix: string[] = []): string | null {
  const value = body[field];
  const path = [...prefix, field];
  if (value !== undefined && value !== null && typeof value !== 'string') throw fieldError(path, `${label}应为文字 (${field}: text)`);
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed.length > max) throw fieldError(path, `${label}最多 ${max} 个字 (${field}: at most ${max} characters)`);
  if (required && trimmed === '') throw fieldError(path, `请填写${label} (${field}: required)`);
  return trimmed === '' ? null : trimmed;
}

function oneOf<T extends string>(body: Body, field: string, values: readonly T[], label: string, prefix: string[] = []): T {
  const value = body[field];
  if (typeof value !== 'string' || !values.includes(value as T)) throw fieldError([...prefix, field], `请选择${label}（${values.join(' / ')}） (${field}: one of ${values.join(', ')})`);
  return value as T;
}

/** A day (YYYY-MM-DD) not after today: `today` itself when none is given. */
function pastDay(body: Body, field: string, label: string): string {
  const value = body[field] ?? today();
  const valid = typeof value === 'string' && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
  if (!valid) throw fieldError(field, `${label}应为有效日期，如 2026-07-01 (${field}: YYYY-MM-DD)`);
  if ((value as string) > today()) throw fieldError(field, `${label}不能晚于今天 (${field}: not in the future)`);
  return value as string;
}

export interface Application {
  archive: string;
  reason: TransferReason;
  receivingUnit: string;
  receivingAddress: string;
  note: string | null;
}

/** POST /api/archive-transfers { data: { archive, reason, receivingUnit, receivingAddress, note? } } */
export function applicationInput(sent: unknown): Application {
  const outer = objectOf(sent, 'body');
  if (outer.data === undefined || outer.data === null) throw fieldError('data', '请求应为 { data: { archive, reason, receivingUnit, receivingAddress } } (data: required)');
  const data = objectOf(outer.data, 'data');
  const at = ['data'];
  onlyFields(data, ['archive', 'reason', 'receivingUnit', 'receivingAddress', 'note'], at);
  const archive = data.archive;
  if (typeof archive !== 'string' || !DOCUMENT_ID.test(archive)) throw fieldError([...at, 'archive'], '请选择学籍档案 (archive: the documentId of a student archive)');
  return {
    archive,
    reason: oneOf(data, 'reason', TRANSFER_REASONS, '转递原因', at),
    receivingUnit: text(data, 'receivingUnit', 100, '接收单位', true, at) as string,
    receivingAddress: text(data, 'receivingAddress', 200, '接收单位地址', true, at) as string,
    note: text(data, 'note', 300, '备注', false, at),
  };
}

export interface CheckInput {
  note: string | null;
}
export interface SendInput {
  registerNumber: string;
  sealedBy: string;
  sealNumber: string | null;
  method: TransferMethod;
  trackingNumber: string;
  sentOn: string;
}
export interface ReceiptInput {
  receivedOn: string;
  receiptNumber: string | null;
  notes: string | null;
}
export interface CancelInput {
  reason: string;
}
export type StepInput = CheckInput | SendInput | ReceiptInput | CancelInput;

const STEP_FIELDS: Readonly<Record<TransferAction, readonly string[]>> = {
  check: ['note'],
  send: ['registerNumber', 'sealedBy', 'sealNumber', 'method', 'trackingNumber', 'sentOn'],
  receipt: ['receivedOn', 'receiptNumber', 'notes'],
  cancel: ['reason'],
};

/** The body of POST /api/archive-transfers/:documentId/<action>: plain fields. */
export function stepInput(action: TransferAction, sent: unknown): StepInput {
  const body = objectOf(sent, 'body');
  onlyFields(body, STEP_FIELDS[action]);
  switch (action) {
    case 'check':
      return { note: text(body, 'note', 300, '审核备注', false) };
    case 'send':
      return {
        registerNumber: text(body, 'registerNumber', 40, '转递登记编号', true) as string,
        sealedBy: text(body, 'sealedBy', 50, '封装人', true) as string,
        sealNumber: text(body, 'sealNumber', 40, '密封编号', false),
        method: oneOf(body, 'method', TRANSFER_METHODS, '寄送方式'),
        trackingNumber: text(body, 'trackingNumber', 60, '机要或快递单号', true) as string,
        sentOn: pastDay(body, 'sentOn', '寄出日期'),
      };
    case 'receipt':
      return { receivedOn: pastDay(body, 'receivedOn', '回执日期'), receiptNumber: text(body, 'receiptNumber', 60, '回执编号', false), notes: text(body, 'notes', 300, '回执说明', false) };
    case 'cancel':
      return { reason: text(body, 'reason', 300, '撤销原因', true) as string };
  }
}
