/**
 * The integrity archive's rules (诚信档案, domain.md 5; seed 000 第六条 to 第二十条), as data and
 * small pure functions: the seven indicators and the record kinds, the record's states and the
 * moves between them, which source may enter which indicator and kind (the seed an admin edits),
 * and the summary and the "clear" predicate that awards, aid, employment reviews and semester
 * registration ("no unresolved bad record") all use. No Strapi import.
 */
import { OFFICE_KINDS, type OfficeKind } from './constants';

/** 第九条: 学习、经济、生活、学籍档案、贷款与受助、上网、就业诚信. */
export const INDICATORS = ['academic', 'economic', 'daily-life', 'status-archive', 'loan-aid', 'online', 'employment'] as const;
export type Indicator = (typeof INDICATORS)[number];

export const INDICATOR_LABELS: Readonly<Record<Indicator, string>> = {
  academic: '学习诚信',
  economic: '经济诚信',
  'daily-life': '生活诚信',
  'status-archive': '学籍档案诚信',
  'loan-aid': '贷款与受助诚信',
  online: '上网诚信',
  employment: '就业诚信',
};

/** 第八条 3: the school's part. */
export const RECORD_KINDS = ['good', 'bad', 'loan', 'grades-summary', 'graduation-comment'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const RECORD_KIND_LABELS: Readonly<Record<RecordKind, string>> = {
  good: '优良记录',
  bad: '不良记录',
  loan: '助学贷款记录',
  'grades-summary': '学习成绩',
  'graduation-comment': '毕业评语',
};

/** Who confirms a record: a school-level administrator, or the department's (第十二条, 第十七条). */
export const RECORD_LEVELS = ['school', 'department'] as const;
export type RecordLevel = (typeof RECORD_LEVELS)[number];

export const RECORD_LEVEL_LABELS: Readonly<Record<RecordLevel, string>> = { school: '校级', department: '系部级' };

export const RECORD_STATES = ['entered', 'confirmed', 'acknowledged', 'appealed', 'modified', 'revoked', 'amended'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

export const RECORD_STATE_LABELS: Readonly<Record<RecordState, string>> = {
  entered: '待认定',
  confirmed: '已认定',
  acknowledged: '学生已确认',
  appealed: '申诉中',
  modified: '已修改',
  revoked: '已撤销',
  amended: '已修定',
};

/** What moves a record from one state to the next; each is a new version, never an edit in place. */
export const RECORD_EVENTS = ['confirm', 'acknowledge', 'appeal', 'appeal-modify', 'appeal-revoke', 'appeal-reject', 'appeal-withdraw', 'amend'] as const;
export type RecordEvent = (typeof RECORD_EVENTS)[number];

/**
 * The record's state machine (as data, checked by `assertRecordMachine`). Entered records are not
 * shown to the student; a confirmed one is, and the student acknowledges or appeals it. An appeal
 * ends in a modification, a revocation, or a rejection that leaves the record standing. An
 * amendment after reform (第十五条) closes a bad record that stands. Revoked and amended are final.
 */
export const RECORD_TRANSITIONS: Readonly<Record<RecordState, Partial<Record<RecordEvent, RecordState>>>> = {
  entered: { confirm: 'confirmed' },
  confirmed: { acknowledge: 'acknowledged', appeal: 'appealed', amend: 'amended' },
  acknowledged: { amend: 'amended' },
  appealed: { 'appeal-modify': 'modified', 'appeal-revoke': 'revoked', 'appeal-reject': 'confirmed', 'appeal-withdraw': 'confirmed' },
  modified: { acknowledge: 'acknowledged', appeal: 'appealed', amend: 'amended' },
  revoked: {},
  amended: {},
};

/** What each version of a record says happened (api::integrity-record-version.event). */
export const VERSION_EVENTS = ['enter', 'edit', 'confirm', 'acknowledge', 'appeal', 'appeal-modify', 'appeal-revoke', 'appeal-reject', 'appeal-withdraw', 'amend'] as const;
export type VersionEvent = (typeof VERSION_EVENTS)[number];

export const RECORD_EVENT_LABELS: Readonly<Record<VersionEvent, string>> = {
  enter: '录入',
  edit: '认定前更正',
  confirm: '认定',
  acknowledge: '学生确认',
  appeal: '提出申诉',
  'appeal-modify': '申诉处理：修改',
  'appeal-revoke': '申诉处理：撤销',
  'appeal-reject': '申诉处理：驳回',
  'appeal-withdraw': '申诉撤回',
  amend: '修定',
};

/** Where a record came from: an office, or a department (its own students, department level). */
export const RECORD_SOURCES = [...OFFICE_KINDS, 'department'] as const;

/** The student's own part (第八条 2). */
export const SELF_ENTRY_CATEGORIES = ['education', 'training', 'position', 'practice', 'work-study', 'work', 'certificate'] as const;
export type SelfEntryCategory = (typeof SELF_ENTRY_CATEGORIES)[number];
export const SELF_ENTRY_CATEGORY_LABELS: Readonly<Record<SelfEntryCategory, string>> = {
  education: '学历',
  training: '培训经历',
  position: '任职情况',
  practice: '实践与实习',
  'work-study': '勤工助学',
  work: '工作经历',
  certificate: '证书',
};
export const SELF_ENTRY_REVIEWS = ['pending', 'reviewed', 'returned'] as const;

/** The third party's part (第八条 4). */
export const THIRD_PARTY_CATEGORIES = ['credit-card', 'phone-bill'] as const;
export type ThirdPartyCategory = (typeof THIRD_PARTY_CATEGORIES)[number];
export const THIRD_PARTY_CATEGORY_LABELS: Readonly<Record<ThirdPartyCategory, string>> = { 'credit-card': '信用卡透支', 'phone-bill': '话费' };

export const ARCHIVE_STATES = ['open', 'closed'] as const;

/** The state after `event`, or null when the record cannot make that move from `state`. */
export function nextRecordState(state: RecordState, event: RecordEvent): RecordState | null {
  return RECORD_TRANSITIONS[state][event] ?? null;
}

/** Start-up check: every state is reachable from `entered`, and every target is a state. */
export function recordMachineProblems(): string[] {
  const problems: string[] = [];
  const reached = new Set<RecordState>(['entered']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const state of [...reached]) {
      for (const target of Object.values(RECORD_TRANSITIONS[state])) {
        if (!(RECORD_STATES as readonly string[]).includes(target)) problems.push(`${state} -> ${target}: not a state`);
        else if (!reached.has(target)) {
          reached.add(target);
          grew = true;
        }
      }
    }
  }
  for (const state of RECORD_STATES) if (!reached.has(state)) problems.push(`${state}: unreachable from entered`);
  return problems;
}

/** Who confirms a record of each level (第十二条, 第十七条): student affairs for the school, the department for its own. */
export const RECORD_CONFIRMERS: Readonly<Record<RecordLevel, string>> = { school: 'student-affairs', department: 'department' };

/** The chains appeals and amendments follow out of the box, per record level (admins edit them as content). */
export const DEFAULT_INTEGRITY_CHAINS: Readonly<Record<'integrity-appeal' | 'integrity-amendment', Record<RecordLevel, { name: string; steps: Array<{ unit: string; deadlineDays: number; label: string }> }>>> = {
  // 第十三条: an appeal is answered by an administrator within the authority of the record's level.
  'integrity-appeal': {
    school: { name: '校级诚信记录申诉', steps: [{ unit: 'student-affairs', deadlineDays: 5, label: '学生工作处处理申诉' }] },
    department: { name: '系部级诚信记录申诉', steps: [{ unit: 'department', deadlineDays: 5, label: '系部处理申诉' }] },
  },
  // 第十五条: the department and the offices concerned review; student affairs decides.
  'integrity-amendment': {
    school: {
      name: '校级诚信记录修定',
      steps: [
        { unit: 'department', deadlineDays: 3, label: '系部审核' },
        { unit: 'source-office', deadlineDays: 5, label: '记录来源部门审核' },
        { unit: 'student-affairs', deadlineDays: 5, label: '学生工作处决定' },
      ],
    },
    department: {
      name: '系部级诚信记录修定',
      steps: [
        { unit: 'department', deadlineDays: 3, label: '系部审核' },
        { unit: 'student-affairs', deadlineDays: 5, label: '学生工作处决定' },
      ],
    },
  },
};

/** States in which the student may appeal a record, or apply for its amendment (a bad one). */
export const APPEALABLE_STATES: readonly RecordState[] = ['confirmed', 'acknowledged', 'modified'];
export const AMENDABLE_STATES: readonly RecordState[] = ['confirmed', 'acknowledged', 'modified'];

/** Whether the student sees the record (entered-but-unconfirmed records are not shown). */
export function visibleToStudent(state: RecordState): boolean {
  return state !== 'entered';
}

/** A record that counts against the student: confirmed (or modified), not revoked, not amended. */
/** The states in which a bad record counts against the student: shown to them, not revoked, not amended. */
export const STANDING_STATES: readonly RecordState[] = ['confirmed', 'acknowledged', 'appealed', 'modified'];

export function isStandingBad(record: { kind: RecordKind; state: RecordState }): boolean {
  return record.kind === 'bad' && STANDING_STATES.includes(record.state);
}

// ---------------------------------------------------------------------------------------------
// Who may enter what (第六条, 第七条): the seed of the rules an admin edits.

/** A source is one of the school's offices, or a department (its own students, department level). */
export type RecordSource = OfficeKind | 'department';

export interface EntryRule {
  source: RecordSource;
  indicator: Indicator;
  kinds: readonly RecordKind[];
  level: RecordLevel;
  /** What the regulation gives this source to report, as it says it. */
  note: string;
}

const GOOD_AND_BAD: readonly RecordKind[] = ['good', 'bad'];

export const DEFAULT_ENTRY_RULES: readonly EntryRule[] = [
  { source: 'organisation', indicator: 'status-archive', kinds: GOOD_AND_BAD, level: 'school', note: '政治面貌等相关信息' },
  { source: 'security', indicator: 'daily-life', kinds: ['bad'], level: 'school', note: '违反法律法规名单及相关材料' },
  { source: 'security', indicator: 'online', kinds: ['bad'], level: 'school', note: '网络违法违规行为' },
  { source: 'academic-affairs', indicator: 'academic', kinds: ['good', 'bad', 'grades-summary'], level: 'school', note: '学习成绩、考试违纪' },
  { source: 'academic-affairs', indicator: 'employment', kinds: GOOD_AND_BAD, level: 'school', note: '实习实训证明、职业资格能力证明' },
  { source: 'finance', indicator: 'economic', kinds: ['bad'], level: 'school', note: '欠缴学费名单' },
  { source: 'student-affairs', indicator: 'loan-aid', kinds: ['good', 'bad', 'loan'], level: 'school', note: '资助各环节有无虚假报告、助学贷款' },
  { source: 'student-affairs', indicator: 'status-archive', kinds: ['bad'], level: 'school', note: '学籍档案管理' },
  { source: 'student-affairs', indicator: 'academic', kinds: ['good'], level: 'school', note: '各级各类比赛情况及成绩' },
  { source: 'student-affairs', indicator: 'daily-life', kinds: GOOD_AND_BAD, level: 'school', note: '公寓内表现；校级表彰与处分' },
  { source: 'youth-league', indicator: 'employment', kinds: ['good'], level: 'school', note: '校级学生干部任职情况、社会实践记录' },
  { source: 'library', indicator: 'economic', kinds: ['bad'], level: 'school', note: '借阅图书未归还' },
  ...INDICATORS.map((indicator): EntryRule => ({ source: 'department', indicator, kinds: GOOD_AND_BAD, level: 'department', note: '院级及以下本系学生表彰、奖励及其他相关数据' })),
  { source: 'department', indicator: 'employment', kinds: ['graduation-comment'], level: 'department', note: '毕业评语' },
];

/** The rule that lets `source` enter this indicator and kind at this level, if any. */
export function entryRuleFor(rules: readonly EntryRule[], source: RecordSource, indicator: Indicator, kind: RecordKind, level: RecordLevel): EntryRule | null {
  return rules.find((rule) => rule.source === source && rule.indicator === indicator && rule.level === level && rule.kinds.includes(kind)) ?? null;
}

// ---------------------------------------------------------------------------------------------
// The summary (第二十条) and the clearance used by evaluations and registration.

export interface SummaryRecord {
  indicator: Indicator;
  kind: RecordKind;
  state: RecordState;
  /** How many records of this indicator, kind and state (1 when absent): a database's GROUP BY row. */
  count?: number;
}

/** Thresholds of the level (settings): a student with no standing bad record and this many good ones is 优秀. */
export interface SummaryThresholds {
  goodForExcellent: number;
  /** This many standing bad records or more: 较差. */
  badForPoor: number;
}

export const DEFAULT_SUMMARY_THRESHOLDS: SummaryThresholds = { goodForExcellent: 2, badForPoor: 3 };

export const SUMMARY_LEVELS = ['excellent', 'good', 'fair', 'poor'] as const;
export type SummaryLevel = (typeof SUMMARY_LEVELS)[number];

export const SUMMARY_LEVEL_LABELS: Readonly<Record<SummaryLevel, string>> = { excellent: '诚信优秀', good: '诚信良好', fair: '诚信一般', poor: '诚信较差' };

export interface IntegritySummary {
  byIndicator: Record<Indicator, { good: number; standingBad: number }>;
  good: number;
  standingBad: number;
  openAppeals: number;
  level: SummaryLevel;
}

/** Per indicator: good records and standing bad ones the student has been shown; open appeals; the level. */
export function summarize(records: readonly SummaryRecord[], thresholds: SummaryThresholds = DEFAULT_SUMMARY_THRESHOLDS): IntegritySummary {
  const byIndicator = Object.fromEntries(INDICATORS.map((indicator) => [indicator, { good: 0, standingBad: 0 }])) as IntegritySummary['byIndicator'];
  let openAppeals = 0;
  for (const record of records) {
    if (!visibleToStudent(record.state) || !byIndicator[record.indicator]) continue;
    const n = record.count ?? 1;
    if (record.state === 'appealed') openAppeals += n;
    if (record.kind === 'good' && record.state !== 'revoked' && record.state !== 'amended') byIndicator[record.indicator].good += n;
    if (isStandingBad(record)) byIndicator[record.indicator].standingBad += n;
  }
  const good = INDICATORS.reduce((sum, indicator) => sum + byIndicator[indicator].good, 0);
  const standingBad = INDICATORS.reduce((sum, indicator) => sum + byIndicator[indicator].standingBad, 0);
  return { byIndicator, good, standingBad, openAppeals, level: summaryLevel(good, standingBad, thresholds) };
}

export function summaryLevel(good: number, standingBad: number, thresholds: SummaryThresholds): SummaryLevel {
  if (standingBad >= thresholds.badForPoor) return 'poor';
  if (standingBad > 0) return 'fair';
  return good >= thresholds.goodForExcellent ? 'excellent' : 'good';
}

export interface Clearance {
  clear: boolean;
  /** Why not, in Chinese, one line per indicator with a standing bad record. */
  reasons: string[];
}

/**
 * Clear when no bad record stands: for awards, party membership, aid, employment recommendations
 * (第二十条) and semester registration ("no unresolved bad record"). A bad record under appeal
 * still stands until the appeal is decided.
 */
export function integrityClearance(records: readonly SummaryRecord[]): Clearance {
  const reasons: string[] = [];
  for (const indicator of INDICATORS) {
    const standing = records.filter((record) => record.indicator === indicator && isStandingBad(record));
    const total = standing.reduce((sum, record) => sum + (record.count ?? 1), 0);
    if (total === 0) continue;
    const appealed = standing.filter((record) => record.state === 'appealed').reduce((sum, record) => sum + (record.count ?? 1), 0);
    reasons.push(`${INDICATOR_LABELS[indicator]}：不良记录 ${total} 条未撤销、未修定${appealed > 0 ? `（其中 ${appealed} 条申诉处理中）` : ''}`);
  }
  return { clear: reasons.length === 0, reasons };
}
