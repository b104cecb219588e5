/**
 * The student archive (学籍档案, domain.md 6; seed 001 三、学籍档案管理): what it holds, when the first
 * archive is due, when it moves to the archive office, how long it is kept, and when a transfer's
 * receipt is overdue. Pure: dates are ISO `YYYY-MM-DD` days of the school's calendar.
 */
import { addWorkingDays, isWorkingDay, type SchoolCalendar } from './calendar-months';

export const ARCHIVE_CUSTODIES = ['department', 'archive-office', 'transferred'] as const;
export type ArchiveCustody = (typeof ARCHIVE_CUSTODIES)[number];
export const ARCHIVE_CUSTODY_LABELS: Readonly<Record<ArchiveCustody, string>> = {
  department: '系部整理中',
  'archive-office': '档案室保管',
  transferred: '已转出',
};

export const ARCHIVE_STATES = ['building', 'complete', 'in-custody', 'transfer-requested', 'transferred', 'receipt-overdue', 'closed'] as const;
export type ArchiveState = (typeof ARCHIVE_STATES)[number];
export const ARCHIVE_STATE_LABELS: Readonly<Record<ArchiveState, string>> = {
  building: '首次建档中',
  complete: '首次建档完成',
  'in-custody': '档案室保管',
  'transfer-requested': '已申请转递',
  transferred: '已转递',
  'receipt-overdue': '回执逾期',
  closed: '已结档',
};

export const MATERIAL_CATEGORIES = ['admission', 'academic', 'status-change', 'rewards-discipline', 'graduation', 'other'] as const;
export type MaterialCategory = (typeof MATERIAL_CATEGORIES)[number];
export const MATERIAL_CATEGORY_LABELS: Readonly<Record<MaterialCategory, string>> = {
  admission: '入学材料',
  academic: '学业材料',
  'status-change': '异动材料',
  'rewards-discipline': '奖惩材料',
  graduation: '毕业材料',
  other: '其他',
};

export interface MaterialKindSeed {
  name: string;
  category: MaterialCategory;
  /** Required for the first archive (首次建档), which the department completes after enrolment. */
  requiredForFirstArchive: boolean;
}

/**
 * The catalogue of seed 001 三(一)1, in its order. Only admission materials make the first archive;
 * the CV (个人简历及特长证明) is optional there.
 */
export const MATERIAL_KIND_CATALOGUE: readonly MaterialKindSeed[] = [
  ...(
    [
      ['录取通知书复印件', true],
      ['高中（或同等学历）毕业证书复印件', true],
      ['身份证复印件', true],
      ['彩色正面免冠一寸照片', true],
      ['健康检查报告', true],
      ['政治面貌证明', true],
      ['个人简历及特长证明', false],
    ] as const
  ).map(([name, required]) => ({ name, category: 'admission' as const, requiredForFirstArchive: required })),
  ...['各学期课程成绩单', '学分登记表', '重修、补考成绩单', '实践、实习报告或鉴定', '技能等级证书、竞赛获奖证书复印件'].map((name) => ({ name, category: 'academic' as const, requiredForFirstArchive: false })),
  ...['学籍异动申请表', '异动证明材料', '异动审批文件', '转学同意书', '退学决定书'].map((name) => ({ name, category: 'status-change' as const, requiredForFirstArchive: false })),
  ...['获奖证书复印件（校级及以上）', '学生奖励决定书', '学生处分决定书', '学生处分撤销决定书'].map((name) => ({ name, category: 'rewards-discipline' as const, requiredForFirstArchive: false })),
  ...['毕业鉴定表', '毕业证书副联', '学籍电子注册表'].map((name) => ({ name, category: 'graduation' as const, requiredForFirstArchive: false })),
  ...['党团组织关系转接材料', '档案转出、转入材料', '学校要求的其他材料'].map((name) => ({ name, category: 'other' as const, requiredForFirstArchive: false })),
];

/** The catalogue's kinds a status change's final approval files under (issue 17): its form with every decision, and each proof. */
export const STATUS_CHANGE_FILING_KINDS = { form: '学籍异动申请表', proof: '异动证明材料' } as const;

/**
 * Why the system files nothing into an archive, or null when it files. A transferred archive has
 * left the school: the approval stands (the decision is the school's, not the archive's), and
 * what would have been filed is named on the request for the archive office to send on.
 */
