/**
 * What the registration screens show (issue 16, "Admin"), pure so that it is tested alone: the
 * panels' facts, which registrations of a class a batch approves, the batch's answer in words,
 * the report's table and chart. The server routes are src/services/registration/admin-routes.ts.
 */
import { chineseMessage, unitLabel, type ApprovalTimelineView, type WorkflowAction } from './approval-view';

export const REGISTRATION = 'api::registration.registration';
export const REGISTRATION_DEFERRAL = 'api::registration-deferral.registration-deferral';
export const REGISTRATION_BASE = '/student-records/registration';

/** The engine's subject of each type, as the admin routes name it. */
export const REGISTRATION_PANEL_SUBJECTS: Readonly<Record<string, 'registration' | 'registration-deferral'>> = {
  [REGISTRATION]: 'registration',
  [REGISTRATION_DEFERRAL]: 'registration-deferral',
};

export const approvalsBase = (subject: string) => `${REGISTRATION_BASE}/approvals/${subject}`;

export interface ConditionView {
  code: string;
  label: string;
  ok: boolean;
  reason: string;
}

export interface PanelFile {
  id: number;
  name: string;
  mime: string;
  size: number;
}

export interface DocumentGroup {
  kind: string;
  label: string;
  files: PanelFile[];
}

interface Named {
  documentId: string;
  name: string;
}

export interface RegistrationTimeline extends ApprovalTimelineView {
  student: (Named & { studentNumber: string | null }) | null;
  department: Named | null;
  schoolClass?: Named | null;
  semester: string | null;
  submittedAt: string | null;
  documents: DocumentGroup[];
  // A registration's
  registrationState?: string;
  registrationStateLabel?: string;
  newStudent?: boolean;
  healthChanged?: boolean;
  deadline?: string | null;
  windowCloses?: string | null;
  deferredUntil?: string | null;
  overdue?: boolean;
  late?: boolean;
  note?: string | null;
  requestedDocuments?: string | null;
  registeredAt?: string | null;
  conditions?: ConditionView[];
  conditionsMet?: boolean | null;
  // A deferral's
  reason?: string | null;
  requestedUntil?: string | null;
  decidedAt?: string | null;
  registration?: { documentId: string; stateLabel: string } | null;
}

/** A registration is returned, never rejected, and not withdrawn (the server refuses both): those buttons are not offered. */
export function registrationActions(subject: string, allowed: readonly string[]): string[] {
  if (subject !== 'registration') return [...allowed];
  return allowed.filter((action) => action !== 'reject' && action !== 'withdraw');
}

/**
 * What the conditions mean for the person reading them: that they may approve, or may only
 * return; or, where the buttons are not theirs, who decides next (nothing that suggests they can).
 */
export function conditionsVerdict(t: Pick<RegistrationTimeline, 'conditionsMet' | 'allowedActions' | 'state' | 'currentStep' | 'steps' | 'department'>): { ok: boolean; text: string } {
  const ok = t.conditionsMet === true;
  if (ok && t.allowedActions.includes('approve')) return { ok, text: '条件均已满足，可以通过。' };
  if (!ok && t.allowedActions.includes('return')) return { ok, text: '有条件未满足：不能通过，可退回并写明须补充的材料。' };
  const step = t.state === 'submitted' && t.currentStep ? t.steps[t.currentStep - 1] : undefined;
  // Not waiting for a review: the conditions are those kept when last checked (on submission or approval).
  if (!step) return { ok, text: ok ? '上次核对时条件均已满足。' : '上次核对时有条件未满足。' };
  if (step.unit === 'student') return { ok, text: ok ? '条件均已满足，待学生本人确认注册。' : '有条件未满足，待学生本人确认。' };
  const unit = unitLabel(step, t.department?.name);
  return { ok, text: ok ? `条件均已满足，待${unit}审核。` : `有条件未满足：${unit}审核时不能通过，只能退回。` };
}

/** What the notification says once a registration or deferral action is done; `decidedUnit` is the unit of the step just decided. */
export function registrationDoneMessage(subject: string, action: WorkflowAction, state: string, decidedUnit?: string | null): string {
  if (subject === 'registration-deferral') {
    if (action === 'approve' && state === 'approved') return '已批准延期，学生的注册截止日期已顺延';
    if (action === 'reject') return '已作出不同意的决定，延期申请办结';
    if (action === 'return') return '延期申请已退回学生补充';
  }
  if (action === 'return') return '注册申请已退回学生补充材料';
  if (action === 'approve') {
    if (decidedUnit === 'department') return '系部初审已通过，转教务处审核';
    if (decidedUnit === 'academic-affairs') return '教务处审核已通过，待学生确认注册';
    return '已同意';
  }
  return '已办理';
}

