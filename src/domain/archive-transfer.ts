/**
 * The archive's transfer (档案转递, seed 001 三(三); domain.md 6): applied for on graduation,
 * completion, leaving or withdrawal; checked for completeness by the archive office; entered in the
 * transfer register, sealed and sent by confidential mail or courier; closed by the receiving
 * unit's receipt (回执). The steps are a table; pure, so it is tested alone.
 */
import type { ArchiveCustody, ArchiveState } from './student-archive';

export const TRANSFER_STATES = ['requested', 'checked', 'sent', 'received', 'cancelled'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];
export const TRANSFER_STATE_LABELS: Readonly<Record<TransferState, string>> = {
  requested: '已申请',
  checked: '已审核',
  sent: '已寄出',
  received: '已收到回执',
  cancelled: '已撤销',
};

export const TRANSFER_ACTIONS = ['check', 'send', 'receipt', 'cancel'] as const;
export type TransferAction = (typeof TRANSFER_ACTIONS)[number];
export const TRANSFER_ACTION_LABELS: Readonly<Record<TransferAction, string>> = { check: '审核材料', send: '寄出', receipt: '登记回执', cancel: '撤销' };

/** Which action moves a transfer from which state to which: the one table the service reads. */
export const TRANSFER_STEPS: Readonly<Record<TransferState, Partial<Record<TransferAction, TransferState>>>> = {
  requested: { check: 'checked', cancel: 'cancelled' },
  checked: { send: 'sent', cancel: 'cancelled' },
  sent: { receipt: 'received' },
  received: {},
  cancelled: {},
};

/** The states an action may start from. */
export function statesFor(action: TransferAction): TransferState[] {
  return TRANSFER_STATES.filter((state) => TRANSFER_STEPS[state][action] !== undefined);
}

/** Why an action does not fit the transfer's state, naming the state, in the user's words. */
export function stateRefusal(action: TransferAction, state: TransferState): string {
  const from = statesFor(action).map((s) => `“${TRANSFER_STATE_LABELS[s]}”`).join('或');
  return `该档案转递当前为“${TRANSFER_STATE_LABELS[state]}”，不能${TRANSFER_ACTION_LABELS[action]}（须为${from}） (state: ${state}; ${action} needs ${statesFor(action).join(' or ')})`;
}

export const TRANSFER_METHODS = ['confidential-mail', 'courier'] as const;
export type TransferMethod = (typeof TRANSFER_METHODS)[number];
export const TRANSFER_METHOD_LABELS: Readonly<Record<TransferMethod, string>> = { 'confidential-mail': '机要', courier: '快递' };

/** The completeness check's result: complete, or materials missing with a note that explains. */
export const TRANSFER_CHECK_RESULTS = ['complete', 'explained'] as const;
export type TransferCheckResult = (typeof TRANSFER_CHECK_RESULTS)[number];
export const TRANSFER_CHECK_RESULT_LABELS: Readonly<Record<TransferCheckResult, string>> = { complete: '材料齐全', explained: '缺件已说明' };

/**
 * The archive's state while it is transferred: asked for, sent out, closed once the receipt is in
 * (its keeping at this school has ended: 已结档). A cancelled transfer gives back the state it had.
 */
export const ARCHIVE_STATE_AFTER: Readonly<Record<'apply' | 'send' | 'receipt' | 'overdue', ArchiveState>> = {
  apply: 'transfer-requested',
  send: 'transferred',
  receipt: 'closed',
  overdue: 'receipt-overdue',
};

/** The archive states from which a transfer may be applied for: one not already under way or done. */
export const TRANSFERABLE_ARCHIVE_STATES: readonly ArchiveState[] = ['building', 'complete', 'in-custody'];

/** Why an application was refused, by the archive's custody (who may apply is who may file into it). */
export function applyRefusal(custody: ArchiveCustody): string {
  if (custody === 'transferred') return '该学籍档案已转出，不能再申请转递 (the archive has been transferred out)';
  if (custody === 'archive-office') return '该学籍档案已移交档案室，由档案室申请转递 (the archive office keeps this archive now)';
  return '只有本系部或档案室可以为该学生申请档案转递 (only the student\'s department or the archive office applies)';
}

/** Whole days from `from` to `to` (ISO dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

/** `date` moved by `days` calendar days. */
export function shiftDays(date: string, days: number): string {
  const moved = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}