export function systemFilingRefusal(archive: { custody: ArchiveCustody } | null): string | null {
  if (!archive) return '该学生没有学籍档案，材料未归档 (the student has no archive)';
  if (archive.custody === 'transferred') return '学籍档案已转出，材料未归档，请档案室随档补寄 (the archive has been transferred out; nothing filed)';
  return null;
}

export interface ArchiveSettings {
  /** The first archive is complete within this many working days of enrolment (001 三(一)3: 30). */
  firstArchiveWorkingDays: number;
  /** The department hands the archive to the archive office within this many months of enrolment (三(二)1(1): 1). */
  custodyMoveMonths: number;
  /** A graduate's archive is kept this many years after graduation, then due for transfer (三(二)1(3): 2). */
  retentionYears: number;
  /** A transfer's receipt (回执) not back this many days after sending is followed up. */
  receiptOverdueDays: number;
}

export const DEFAULT_ARCHIVE_SETTINGS: Readonly<ArchiveSettings> = { firstArchiveWorkingDays: 30, custodyMoveMonths: 1, retentionYears: 2, receiptOverdueDays: 30 };

/** An uploaded material file's limit unless the school sets another: a scanned multi-page PDF fits. */
export const DEFAULT_ARCHIVE_MAX_FILE_MEGABYTES = 20;

function parts(date: string): [number, number, number] {
  const [year, month, day] = date.slice(0, 10).split('-').map(Number);
  return [year, month, day];
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `date` moved by whole months; a day past the new month's end falls on its last day (1-31 + 1 month = 2-28 or 2-29). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(newYear, newMonth, 0)).getUTCDate();
  return iso(newYear, newMonth, Math.min(day, lastDay));
}

export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** The last day of the first archive: the `firstArchiveWorkingDays`th working day after enrolment. */
export function firstArchiveDue(enrolledOn: string, calendar: SchoolCalendar, settings: ArchiveSettings = DEFAULT_ARCHIVE_SETTINGS): string {
  return addWorkingDays(enrolledOn, settings.firstArchiveWorkingDays, calendar);
}

/** The day by which the department hands the archive to the archive office. */
export function custodyMoveDue(enrolledOn: string, settings: ArchiveSettings = DEFAULT_ARCHIVE_SETTINGS): string {
  return addMonths(enrolledOn, settings.custodyMoveMonths);
}

/** The archive is kept until this day (graduation + the retention years), then due for transfer. */
export function retentionEnd(graduatedOn: string, settings: ArchiveSettings = DEFAULT_ARCHIVE_SETTINGS): string {
  return addYears(graduatedOn, settings.retentionYears);
}

/**
 * Working days from `today` to `due`: 0 on the due day itself, positive before it, negative after
 * it (how many working days it is overdue). A due day that is not a working day counts as the last
 * working day before it.
 */
export function workingDaysLeft(today: string, due: string, calendar: SchoolCalendar): number {
  if (today === due) return 0;
  const forward = today < due;
  const [from, to] = forward ? [today, due] : [due, today];
  let count = 0;
  const current = new Date(`${from}T00:00:00Z`);
  for (;;) {
    current.setUTCDate(current.getUTCDate() + 1);
    const day = current.toISOString().slice(0, 10);
    if (day > to) break;
    if (isWorkingDay(day, calendar)) count += 1;
  }
  return forward ? count : -count;
}

export interface CompletenessInput {
  enrolledOn: string;
  /** The kinds required for the first archive: id and name. */
  requiredKinds: ReadonlyArray<{ id: number; name: string }>;
  /** The kinds of the archive's current (not superseded) materials. */
  presentKindIds: ReadonlySet<number>;
  today: string;
}

export interface Completeness {
  missing: Array<{ id: number; name: string }>;
  complete: boolean;
  due: string;
  /** Working days left to the due day (negative: overdue by that many). */
  daysLeft: number;
  overdue: boolean;
}

/** The first archive's state for one student: what is missing, by when, overdue or not. */
export function firstArchiveCompleteness(input: CompletenessInput, calendar: SchoolCalendar, settings: ArchiveSettings = DEFAULT_ARCHIVE_SETTINGS): Completeness {
  const missing = input.requiredKinds.filter((kind) => !input.presentKindIds.has(kind.id)).map(({ id, name }) => ({ id, name }));
  const due = firstArchiveDue(input.enrolledOn, calendar, settings);
  const complete = missing.length === 0;
  return { missing, complete, due, daysLeft: workingDaysLeft(input.today, due, calendar), overdue: !complete && input.today > due };
}