/** The edit view's heading: `张一 · 2100-2101-1 学籍注册`. */
export function registrationTitle(t: Pick<RegistrationTimeline, 'student' | 'semester'>): string {
  return [t.student?.name, t.semester ? `${t.semester} 学籍注册` : '学籍注册'].filter(Boolean).join(' · ');
}

/** The facts of a registration, in the panel's order, each `[name, value]`; empty values are left out. */
export function registrationFacts(t: RegistrationTimeline): Array<[string, string]> {
  const facts: Array<[string, string | null | undefined]> = [
    ['学生', t.student ? `${t.student.name}${t.student.studentNumber ? `（${t.student.studentNumber}）` : ''}` : null],
    ['班级', t.schoolClass?.name],
    ['系部', t.department?.name],
    ['学期', t.semester],
    ['截止日期', t.deadline ? `${t.deadline}${t.deferredUntil ? '（已准延期）' : ''}${t.overdue ? '，已逾期' : ''}` : null],
    ['学生类别', t.newStudent ? '新生' : '老生'],
    ['健康状况', t.newStudent ? null : t.healthChanged ? '有变动' : '无变动'],
    ['学生说明', t.note],
    ['须补充', t.requestedDocuments],
  ];
  return facts.filter((fact): fact is [string, string] => typeof fact[1] === 'string' && fact[1] !== '');
}

export function deferralFacts(t: RegistrationTimeline): Array<[string, string]> {
  const facts: Array<[string, string | null | undefined]> = [
    ['学生', t.student ? `${t.student.name}${t.student.studentNumber ? `（${t.student.studentNumber}）` : ''}` : null],
    ['系部', t.department?.name],
    ['学期', t.semester],
    ['申请延期至', t.requestedUntil],
    ['延期原因', t.reason],
    ['本学期注册', t.registration?.stateLabel],
  ];
  return facts.filter((fact): fact is [string, string] => typeof fact[1] === 'string' && fact[1] !== '');
}

/** One registration of the bulk review (GET /student-records/registration/review?class=). */
export interface ReviewRow {
  documentId: string;
  studentNumber: string;
  name: string;
  state: string;
  submittedAt: string | null;
  due: string | null;
  currentStep: number | null;
  conditionsMet: boolean | null;
  conditions: ConditionView[];
}

export interface ReviewClass {
  documentId: string;
  name: string;
  department: string | null;
  waiting: number;
  total: number;
}

/** How a class is named in the picker: `计算机2301班（信息工程系） · 待审 12 / 45`. */
export function classOptionLabel(c: ReviewClass): string {
  return `${c.name}${c.department ? `（${c.department}）` : ''} · 待审 ${c.waiting} / ${c.total}`;
}

/** Whether a registration's conditions are all met (as kept on it when submitted). */
export const conditionsOk = (row: Pick<ReviewRow, 'conditionsMet' | 'conditions'>): boolean => row.conditionsMet === true && row.conditions.every((c) => c.ok);

/** The batch body approving every row whose conditions are met, each at the step the screen showed. */
export function approveBatch(rows: readonly ReviewRow[], comment: string): { action: 'approve'; comment?: string; items: Array<{ documentId: string; step?: number }> } | null {
  const items = rows.filter(conditionsOk).map((row) => ({ documentId: row.documentId, ...(row.currentStep ? { step: row.currentStep } : {}) }));
  if (items.length === 0) return null;
  return { action: 'approve', ...(comment.trim() ? { comment: comment.trim() } : {}), items };
}

/** The batch body returning the chosen rows with the comment. */
export function returnBatch(rows: readonly ReviewRow[], chosen: ReadonlySet<string>, comment: string) {
  const items = rows.filter((row) => chosen.has(row.documentId)).map((row) => ({ documentId: row.documentId, ...(row.currentStep ? { step: row.currentStep } : {}) }));
  return { action: 'return' as const, comment: comment.trim(), items };
}

export interface BatchAnswer {
  data: Array<{ documentId: string; ok: boolean; state?: string; status?: number; error?: { message: string } }>;
  meta: { decided: number; refused: number };
}

