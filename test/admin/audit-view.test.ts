/** The audit log's and the people's words (src/domain/audit-labels.ts, src/admin/audit-view.ts). */
import {
  adminUserLabel,
  impersonalActorLabel,
  recordLabel,
  staffLabel,
  statusChangeLabel,
  studentLabel,
  typeLabel,
} from '../../src/domain/audit-labels';
import { AUDIT_FORM_HIDDEN, AUDIT_LABELS, auditText, editPath, entryTitle, fieldLabels, ipText, rolesText, studentListPath } from '../../src/admin/audit-view';
import { withoutFields } from '../../src/admin/content-manager-rules';
import { deciderLabel } from '../../src/admin/approval-view';
import { ENUM_LABELS } from '../../src/domain/enum-labels';
import { AUDIT_ACTIONS } from '../../src/services/audit/record';

describe('recordLabel: a record as a person recognises it', () => {
  test.each<[string, string, Record<string, unknown>, string | null]>([
    ['a student by name and number', 'api::student.student', { name: '张三', studentNumber: '2024010101' }, '张三（2024010101）'],
    ['a student not yet numbered', 'api::student.student', { name: '李四', studentNumber: null }, '李四（未编学号）'],
    ['a request by its student and type', 'api::status-change.status-change', { type: 'suspension', student: { name: '张三' } }, '张三 休学'],
    ['a transfer-in by its incoming student', 'api::status-change.status-change', { type: 'transfer-in', student: null, incomingName: '王五' }, '王五 转学（转入）'],
    ['a request whose student cannot be read', 'api::status-change.status-change', { type: 'withdrawal', student: null }, '退学'],
    ['a class by name', 'api::school-class.school-class', { name: '计算机2401班' }, '计算机2401班'],
    ['a department by name', 'api::department.department', { name: '信息工程系' }, '信息工程系'],
    ['a major by name', 'api::major.major', { name: '软件技术' }, '软件技术'],
    ['an office by name', 'api::office.office', { name: '教务处' }, '教务处'],
    ['a membership by the staff name', 'api::staff-membership.staff-membership', { staffName: '李老师' }, '李老师'],
    ['a semester by its code', 'api::semester.semester', { code: '2026-2027-1' }, '2026-2027-1'],
    ['a class with a blank name', 'api::school-class.school-class', { name: '  ' }, null],
    ['a type without a name field', 'api::calendar-day.calendar-day', { date: '2026-10-01' }, null],
  ])('%s', (_name, uid, record, expected) => {
    expect(recordLabel(uid, record)).toBe(expected);
  });

  test('every type the log names has a Chinese name; an unknown uid is shown as stored', () => {
    expect(typeLabel('api::student.student')).toBe('学生学籍');
    expect(typeLabel('api::status-history.status-history')).toBe('学籍变动记录');
    expect(typeLabel('api::unknown.unknown')).toBe('api::unknown.unknown');
    expect(typeLabel(null)).toBe('—');
  });
});

describe('people by name', () => {
  test.each<[string, Parameters<typeof adminUserLabel>[0], string]>([
    ['first and last name', { firstname: '张', lastname: '老师' }, '张 老师'],
    ['the first name alone (the seed keeps the whole name there)', { firstname: '教务处张老师', lastname: '' }, '教务处张老师'],
    ['the username when no name', { firstname: '', lastname: null, username: 'zhang' }, 'zhang'],
    ['the stored label when nothing else', { firstname: null }, 'a@b.cn'],
    ['the stored label for an unknown user', undefined, 'a@b.cn'],
  ])('an admin user: %s', (_name, user, expected) => {
    expect(adminUserLabel(user, 'a@b.cn')).toBe(expected);
  });

  test.each<[string, string | null, string | null]>([
    ['system', 'system', '系统'],
    ['public', 'public', '未登录访问'],
    ['api-token', 'API token 招生系统', 'API 令牌 招生系统'],
    ['admin', 'a@b.cn', null],
    ['user', 'zhang', null],
  ])('an impersonal actor of kind %s', (kind, stored, expected) => {
    expect(impersonalActorLabel(kind, stored)).toBe(expected);
  });

  test('a staff member with unit and post, or their name alone', () => {
    expect(staffLabel({ staffName: '李老师', unitName: '信息工程系', position: 'clerk' }, ENUM_LABELS)).toBe('李老师（信息工程系 教务员）');
    expect(staffLabel({ staffName: '王老师', unitName: '教务处', position: null }, ENUM_LABELS)).toBe('王老师（教务处）');
    expect(staffLabel({ staffName: '赵老师' }, ENUM_LABELS)).toBe('赵老师');
    expect(staffLabel({ staffName: '信息工程系教务员', unitName: '信息工程系', position: 'clerk' }, ENUM_LABELS)).toBe('信息工程系教务员');
    expect(staffLabel({ staffName: '机电工程系张老师', unitName: '机电工程系', position: 'manager' }, ENUM_LABELS)).toBe('机电工程系张老师（管理员）');
    expect(studentLabel({ name: '', studentNumber: '1' })).toBe('未知学生（1）');
  });

  test.each<[string, { deciderName: string | null; decidedBy: string }, string]>([
    ['by the stored name', { deciderName: '李老师', decidedBy: 'li@x.cn' }, '李老师'],
    ['a student confirming their own step', { deciderName: null, decidedBy: 'student:42' }, '学生本人'],
    ['the login when no name was kept', { deciderName: null, decidedBy: 'old@x.cn' }, 'old@x.cn'],
  ])('a decider %s', (_name, decision, expected) => {
    expect(deciderLabel(decision)).toBe(expected);
  });
});

