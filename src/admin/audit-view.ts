/**
 * What the admin shows for audit rows and a student's requests: Chinese names of the stored codes
 * (actions, channels, types, field names) and the Content Manager paths to open a record or a
 * filtered list. Pure, so it is tested alone (test/admin/audit-view.test.ts).
 */
import { TARGET_TYPE_LABELS, typeLabel } from '../domain/audit-labels';
import { VIEW_SETTINGS } from '../bootstrap/admin-view-settings';
import { ACTION_LABELS } from './approval-view';

export { formatDateTime } from './approval-view';

export const AUDIT_LOG = 'api::audit-log.audit-log';
export { typeLabel };

/** Values of the audit log's plain string columns, shown by name. */
export const AUDIT_LABELS: Record<string, Record<string, string>> = {
  action: {
    create: '新增', update: '修改', delete: '删除', publish: '发布', unpublish: '取消发布', clone: '复制', reveal: '查看敏感信息',
    'attach-documents': '上传材料', search: '按敏感信息精确查询', 'identity-match': '身份证号码查重', export: '导出完整个人信息',
    confirm: '认定诚信记录', acknowledge: '学生确认诚信记录', read: '查阅诚信档案', check: '诚信审查', sign: '签署诚信承诺', review: '审核个人填写',
    'open-registration': '开放学期注册', 'close-window': '注册期结束处理', reopen: '准予补办注册', import: '导入',
    'move-custody': '接收学籍档案（移交档案室）',
    'transfer-apply': '申请档案转递', 'transfer-check': '审核转递档案材料', 'transfer-send': '档案转递登记寄出', 'transfer-receipt': '登记转递回执',
    'transfer-cancel': '撤销档案转递', 'transfer-follow-up': '转递回执逾期催办',
    'produce-roster': '生成班级学籍名册', 'confirm-line': '学生确认名册信息', 'report-error': '学生报告名册错误', 'resolve-error': '处理名册报错',
    'head-teacher-check': '班主任初审名册', 'registry-check': '学籍管理部门复审盖章',
    // The workflow actions, named as their buttons are.
    ...Object.fromEntries(Object.entries(ACTION_LABELS).map(([action, label]) => [action, label.button])),
  },
  actorType: { admin: '后台用户', user: '前台账号', 'api-token': 'API 令牌', system: '系统', public: '未登录' },
  channel: { admin: '管理后台', rest: 'REST 接口', graphql: 'GraphQL 接口', system: '系统' },
  actorLabel: { system: '系统', public: '未登录' },
  targetType: { ...TARGET_TYPE_LABELS },
};

/** The stored value of an audit column in words; an unknown code is shown as stored. */
export function auditText(field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') return '-';
  return AUDIT_LABELS[field]?.[value] ?? value;
}

/**
 * An entry's title (the edit view's heading): the action and what it was done to,
 * `查看敏感信息 · 张三（2024010101）`, from the same labels as the list (/student-records/audit/labels);
 * the action alone until they arrive, or when the entry names no record.
 */
export function entryTitle(action: unknown, target?: string | null): string {
  const done = auditText('action', action);
  const title = done === '-' ? '审计日志' : done;
  return target ? `${title} · ${target}` : title;
}

/**
 * The fields of an audit entry's form that its 日志详情 panel shows in words: the time picker would
 * offer its clear buttons (labelled in English by the design system) on a record nobody edits.
 */
export const AUDIT_FORM_HIDDEN: readonly string[] = ['occurredAt'];

/** An IP address as people write it: an IPv4 address the server saw through IPv6 (`::ffff:10.0.0.5`) without its prefix. */
export function ipText(ip: unknown): string {
  if (typeof ip !== 'string' || ip === '') return '';
  return ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
}

/** Where the title travels in the edit view's cached document (the edit view's main field). */
export const ENTRY_TITLE_FIELD = 'entryTitle';

/** Columns kept by the system that no form shows, named for the log. */
const INTERNAL_FIELDS: Record<string, string> = {
  departmentScope: '所属系部（范围）',
  nationalIdCipher: '身份证号码（加密）',
  phoneCipher: '联系电话（加密）',
  homeAddressCipher: '家庭住址（加密）',
  incomingNationalIdCipher: '转入学生身份证号码（加密）',
  openStudentId: '在办学生',
  documents: '证明材料',
  publishedAt: '发布时间',
};

/** Field names in Chinese, by the target type's form labels; an unknown name is shown as stored. */
export function fieldLabels(targetType: string | null | undefined, fields: unknown): string[] {
  if (!Array.isArray(fields)) return [];
  const labels = (targetType && VIEW_SETTINGS[targetType]?.labels) || {};
  return fields.filter((field): field is string => typeof field === 'string').map((field) => labels[field] ?? INTERNAL_FIELDS[field] ?? field);
}

/** The roles the log kept (comma-separated names), for reading. */
export function rolesText(actorRoles: unknown): string {
  if (typeof actorRoles !== 'string' || actorRoles.trim() === '') return '';
  return actorRoles.split(',').map((role) => role.trim()).filter(Boolean).join('、');
}

const SINGLE_TYPES = new Set(['api::school-setting.school-setting']);

/** The Content Manager's edit view of a record (relative to the admin's base path). */
export function editPath(uid: string, documentId: string | null | undefined): string {
  if (SINGLE_TYPES.has(uid)) return `/content-manager/single-types/${uid}`;
  return `/content-manager/collection-types/${uid}/${documentId ?? ''}`;
}

/** The Content Manager's list of `uid` filtered to one student, newest first by `sort`. */
export function studentListPath(uid: string, studentDocumentId: string, sort: string): string {
  const query = [`filters[$and][0][student][documentId][$eq]=${encodeURIComponent(studentDocumentId)}`, `sort=${encodeURIComponent(sort)}`, 'page=1', 'pageSize=10'];
  return `/content-manager/collection-types/${uid}?${query.join('&')}`;
}
