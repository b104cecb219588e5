/**
 * The class roster check (班级学籍名册核对, seed 004 第二条): the registry prints a class's roster of
 * registered data, each student checks their own line and signs or reports an error, the head
 * teacher checks it first and the registry checks it second and stamps it. The states and their
 * moves are tables, read by one small service (src/services/roster/).
 */

export const ROSTER_STATES = ['confirming', 'head-teacher-checked', 'registry-checked'] as const;
export type RosterState = (typeof ROSTER_STATES)[number];

export const ROSTER_STATE_LABELS: Readonly<Record<RosterState, string>> = {
  confirming: '学生核对中',
  'head-teacher-checked': '班主任已初审',
  'registry-checked': '已复审盖章',
};

export const LINE_STATES = ['pending', 'confirmed', 'error-reported', 'resolved'] as const;
export type LineState = (typeof LINE_STATES)[number];

export const LINE_STATE_LABELS: Readonly<Record<LineState, string>> = {
  pending: '待学生核对',
  confirmed: '学生已确认',
  'error-reported': '学生报错待处理',
  resolved: '报错已处理',
};

/** The data a line shows, which a student may report as wrong ('other' for anything else). */
export const ROSTER_FIELDS = ['name', 'studentNumber', 'gender', 'birthDate', 'nationalId', 'major', 'schoolClass', 'enrolledOn', 'other'] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

export const ROSTER_FIELD_LABELS: Readonly<Record<RosterField, string>> = {
  name: '姓名',
  studentNumber: '学号',
  gender: '性别',
  birthDate: '出生日期',
  nationalId: '身份证号',
  major: '专业',
  schoolClass: '班级',
  enrolledOn: '入学日期',
  other: '其他',
};

/** A roster's lines move while the roster is open: until the registry's stamp. */
export const OPEN_ROSTER_STATES: readonly RosterState[] = ['confirming', 'head-teacher-checked'];

export type RosterStep = 'head-teacher-check' | 'registry-check';
export type LineStep = 'confirm' | 'report-error' | 'resolve';

/** Where each step may start and where it leads. */
export const ROSTER_MOVES: Readonly<Record<RosterStep, { from: readonly RosterState[]; to: RosterState }>> = {
  'head-teacher-check': { from: ['confirming'], to: 'head-teacher-checked' },
  'registry-check': { from: ['head-teacher-checked'], to: 'registry-checked' },
};

export const LINE_MOVES: Readonly<Record<LineStep, { from: readonly LineState[]; to: LineState }>> = {
  confirm: { from: ['pending'], to: 'confirmed' },
  // A student who confirmed and then notices a mistake may still report it while the roster is open.
  'report-error': { from: ['pending', 'confirmed'], to: 'error-reported' },
  resolve: { from: ['error-reported'], to: 'resolved' },
};

export interface RosterCounts {
  lineCount: number;
  pendingCount: number;
  confirmedCount: number;
  errorCount: number;
  resolvedCount: number;
}

/** Why the registry may not stamp yet (lines unconfirmed, errors open), or null when every line is settled. */
export function registryCheckRefusal(counts: Pick<RosterCounts, 'pendingCount' | 'errorCount'>): string | null {
  const parts: string[] = [];
  if (counts.pendingCount > 0) parts.push(`${counts.pendingCount} 名学生尚未核对确认`);
  if (counts.errorCount > 0) parts.push(`${counts.errorCount} 处学生报错尚未处理`);
  if (parts.length === 0) return null;
  return `名册中${parts.join('，')}，不能复审盖章 (${counts.pendingCount} lines unconfirmed, ${counts.errorCount} errors unresolved)`;
}

/** Why a step cannot be taken from the state a roster or line is in now. */
export function moveRefusal(step: RosterStep | LineStep, state: string, labels: Readonly<Record<string, string>>): string {
  return `当前状态为“${labels[state] ?? state}”，不能${STEP_LABELS[step]} (${step} is not possible from ${state})`;
}

export const STEP_LABELS: Readonly<Record<RosterStep | LineStep, string>> = {
  'head-teacher-check': '班主任初审',
  'registry-check': '复审盖章',
  confirm: '确认无误',
  'report-error': '报告错误',
  resolve: '处理报错',
};

/** The school year a roster is made for, from a day: 2035-2036 for any day from September 2035 to August 2036. */
export function rosterSchoolYear(day: string): string {
  const [year, month] = day.slice(0, 7).split('-').map(Number);
  const start = month >= 9 ? year : year - 1;
  return `${start}-${start + 1}`;
}

export const SCHOOL_YEAR_PATTERN = /^(\d{4})-(\d{4})$/;

/** Whether a school year is written as two consecutive years (2035-2036). */
export function validSchoolYear(value: string): boolean {
  const match = SCHOOL_YEAR_PATTERN.exec(value);
  return match !== null && Number(match[2]) === Number(match[1]) + 1 && Number(match[1]) >= 2000;
}
