/**
 * Finance's fee status per student and semester (domain.md 4), pure: the names finance writes in
 * its sheets, and what amount each status may carry. Used by the hand-written door (the Document
 * Service middleware) and the import alike, so both refuse the same rows.
 */
import { FEE_STATUSES, type FeeStatus } from './registration';
import { reachesNothing, scopeWhere, type Scope } from './scope';

const FEE_STATUS = 'api::fee-status.fee-status';

/** The names a sheet may use for each status: the short Chinese word, or the stored value. */
export const FEE_STATUS_SHEET_LABELS: Readonly<Record<FeeStatus, string>> = { paid: '已缴费', aid: '资助', owing: '欠费' };

/** Fields no writer sets: the keys the registration conditions read, and where the row came from. */
export const FEE_SYSTEM_FIELDS = ['studentKey', 'semesterKey', 'departmentScope', 'source'] as const;

/** decimal(10,2): below 100 million yuan, to the fen. */
export const MAX_AMOUNT_OWED = 1e8;
/** The schema's maxLength of `note`. */
export const MAX_NOTE_LENGTH = 200;

export function isFeeStatus(value: unknown): value is FeeStatus {
  return typeof value === 'string' && (FEE_STATUSES as readonly string[]).includes(value);
}

/**
 * Why an amount cannot go with a status, or null when it can. Owing names how much (above 0); paid
 * owes nothing (empty or 0); aid (deferred or reduced) may name what is deferred (0 or more).
 */
export function feeAmountProblem(status: FeeStatus, amount: number | null): string | null {
  if (amount !== null) {
    if (!Number.isFinite(amount) || amount < 0 || amount >= MAX_AMOUNT_OWED) return '欠费金额须在 0 至 99999999.99 之间';
    if (Math.abs(Math.round(amount * 100) - amount * 100) > 1e-6) return '欠费金额最多两位小数';
  }
  if (status === 'owing' && (amount === null || amount <= 0)) return '缴费状态为欠费时，须填写大于 0 的欠费金额';
  if (status === 'paid' && amount !== null && amount > 0) return '缴费状态为已缴费时，欠费金额须为空或 0';
  return null;
}

/** Whether a writer's fee-status scope (finance: the whole school) reaches a student of this department. */
export function feeScopeReaches(scope: Scope, departmentId: number | null): boolean {
  const where = scopeWhere(FEE_STATUS, scope);
  if (where === null) return true;
  if (reachesNothing(where) || departmentId === null) return false;
  const ids = (where.departmentScope as { $in?: number[] } | undefined)?.$in ?? [];
  return ids.includes(departmentId);
}