/** A transfer sent on `sentOn` whose receipt is not back is overdue after `receiptOverdueDays` days. */
export function receiptOverdue(sentOn: string, receiptOn: string | null, today: string, settings: ArchiveSettings = DEFAULT_ARCHIVE_SETTINGS): boolean {
  if (receiptOn) return false;
  const [year, month, day] = parts(sentOn);
  const limit = new Date(Date.UTC(year, month - 1, day + settings.receiptOverdueDays)).toISOString().slice(0, 10);
  return today > limit;
}

/** The transfers that may be asked for: on graduation, completion (结业), leaving (肄业) or withdrawal (001 三(三)1(1)). */
export const TRANSFER_REASONS = ['graduation', 'completion', 'leaving', 'withdrawal'] as const;
export type TransferReason = (typeof TRANSFER_REASONS)[number];
export const TRANSFER_REASON_LABELS: Readonly<Record<TransferReason, string>> = { graduation: '毕业', completion: '结业', leaving: '肄业', withdrawal: '退学' };

/** Who applies to read an archive: the student (with their ID) or an outside unit (with a letter and purpose). */
export const ACCESS_APPLICANTS = ['student', 'outside-unit'] as const;
export type AccessApplicant = (typeof ACCESS_APPLICANTS)[number];

export interface AccessGrant {
  approved: boolean;
  opensOn: string | null;
  closesOn: string | null;
  grantedCategories: readonly MaterialCategory[];
}

/** An approved access is open from its first to its last day, both included. */
export function accessOpen(grant: AccessGrant, today: string): boolean {
  return grant.approved && grant.opensOn !== null && grant.closesOn !== null && grant.opensOn <= today && today <= grant.closesOn;
}

/** The categories an access lets its holder read today: none when it is not open. */
export function readableCategories(grant: AccessGrant, today: string): MaterialCategory[] {
  return accessOpen(grant, today) ? MATERIAL_CATEGORIES.filter((category) => grant.grantedCategories.includes(category)) : [];
}

/** Who reaches which departments and offices (the scope's staff reach), as far as filing needs it. */
export interface FilingReach {
  /** A super admin or the system: every archive not transferred. */
  everything: boolean;
  offices: readonly string[];
  departmentIds: readonly number[];
}

/**
 * Who may file materials into an archive (001 三(二)1): the department builds its students'
 * archives while it keeps them; the archive office keeps every archive it holds or that is still
 * with a department; nobody files into an archive that has been transferred out.
 */
export function mayFileInto(reach: FilingReach, archive: { custody: ArchiveCustody; departmentId: number | null }): boolean {
  if (archive.custody === 'transferred') return false;
  if (reach.everything || reach.offices.includes('archive')) return true;
  return archive.custody === 'department' && archive.departmentId !== null && reach.departmentIds.includes(archive.departmentId);
}

/** Why filing was refused, in the user's words. */
export function filingRefusal(archive: { custody: ArchiveCustody }): string {
  if (archive.custody === 'transferred') return '该学籍档案已转出，不能再归档材料 (the archive has been transferred out)';
  if (archive.custody === 'archive-office') return '该学籍档案已移交档案室，由档案室归档材料 (the archive office keeps this archive now)';
  return '只有本系部或档案室可以归档该学生的材料 (only the student\'s department or the archive office files materials)';
}

/** The access register's columns (档案查阅登记): the door a read came through and what was read. */
export const ACCESS_LOG_CHANNELS = ['admin', 'rest', 'graphql'] as const;
export const ACCESS_LOG_CHANNEL_LABELS: Readonly<Record<(typeof ACCESS_LOG_CHANNELS)[number], string>> = { admin: '管理后台', rest: 'REST 接口', graphql: 'GraphQL 接口' };
export const ACCESS_LOG_ACTIONS = ['list', 'file'] as const;
export const ACCESS_LOG_ACTION_LABELS: Readonly<Record<(typeof ACCESS_LOG_ACTIONS)[number], string>> = { list: '查阅材料目录', file: '查阅材料文件' };

/** A graduate's archive is due for transfer once its retention has ended: on the retention end day and after. */
export function retentionDue(graduatedOn: string | null, today: string, settings: ArchiveSettings = DEFAULT_ARCHIVE_SETTINGS): boolean {
  return graduatedOn !== null && retentionEnd(graduatedOn, settings) <= today;
}
