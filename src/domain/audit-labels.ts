/**
 * How the audit log names who acted and what they acted on, in words a person recognises (a
 * student by name and number, a request by its student and type), rather than emails and
 * internal document ids. Pure: the server fills in the facts it may read (src/services/audit/labels.ts).
 */
import { CHANGE_TYPE_LABELS, type ChangeType } from './status-change';

/** The content types the log names, in Chinese; a target that cannot be read is named by its type. */
export const TARGET_TYPE_LABELS: Readonly<Record<string, string>> = {
  'api::student.student': '学生学籍',
  'api::department.department': '系部',
  'api::major.major': '专业',
  'api::school-class.school-class': '班级',
  'api::office.office': '职能部门',
  'api::staff-membership.staff-membership': '教职工任职',
  'api::status-change.status-change': '学籍异动',
  'api::status-history.status-history': '学籍变动记录',
  'api::approval-chain.approval-chain': '审批流程',
  'api::approval-decision.approval-decision': '审批记录',
  'api::school-setting.school-setting': '学校设置',
  'api::notification.notification': '学生通知',
  'api::calendar-day.calendar-day': '校历日',
  'api::semester.semester': '学期',
  'api::integrity-archive.integrity-archive': '诚信档案',
  'api::integrity-record.integrity-record': '诚信记录',
  'api::integrity-record-version.integrity-record-version': '诚信记录版本',
  'api::integrity-entry-rule.integrity-entry-rule': '诚信信息来源规则',
  'api::integrity-self-entry.integrity-self-entry': '诚信档案个人填写',
  'api::integrity-third-party-record.integrity-third-party-record': '第三方诚信记录',
  'api::integrity-appeal.integrity-appeal': '诚信记录申诉',
  'api::integrity-amendment.integrity-amendment': '诚信记录修定',
  'api::registration.registration': '学籍注册',
  'api::registration-deferral.registration-deferral': '延期注册申请',
  'api::fee-status.fee-status': '缴费状态',
  'api::student-archive.student-archive': '学籍档案',
  'api::archive-material.archive-material': '档案材料',
  'api::archive-access-log.archive-access-log': '档案查阅登记',
  'api::archive-transfer.archive-transfer': '档案转递',
  'api::material-kind.material-kind': '档案材料种类',
  'api::class-roster.class-roster': '班级学籍名册',
  'api::roster-line.roster-line': '学籍名册学生行',
};

/** Types named by one of their own text fields. */
export const NAME_FIELDS: Readonly<Record<string, string>> = {
  'api::department.department': 'name',
  'api::major.major': 'name',
  'api::school-class.school-class': 'name',
  'api::office.office': 'name',
  'api::material-kind.material-kind': 'name',
  'api::staff-membership.staff-membership': 'staffName',
  'api::approval-chain.approval-chain': 'name',
  'api::semester.semester': 'code',
  'api::integrity-record.integrity-record': 'title',
  'api::class-roster.class-roster': 'className',
  'api::roster-line.roster-line': 'studentName',
};

export const SYSTEM_LABEL = '系统';

/** Actor kinds without a person behind them. */
const IMPERSONAL_ACTORS: Readonly<Record<string, string>> = { system: SYSTEM_LABEL, public: '未登录访问' };

export function typeLabel(uid: string | null | undefined): string {
  if (!uid) return '—';
  return TARGET_TYPE_LABELS[uid] ?? uid;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** 姓名（学号）; a student not yet numbered says so. */
export function studentLabel(student: { name?: unknown; studentNumber?: unknown }): string {
  const number = text(student.studentNumber);
  return `${text(student.name) || '未知学生'}（${number || '未编学号'}）`;
}

/** A request by its student and type: 张三 休学; a transfer-in by its incoming student's name. */
export function statusChangeLabel(request: { type?: unknown; student?: { name?: unknown } | null; incomingName?: unknown }): string {
  const type = CHANGE_TYPE_LABELS[request.type as ChangeType] ?? typeLabel('api::status-change.status-change');
  const who = text(request.student?.name) || text(request.incomingName);
  return who ? `${who} ${type}` : type;
}

/** An admin user by name (姓 名 as entered), else their username, else what the log kept. */
export function adminUserLabel(user: { firstname?: unknown; lastname?: unknown; username?: unknown } | undefined, fallback: string): string {
  if (!user) return fallback;
  const name = [text(user.firstname), text(user.lastname)].filter(Boolean).join(' ');
  return name || text(user.username) || fallback;
}

/** The label of a target of a type named by a field, a request or a student; null for the others. */
export function recordLabel(uid: string, record: Record<string, unknown>): string | null {
  if (uid === 'api::student.student') return studentLabel(record);
  if (uid === 'api::status-change.status-change') return statusChangeLabel(record as Parameters<typeof statusChangeLabel>[0]);
  const field = NAME_FIELDS[uid];
  return field && text(record[field]) ? text(record[field]) : null;
}

/** Who acted, when no person could be found for them: 系统, 未登录访问, an API token, or the stored label. */
export function impersonalActorLabel(actorType: string, actorLabel: string | null | undefined): string | null {
  if (IMPERSONAL_ACTORS[actorType]) return IMPERSONAL_ACTORS[actorType];
  if (actorType === 'api-token') return `API 令牌 ${text(actorLabel).replace(/^API token\s*/, '')}`.trim();
  return null;
}

/** A staff member with their unit and post: 李老师（信息工程系 教务员）. */
export function staffLabel(membership: { staffName?: unknown; unitName?: unknown; position?: unknown }, positions: Readonly<Record<string, string>>): string {
  const name = text(membership.staffName) || '教职工';
  // A name that already says its unit or post (信息工程系教务员) is not told them twice.
  const unit = [text(membership.unitName), positions[text(membership.position)] ?? ''].filter((part) => part && !name.includes(part)).join(' ');
  return unit ? `${name}（${unit}）` : name;
}
