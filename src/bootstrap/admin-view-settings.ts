/**
 * How each content type looks in the Content Manager: Chinese labels, useful list columns,
 * the field shown for relations, and the system's own columns kept out of the forms.
 */

export interface ViewSettings {
  mainField: string;
  defaultSortBy: string;
  labels: Record<string, string>;
  list: string[];
  /** Rows of the edit form: [field, width of 12]. */
  edit: Array<Array<[string, number]>>;
  readOnly?: string[];
  defaultSortOrder?: 'ASC' | 'DESC';
}

export const VIEW_SETTINGS: Record<string, ViewSettings> = {
  'api::department.department': {
    mainField: 'name',
    defaultSortBy: 'code',
    labels: { name: '系部名称', code: '系部代码', majors: '专业' },
    list: ['code', 'name', 'majors'],
    edit: [[['name', 6], ['code', 6]], [['majors', 12]]],
  },
  'api::major.major': {
    mainField: 'name',
    defaultSortBy: 'code',
    labels: { name: '专业名称', code: '专业代码', department: '所属系部', popular: '热门专业', restricted: '特殊管理专业', classes: '班级' },
    list: ['code', 'name', 'department', 'popular', 'restricted'],
    edit: [[['name', 6], ['code', 6]], [['department', 6]], [['popular', 6], ['restricted', 6]], [['classes', 12]]],
  },
  'api::school-class.school-class': {
    mainField: 'name',
    defaultSortBy: 'name',
    labels: { name: '班级名称', enrollmentYear: '入学年份', sequence: '班级序号', major: '所属专业', students: '学生' },
    list: ['name', 'enrollmentYear', 'sequence', 'major'],
    edit: [[['name', 6], ['major', 6]], [['enrollmentYear', 6], ['sequence', 6]], [['students', 12]]],
  },
  'api::office.office': {
    mainField: 'name',
    defaultSortBy: 'name',
    labels: { name: '部门名称', kind: '部门类别', description: '职责说明' },
    list: ['name', 'kind', 'description'],
    edit: [[['name', 6], ['kind', 6]], [['description', 12]]],
  },
  'api::staff-membership.staff-membership': {
    mainField: 'staffName',
    defaultSortBy: 'staffName',
    labels: {
      staffName: '姓名',
      email: '电子邮箱',
      position: '职务',
      department: '所在系部',
      office: '所在职能部门',
      adminUser: '后台账号',
      user: '前台账号',
      active: '在职',
    },
    list: ['staffName', 'email', 'position', 'department', 'office', 'active'],
    edit: [[['staffName', 6], ['email', 6]], [['position', 6], ['active', 6]], [['department', 6], ['office', 6]], [['adminUser', 6], ['user', 6]]],
  },
  'api::student.student': {
    mainField: 'name',
    defaultSortBy: 'studentNumber',
    labels: {
      studentNumber: '学号',
      name: '姓名',
      gender: '性别',
      birthDate: '出生日期',
      nationalId: '身份证号码',
      phone: '联系电话',
      homeAddress: '家庭住址',
      ethnicity: '民族',
      politicalStatus: '政治面貌',
      enrollmentYear: '入学年份',
      department: '系部',
      major: '专业',
      schoolClass: '班级',
      studyForm: '学习形式',
      programLength: '学制（年）',
      status: '学籍状态',
      user: '学生登录账号',
    },
    list: ['studentNumber', 'name', 'gender', 'schoolClass', 'status'],
    edit: [
      [['studentNumber', 6], ['status', 6]],
      [['name', 6], ['gender', 6]],
      [['nationalId', 6], ['birthDate', 6]],
      [['phone', 6], ['ethnicity', 6]],
      [['homeAddress', 12]],
      [['politicalStatus', 6], ['studyForm', 6]],
      [['programLength', 6], ['enrollmentYear', 6]],
      [['schoolClass', 6], ['major', 6]],
      [['department', 6], ['user', 6]],
    ],
    // Status moves only through approved status changes, registration and graduation (domain.md 2).
    readOnly: ['studentNumber', 'status', 'birthDate', 'enrollmentYear', 'department', 'major'],
  },
  'api::audit-log.audit-log': {
    mainField: 'action',
    defaultSortBy: 'occurredAt',
    defaultSortOrder: 'DESC',
    labels: {
      action: '操作',
      actorType: '操作者类型',
      actorId: '操作者ID',
      actorLabel: '操作者',
      actorRoles: '角色',
      channel: '渠道',
      ip: 'IP地址',
      targetType: '对象类型',
      targetDocumentId: '对象ID',
      fields: '字段',
      reason: '理由',
      occurredAt: '时间',
    },
    list: ['occurredAt', 'actorLabel', 'actorRoles', 'action', 'targetType', 'targetDocumentId', 'channel'],
    edit: [
      [['occurredAt', 6], ['action', 6]],
      [['actorLabel', 6], ['actorRoles', 6]],
      [['actorType', 6], ['actorId', 6]],
      [['channel', 6], ['ip', 6]],
      [['targetType', 6], ['targetDocumentId', 6]],
      [['fields', 12]],
      [['reason', 12]],
    ],
    readOnly: ['occurredAt', 'action', 'actorLabel', 'actorRoles', 'actorType', 'actorId', 'channel', 'ip', 'targetType', 'targetDocumentId', 'fields', 'reason'],
  },
};

/** Bumped when VIEW_SETTINGS change, so that the new settings reach existing databases once. */
export const VIEW_SETTINGS_VERSION = 3;
