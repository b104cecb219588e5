/**
 * Semester registration (domain.md 4; seed 001 二、(一)), pure: the window in working days, each
 * student's own deadline (a deferral moves it), the conditions with their reasons, the state a
 * registration shows, and the missed-semester rule that proposes a cancellation.
 */
import { addWorkingDays, isWorkingDay, type SchoolCalendar } from './calendar-months';
import type { RequestState } from './approval-vocabulary';

export const REGISTRATION_STATES = ['expected', 'submitted', 'department-reviewed', 'approved', 'registered', 'returned', 'deferred', 'missed'] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

export const REGISTRATION_STATE_LABELS: Readonly<Record<RegistrationState, string>> = {
  expected: '待注册',
  submitted: '待系部审核',
  'department-reviewed': '待教务处审核',
  approved: '待学生确认',
  registered: '已注册',
  returned: '已退回',
  deferred: '已准延期',
  missed: '未注册',
};

export const FEE_STATUSES = ['paid', 'aid', 'owing'] as const;
export type FeeStatus = (typeof FEE_STATUSES)[number];
export const FEE_STATUS_LABELS: Readonly<Record<FeeStatus, string>> = { paid: '已缴费', aid: '资助（缓交/减免）', owing: '欠费' };

export const CONDITION_CODES = ['fees', 'integrity', 'health'] as const;
export type ConditionCode = (typeof CONDITION_CODES)[number];
export const CONDITION_LABELS: Readonly<Record<ConditionCode, string>> = { fees: '缴费', integrity: '无未处理的不良记录', health: '健康检查' };

/** One condition's result, kept on the registration so the department sees why. */
export interface ConditionResult {
  code: ConditionCode;
  ok: boolean;
  reason: string;
}

/** The numbers a school sets (学校设置); the regulations' values by default. */
export interface RegistrationSettings {
  /** A deferral moves the deadline at most this many calendar days past the window (2 weeks). */
  deferralMaxDays: number;
  /** Missing this many semesters in a row proposes a cancellation. */
  missedInRow: number;
  /** Missing this many semesters in total proposes a cancellation. */
  missedTotal: number;
  /** Working days a student has to confirm an approved registration. */
  confirmWorkingDays: number;
}

export const DEFAULT_REGISTRATION_SETTINGS: Readonly<RegistrationSettings> = { deferralMaxDays: 14, missedInRow: 2, missedTotal: 3, confirmWorkingDays: 3 };

/** The default chain (domain.md 4): department 2 working days, academic affairs 3, then the student confirms. */
export function defaultRegistrationChain(settings: RegistrationSettings = DEFAULT_REGISTRATION_SETTINGS) {
  return {
    name: '学籍注册',
    steps: [
      { unit: 'department', deadlineDays: 2, label: '系部初审' },
      { unit: 'academic-affairs', deadlineDays: 3, label: '教务处审核' },
      { unit: 'student', deadlineDays: settings.confirmWorkingDays, label: '学生确认注册' },
    ],
  };
}

/** A deferral application is decided by academic affairs within 3 working days. */
export const DEFAULT_DEFERRAL_CHAIN = { name: '延期注册', steps: [{ unit: 'academic-affairs', deadlineDays: 3, label: '教务处审批' }] };

/** The first working day on or after `date`. */
export function firstWorkingDayFrom(date: string, calendar: SchoolCalendar): string {
  return isWorkingDay(date, calendar) ? date : addWorkingDays(date, 1, calendar);
}

/**
 * The registration window: the first `workingDays` working days of the semester. It opens on the
 * first working day on or after the start and closes at the end of its last working day.
 */
export function registrationWindow(startDate: string, workingDays: number, calendar: SchoolCalendar): { opens: string; closes: string } {
  const opens = firstWorkingDayFrom(startDate, calendar);
  return { opens, closes: addWorkingDays(opens, workingDays - 1, calendar) };
}