describe('the audit entry in words', () => {
  test('every action the log records has a Chinese name', () => {
    for (const action of AUDIT_ACTIONS) expect(AUDIT_LABELS.action[action]).toMatch(/[\u4e00-\u9fa5]/);
    expect(auditText('action', 'reveal')).toBe('查看敏感信息');
    expect(auditText('action', 'approve')).toBe('同意');
    expect(auditText('channel', 'rest')).toBe('REST 接口');
    expect(auditText('targetType', 'api::student.student')).toBe('学生学籍');
    expect(auditText('action', 'future-action')).toBe('future-action');
    expect(auditText('action', null)).toBe('-');
  });

  test.each<[string, string | null, unknown, string[]]>([
    ['student fields by their form labels', 'api::student.student', ['name', 'schoolClass', 'nationalId'], ['姓名', '班级', '身份证号码']],
    ['request fields by the request form', 'api::status-change.status-change', ['state', 'appliedBy', 'documents'], ['办理状态', '申请人', '证明材料']],
    ['system columns by their own names', 'api::student.student', ['departmentScope', 'nationalIdCipher'], ['所属系部（范围）', '身份证号码（加密）']],
    ['an unknown field as stored', 'api::student.student', ['addedByAdmin'], ['addedByAdmin']],
    ['no fields', 'api::student.student', null, []],
    ['non-text items left out', null, ['name', 3], ['name']],
  ])('%s', (_name, uid, fields, expected) => {
    expect(fieldLabels(uid, fields)).toEqual(expected);
  });

  test('roles read as a list; links open the record and the student-filtered list', () => {
    expect(rolesText('教务处,校领导')).toBe('教务处、校领导');
    expect(rolesText('')).toBe('');
    expect(editPath('api::student.student', 'abc')).toBe('/content-manager/collection-types/api::student.student/abc');
    expect(editPath('api::school-setting.school-setting', 'x')).toBe('/content-manager/single-types/api::school-setting.school-setting');
    const list = studentListPath('api::status-change.status-change', 'doc1', 'createdAt:DESC');
    expect(list.startsWith('/content-manager/collection-types/api::status-change.status-change?')).toBe(true);
    const query = new URLSearchParams(list.split('?')[1]);
    expect(query.get('filters[$and][0][student][documentId][$eq]')).toBe('doc1');
    expect(query.get('sort')).toBe('createdAt:DESC');
  });
});

describe("an audit entry's title (its edit view's heading, never 未命名)", () => {
  test.each<[string, unknown, string | null | undefined, string]>([
    ['a reveal of a student', 'reveal', '张三（2024010101）', '查看敏感信息 · 张三（2024010101）'],
    ['a workflow action on a request', 'submit', '张三 休学', '提交 · 张三 休学'],
    ['a record not yet named (the labels still loading)', 'update', undefined, '修改'],
    ['an entry naming no record', 'export', null, '导出完整个人信息'],
    ['an unknown action, as stored', 'archive-sweep', '班级一', 'archive-sweep · 班级一'],
    ['no action at all', null, null, '审计日志'],
  ])('%s', (_case, action, target, title) => {
    expect(entryTitle(action, target)).toBe(title);
  });
});

describe("an audit entry's form and channel", () => {
  test("the time is left to the panel: the form keeps the reason, and no empty row", () => {
    const edit = { layout: [[[{ name: 'occurredAt' }]], [[{ name: 'reason' }]]] };
    expect(withoutFields(edit, AUDIT_FORM_HIDDEN).layout).toEqual([[[{ name: 'reason' }]]]);
  });

  test.each([
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['10.2.3.4', '10.2.3.4'],
    ['2001:db8::1', '2001:db8::1'],
    [null, ''],
  ])('the IP %s reads %s', (ip, text) => {
    expect(ipText(ip)).toBe(text);
  });
});