/** The batch's answer in words: how many were decided, and each refusal by student with its reason. */
export function batchSummary(action: 'approve' | 'return', answer: BatchAnswer, rows: readonly ReviewRow[]): { title: string; refusals: string[] } {
  const verb = action === 'approve' ? '通过初审' : '退回';
  const nameOf = (documentId: string) => {
    const row = rows.find((r) => r.documentId === documentId);
    return row ? `${row.name}（${row.studentNumber}）` : documentId;
  };
  const refusals = answer.data.filter((item) => !item.ok).map((item) => `${nameOf(item.documentId)}：${chineseMessage(item.error?.message ?? '')}`);
  const title = answer.meta.refused === 0 ? `已${verb} ${answer.meta.decided} 人` : `已${verb} ${answer.meta.decided} 人，${answer.meta.refused} 人未能办理`;
  return { title, refusals };
}

/** The report's figures (src/domain/registration.ts reportFigures). */
export interface ReportFigures {
  expected: number;
  registered: number;
  registeredTotal: number;
  onTimeRate: number | null;
  deferred: { total: number; applied: number; overdue: number; registeredLater: number; left: number };
  neverRegistered: number;
  pending: number;
}

export interface RegistrationReport {
  semester: { code: string; startDate: string; endDate: string };
  school: ReportFigures;
  departments: Array<ReportFigures & { department: { id: number; name: string; code: string } | null }>;
}

/** The report's columns: heading and value, in the order of the exported sheet. */
export const REPORT_COLUMNS: ReadonlyArray<[string, (f: ReportFigures) => number | string]> = [
  ['应注册', (f) => f.expected],
  ['按时注册', (f) => f.registered],
  ['按时注册率', (f) => (f.onTimeRate === null ? '—' : `${f.onTimeRate}%`)],
  ['已注册（合计）', (f) => f.registeredTotal],
  ['延期合计', (f) => f.deferred.total],
  ['已办延期', (f) => f.deferred.applied],
  ['逾期未注册', (f) => f.deferred.overdue],
  ['逾期后补办', (f) => f.deferred.registeredLater],
  ['最终未注册', (f) => f.deferred.left],
  ['办理中', (f) => f.pending],
];

export const departmentName = (d: RegistrationReport['departments'][number]) => d.department?.name ?? '（无系部）';

const PALETTE = ['#4945ff', '#328048', '#d9822f', '#d02b20', '#8e8ea9'];

/**
 * The report's chart: per department, who registered on time, who registered after a deferral or
 * late, who has not yet, who never did (stacked, their sum is the expected), and the on-time rate
 * as a line on its own axis.
 */
export function reportChartOption(report: RegistrationReport) {
  const rows = report.departments;
  const parts: Array<[string, (f: ReportFigures) => number]> = [
    ['按时注册', (f) => f.registered],
    ['延期或补办后注册', (f) => f.registeredTotal - f.registered],
    ['办理中', (f) => f.pending],
    ['最终未注册', (f) => f.deferred.left],
  ];
  return {
    // Drawn at once: a printed or captured page shows the whole chart.
    animation: false,
    color: PALETTE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 8, top: 32, bottom: 0, containLabel: true },
    xAxis: { type: 'category', data: rows.map(departmentName), axisLabel: { interval: 0, fontSize: 11, hideOverlap: true } },
    yAxis: [
      { type: 'value', minInterval: 1, name: '人数', nameTextStyle: { fontSize: 11 }, axisLabel: { fontSize: 11 } },
      { type: 'value', min: 0, max: 100, name: '按时注册率（%）', nameTextStyle: { fontSize: 11 }, axisLabel: { fontSize: 11 }, splitLine: { show: false } },
    ],
    series: [
      ...parts.map(([name, value]) => ({ name, type: 'bar', stack: 'total', barMaxWidth: 40, emphasis: { focus: 'series' }, data: rows.map(value) })),
      { name: '按时注册率', type: 'line', yAxisIndex: 1, data: rows.map((r) => r.onTimeRate), tooltip: { valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) } },
    ],
  };
}

export interface UnregisteredRow {
  documentId: string;
  studentNumber: string;
  name: string;
  department: string | null;
  schoolClass: string | null;
  state: string;
  deadline: string;
  deferredUntil: string | null;
  overdue: boolean;
}

/** A semester code in words: `2026-2027-1` → `2026-2027 学年第一学期`. */
export function semesterWords(code: string): string {
  const match = /^(\d{4}-\d{4})-([12])$/.exec(code);
  return match ? `${match[1]} 学年第${match[2] === '1' ? '一' : '二'}学期` : code;
}