/** The last day a deferral may run to: `deferralMaxDays` calendar days after the window closes. */
export function latestDeferralDate(windowCloses: string, settings: RegistrationSettings): string {
  return addDays(windowCloses, settings.deferralMaxDays);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** What the conditions are judged on: the finance row, the integrity rule, the health check. */
export interface ConditionFacts {
  /** Finance's status for the student and semester; null when finance has no row. */
  fee: FeeStatus | null;
  /** The student uploaded a fee proof or an aid certificate. */
  feeProof: boolean;
  /** Why the integrity archive is not clear (its rule, `integrityClearance`), one line per indicator. */
  integrityReasons: readonly string[];
  /** Other unresolved matters (failed courses, discipline) where the school keeps them. */
  otherUnresolved: readonly string[];
  /** A new student (admitted, first registration), or one who says their health changed. */
  healthCheckRequired: boolean;
  healthCertificate: boolean;
}

/** Each condition with its reason (seed 001 二(一)2). */
export function registrationConditions(facts: ConditionFacts): ConditionResult[] {
  return [feeCondition(facts), integrityCondition(facts), healthCondition(facts)];
}

function feeCondition({ fee, feeProof }: ConditionFacts): ConditionResult {
  if (fee === 'paid') return { code: 'fees', ok: true, reason: '计财处记录：已缴费' };
  if (fee === 'aid') return { code: 'fees', ok: true, reason: '计财处记录：资助（缓交或减免）' };
  if (fee === 'owing') return { code: 'fees', ok: false, reason: '计财处记录：欠费，须先缴费或办理资助' };
  return feeProof
    ? { code: 'fees', ok: true, reason: '计财处尚无记录；已上传缴费凭证或资助证明，由系部核对' }
    : { code: 'fees', ok: false, reason: '计财处尚无缴费记录，且未上传缴费凭证或资助证明' };
}

function integrityCondition({ integrityReasons, otherUnresolved }: ConditionFacts): ConditionResult {
  const open = [...integrityReasons, ...otherUnresolved];
  if (open.length === 0) return { code: 'integrity', ok: true, reason: '无未处理的不良记录' };
  return { code: 'integrity', ok: false, reason: `有未处理的事项：${open.join('、')}` };
}

function healthCondition({ healthCheckRequired, healthCertificate }: ConditionFacts): ConditionResult {
  if (!healthCheckRequired) return { code: 'health', ok: true, reason: '老生，健康状况无变动，无须健康证明' };
  return healthCertificate
    ? { code: 'health', ok: true, reason: '已上传健康检查合格证明' }
    : { code: 'health', ok: false, reason: '新生或健康状况有变动，须上传健康检查合格证明' };
}

export function conditionsMet(results: readonly ConditionResult[]): boolean {
  return results.every((result) => result.ok);
}

/** The failed conditions as one sentence for an error or a list. */
export function failedConditions(results: readonly ConditionResult[]): string {
  return results.filter((r) => !r.ok).map((r) => `${CONDITION_LABELS[r.code]}：${r.reason}`).join('；');
}

/** Where a registration stands, as people see it, from the engine's columns (the waiting step's unit) and its own marks. */
export function registrationState(row: { workflowState: RequestState; currentUnit: string | null; deferredUntil: string | null; missed: boolean }): RegistrationState {
  if (row.workflowState === 'approved') return 'registered';
  if (row.missed) return 'missed';
  if (row.workflowState === 'submitted') return row.currentUnit === 'student' ? 'approved' : row.currentUnit === 'department' ? 'submitted' : 'department-reviewed';
  if (row.workflowState === 'returned') return 'returned';
  return row.deferredUntil ? 'deferred' : 'expected';
}

/**
 * Whether a registration is missed on `today`: its deadline (the window's end, or the deferral's)
 * has passed and it was never submitted or was returned and not resubmitted. One under review
 * was submitted in time and goes on.
 */
export function isMissedOn(row: { workflowState: RequestState; deadline: string }, today: string): boolean {
  return (row.workflowState === 'draft' || row.workflowState === 'returned') && row.deadline < today;
}

/** A student's registration in one semester, oldest first, as the missed rule reads them. */
export interface SemesterOutcome {
  semester: string;
  missed: boolean;
}

/**
 * The semesters that make the system propose a cancellation (domain.md 4): the last
 * `missedInRow` in a row, or all missed once there are `missedTotal`. Empty when neither holds.
 */
export function cancellationGrounds(history: readonly SemesterOutcome[], settings: RegistrationSettings): string[] {
  const missed = history.filter((h) => h.missed).map((h) => h.semester);
  if (missed.length >= settings.missedTotal) return missed;
  // The latest run counts: an older one was proposed (and decided) when it happened.
  let run: string[] = [];
  let latest: string[] = [];
  for (const entry of history) {
    run = entry.missed ? [...run, entry.semester] : [];
    if (run.length >= settings.missedInRow) latest = run.slice(-settings.missedInRow);
  }
  return latest;
}

/** One department's (or the school's) registrations of a semester, as counted. */
export interface RegistrationCounts {
  expected: number;
  /** Registered in the window, without a deferral or a late reopening (seed: 2,950). */
  registered: number;
  /** Registered at all, on time or not. */
  registeredTotal: number;
  deferralApplied: number;
  overdue: number;
  registeredLater: number;
  missed: number;
  /** Neither registered nor missed yet: under review, returned, or waiting. */
  pending: number;
}

export const EMPTY_COUNTS: Readonly<RegistrationCounts> = { expected: 0, registered: 0, registeredTotal: 0, deferralApplied: 0, overdue: 0, registeredLater: 0, missed: 0, pending: 0 };

/** The report's figures (seed 001 3.(1)): the on-time rate in percent to one decimal, and the deferred. */
export function reportFigures(counts: RegistrationCounts) {
  return {
    expected: counts.expected,
    registered: counts.registered,
    registeredTotal: counts.registeredTotal,
    onTimeRate: counts.expected === 0 ? null : Math.round((counts.registered / counts.expected) * 1000) / 10,
    deferred: {
      total: counts.deferralApplied + counts.overdue,
      applied: counts.deferralApplied,
      overdue: counts.overdue,
      registeredLater: counts.registeredLater,
      left: counts.missed,
    },
    neverRegistered: counts.missed,
    pending: counts.pending,
  };
}

export type ReportFigures = ReturnType<typeof reportFigures>;

export function addCounts(a: RegistrationCounts, b: RegistrationCounts): RegistrationCounts {
  const out = { ...a };
  for (const key of Object.keys(out) as Array<keyof RegistrationCounts>) out[key] += b[key];
  return out;
}
