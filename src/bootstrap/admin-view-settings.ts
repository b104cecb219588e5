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
  /** Hints under the edit form's fields. */
  descriptions?: Record<string, string>;
  /** The field of the related record a relation shows, when its first text field is not the name. */
  relationMainFields?: Record<string, string>;
  defaultSortOrder?: 'ASC' | 'DESC';
}

/** Set by the approval engine only (the server refuses them); the status-change panel shows them. */
const STATUS_CHANGE_WORKFLOW_FIELDS = [
  'tier', 'tierReasons', 'state', 'currentStep', 'currentStepDue', 'round', 'chain', 'chainSteps',
  'department', 'semester', 'submittedAt', 'decidedAt', 'appliedBy', 'effect',
];

/** The workflow fields of appeals and amendments: set by the approval engine; the 审批办理 panel shows them. */
const INTEGRITY_REQUEST_FIELDS = ['record', 'student', 'department', 'reason', 'sourceOffice', 'state', 'currentStep', 'currentStepDue', 'round', 'chain', 'chainSteps', 'submittedAt', 'decidedAt', 'effect'];

const INTEGRITY_REQUEST_LABELS = {
  record: '诚信记录',
  student: '学生',
  department: '系部',
  level: '记录层级',
  sourceOffice: '记录来源部门',
  state: '办理状态',
  currentStep: '当前步骤',
  currentStepDue: '当前步骤期限',
  round: '轮次',
  chain: '审批流程',
  chainSteps: '流程步骤',
  submittedAt: '提交时间',
  decidedAt: '办结时间',
  effect: '处理结果',
};

/** The integrity archive's types (domain.md 5): written by the flows, so mostly read-only here. */
const INTEGRITY_VIEWS: Record<string, ViewSettings> = {
  'api::integrity-archive.integrity-archive': {
    // No name of its own: the student's panel (诚信档案) is where an archive is read.
    mainField: 'id',
    defaultSortBy: 'id',
    labels: {
      student: '学生',
      state: '档案状态',
      closedAt: '封存时间',
      closedReason: '封存原因',
      commitmentVersion: '诚信承诺书版本',
      commitmentSignedAt: '承诺书签署时间',
      commitmentSignedBy: '承诺书签署人',
      agreementVersion: '服务协议版本',
      agreementSignedAt: '服务协议签署时间',
      agreementSignedBy: '服务协议签署人',
    },
    list: ['student', 'state', 'commitmentSignedAt', 'agreementSignedAt'],
    relationMainFields: { student: 'pickerLabel' },
    edit: [
      [['student', 12]],
      [['state', 4], ['closedAt', 4], ['closedReason', 4]],
      [['commitmentVersion', 4], ['commitmentSignedAt', 4], ['commitmentSignedBy', 4]],
      [['agreementVersion', 4], ['agreementSignedAt', 4], ['agreementSignedBy', 4]],
    ],
    readOnly: ['student', 'state', 'closedAt', 'closedReason', 'commitmentVersion', 'commitmentSignedAt', 'commitmentSignedBy', 'agreementVersion', 'agreementSignedAt', 'agreementSignedBy'],
  },
  'api::integrity-record.integrity-record': {
    mainField: 'title',
    defaultSortBy: 'occurredOn',
    defaultSortOrder: 'DESC',
    labels: {
      student: '学生',
      studentLabel: '学生（姓名与学号）',
      department: '系部',
      indicator: '诚信指标',
      kind: '记录类别',
      title: '事项',
      description: '情况说明',
      occurredOn: '发生日期',
      evidence: '证明材料',
      sourceOffice: '来源部门',
      level: '记录层级',
      state: '记录状态',
      version: '版本',
      enteredBy: '录入人',
      confirmedAt: '认定时间',
      confirmedBy: '认定人',
      acknowledgedAt: '学生确认时间',
    },
    // Seven columns fit 1440 px with the date whole; the level is in each record's panel.
    list: ['title', 'studentLabel', 'indicator', 'kind', 'state', 'department', 'occurredOn'],
    relationMainFields: { student: 'pickerLabel', department: 'name' },
    // Where the record stands (level and source in words, confirmation, acknowledgement, versions)
    // and its evidence files are the 记录状态与版本 panel's: the form keeps what was entered. The
    // files are private (read through the server), so the media field is not a form field; who
    // entered the record is its first version's.
    edit: [
      [['student', 6], ['occurredOn', 6]],
      [['indicator', 6], ['kind', 6]],
      [['title', 12]],
      [['description', 12]],
      [['studentLabel', 12]],
      [['state', 6], ['version', 6]],
    ],
    descriptions: {
      indicator: '第九条的七项指标；录入部门只能录入信息来源规则允许的指标与类别',
      title: '认定后不能直接修改：修改、撤销只能经学生申诉，修定只能经修定申请（第十九条）',
      // A source office reaches no student rows: it finds the student by the full number, and a saved
      // record's student shows to it in 学生（姓名与学号） only.
      student: '来源部门请输入完整学号查找学生；保存后不能更改，以“学生（姓名与学号）”为准',
    },
    // Set by the server when the record is entered and moved through its flows.
    readOnly: ['studentLabel', 'evidence', 'department', 'sourceOffice', 'level', 'state', 'version', 'enteredBy', 'confirmedAt', 'confirmedBy', 'acknowledgedAt'],
  },
  'api::integrity-record-version.integrity-record-version': {
    mainField: 'reason',
    defaultSortBy: 'at',
    defaultSortOrder: 'DESC',
    labels: { record: '诚信记录', version: '版本', event: '变化', state: '变化后状态', content: '记录内容', reason: '理由', actor: '操作人', at: '时间', sourceOffice: '来源部门' },
    list: ['at', 'record', 'version', 'event', 'state', 'actor'],
    relationMainFields: { record: 'title' },
    edit: [[['record', 6], ['version', 6]], [['event', 6], ['state', 6]], [['actor', 6], ['at', 6]], [['reason', 12]], [['content', 12]]],
    readOnly: ['record', 'version', 'event', 'state', 'content', 'reason', 'actor', 'at', 'sourceOffice'],
  },
  'api::integrity-entry-rule.integrity-entry-rule': {
    mainField: 'note',
    defaultSortBy: 'source',
    labels: { source: '信息来源部门', indicator: '诚信指标', kinds: '可录入的记录类别', level: '记录层级', note: '依据', active: '启用' },
    // The kinds are stored as codes (JSON): the form's hint names them; the list leaves them out.
    list: ['source', 'indicator', 'level', 'active', 'note'],
    edit: [[['source', 6], ['indicator', 6]], [['level', 6], ['active', 6]], [['kinds', 12]], [['note', 12]]],
    descriptions: {
      kinds: '记录类别的列表，如 ["good", "bad"]：good 优良记录，bad 不良记录，loan 助学贷款记录，grades-summary 学习成绩，graduation-comment 毕业评语',
      level: '校级记录由学生工作处认定，系部级记录由学生所在系部认定',
    },
  },
  'api::integrity-self-entry.integrity-self-entry': {
    mainField: 'title',
    defaultSortBy: 'startedOn',
    defaultSortOrder: 'DESC',
    labels: {
      student: '学生',
      department: '系部',
      category: '类别',
      title: '名称',
      organisation: '单位',
      startedOn: '开始日期',
      endedOn: '结束日期',
      description: '说明',
      review: '审核状态',
      reviewComment: '审核意见',
      reviewedBy: '审核人',
      reviewedAt: '审核时间',
    },
    list: ['student', 'category', 'title', 'organisation', 'startedOn', 'review'],
    relationMainFields: { student: 'pickerLabel', department: 'name' },
    edit: [
      [['student', 6], ['category', 6]],
      [['title', 6], ['organisation', 6]],
      [['startedOn', 6], ['endedOn', 6]],
      [['description', 12]],
      [['review', 4], ['reviewedBy', 4], ['reviewedAt', 4]],
      [['reviewComment', 12]],
    ],
    // The student writes it; the department reviews it through the review action.
    readOnly: ['student', 'department', 'category', 'title', 'organisation', 'startedOn', 'endedOn', 'description', 'review', 'reviewComment', 'reviewedBy', 'reviewedAt'],
  },
  'api::integrity-third-party-record.integrity-third-party-record': {
    mainField: 'description',
    defaultSortBy: 'occurredOn',
    defaultSortOrder: 'DESC',
    labels: {
      student: '学生',
      department: '系部',
      category: '类别',
      agency: '征信机构',
      occurredOn: '发生日期',
      amount: '金额（元）',
      overdueDays: '逾期天数',
      description: '说明',
      importBatch: '导入批次',
      importedBy: '导入人',
      importedAt: '导入时间',
    },
    list: ['student', 'category', 'agency', 'occurredOn', 'amount', 'overdueDays'],
    relationMainFields: { student: 'pickerLabel', department: 'name' },
    edit: [
      [['student', 6], ['category', 6]],
      [['agency', 6], ['occurredOn', 6]],
      [['amount', 6], ['overdueDays', 6]],
      [['description', 12]],
      [['importBatch', 4], ['importedBy', 4], ['importedAt', 4]],
    ],
    readOnly: ['student', 'department', 'category', 'agency', 'occurredOn', 'amount', 'overdueDays', 'description', 'importBatch', 'importedBy', 'importedAt'],
  },
  'api::integrity-appeal.integrity-appeal': {
    mainField: 'reason',
    defaultSortBy: 'submittedAt',
    defaultSortOrder: 'DESC',
    labels: { ...INTEGRITY_REQUEST_LABELS, reason: '申诉理由' },
    list: ['student', 'record', 'state', 'level', 'department', 'submittedAt'],
    relationMainFields: { student: 'pickerLabel', record: 'title', department: 'name', chain: 'name' },
    // Filed by the student (/api/integrity-appeals); the 审批办理 panel shows the record, the chain and the decision.
    // Times are the panel's (the admin's date-time input carries English in its clear button), and
    // so is the department: a source office, who reviews amendments, cannot read departments.
    edit: [[['student', 6], ['record', 6]], [['reason', 12]]],
    readOnly: [...INTEGRITY_REQUEST_FIELDS, 'level'],
  },
  'api::integrity-amendment.integrity-amendment': {
    mainField: 'reason',
    defaultSortBy: 'submittedAt',
    defaultSortOrder: 'DESC',
    labels: { ...INTEGRITY_REQUEST_LABELS, reason: '申请理由', reformEvidence: '改正情况' },
    list: ['student', 'record', 'state', 'sourceOffice', 'department', 'submittedAt'],
    relationMainFields: { student: 'pickerLabel', record: 'title', department: 'name', chain: 'name' },
    edit: [[['student', 6], ['record', 6]], [['reason', 12]], [['reformEvidence', 12]]],
    readOnly: [...INTEGRITY_REQUEST_FIELDS, 'reformEvidence'],
  },
};

/** Semester registration (issue 16): rows made by opening a semester and moved by the flow only. */
const REGISTRATION_LABELS = {
  student: '学生',
  semester: '学期',
  department: '系部',
  schoolClass: '班级',
  state: '注册状态',
  newStudent: '新生',
  healthChanged: '健康状况有变动',
  feeProof: '缴费凭证或资助证明',
  healthCertificate: '健康检查证明',
  otherDocuments: '其他材料',
  requestedDocuments: '须补充的材料',
  note: '学生说明',
  conditions: '注册条件',
  conditionsMet: '条件已满足',
  windowCloses: '注册期截止日',
  deadline: '本人截止日期',
  deferredUntil: '准予延期至',
  overdue: '逾期',
  late: '逾期后补办',
  missedAt: '记为未注册时间',
  registeredAt: '注册完成时间',
  workflowState: '审批状态',
  currentStep: '当前步骤',
  currentStepDue: '当前步骤期限',
  round: '轮次',
  chain: '审批流程',
  chainSteps: '流程步骤',
  submittedAt: '提交时间',
  decidedAt: '办结时间',
  effect: '办理结果',
};

/** Every field of a registration is the flow's: the 审批办理 panel decides, the student submits through /api/me. */
const REGISTRATION_FIELDS = Object.keys(REGISTRATION_LABELS);

const DEFERRAL_LABELS = {
  student: '学生',
  semester: '学期',
  registration: '学籍注册',
  department: '系部',
  reason: '延期原因',
  requestedUntil: '申请延期至',
  documents: '证明材料',
  state: '办理状态',
  currentStep: '当前步骤',
  currentStepDue: '当前步骤期限',
  round: '轮次',
  chain: '审批流程',
  chainSteps: '流程步骤',
  submittedAt: '提交时间',
  decidedAt: '办结时间',
  effect: '办理结果',
};

const REGISTRATION_VIEWS: Record<string, ViewSettings> = {
  'api::registration.registration': {
    // No name of its own: the heading is the type's; the student and semester are the first fields.
    mainField: 'id',
    defaultSortBy: 'deadline',
    labels: REGISTRATION_LABELS,
    // The student's label names the class (姓名（学号）· 班级): no column of its own, a filter of its own.
    list: ['student', 'department', 'semester', 'state', 'conditionsMet', 'deadline', 'deferredUntil'],
    relationMainFields: { student: 'pickerLabel', semester: 'code', department: 'name', schoolClass: 'name', chain: 'name' },
    // The proofs are private files (read through the server): the 审批办理 panel lists them with the
    // conditions and their reasons; times and the chain are the panel's as well, and so is the
    // state (the form's select would name `approved` 已批准 where the registration waits for the
    // student's confirmation, 待学生确认).
    edit: [
      [['student', 6], ['semester', 6]],
      [['department', 6], ['schoolClass', 6]],
      [['deadline', 6], ['deferredUntil', 6]],
      [['conditionsMet', 4], ['overdue', 4], ['late', 4]],
      [['newStudent', 6], ['healthChanged', 6]],
      [['note', 12]],
      [['requestedDocuments', 12]],
    ],
    descriptions: {
      deadline: '注册期截止日；准予延期的，为延期后的日期',
      conditionsMet: '提交或审核时核对：缴费、无未处理的不良记录、健康检查；原因见“审批办理”',
      overdue: '截止日期已过仍未注册',
      late: '逾期后经教务处准予补办',
      healthChanged: '新生或健康状况有变动的，须上传健康检查合格证明',
      requestedDocuments: '退回时写明须补充的材料',
    },
    readOnly: REGISTRATION_FIELDS,
  },
  'api::registration-deferral.registration-deferral': {
    mainField: 'reason',
    defaultSortBy: 'submittedAt',
    defaultSortOrder: 'DESC',
    labels: DEFERRAL_LABELS,
    list: ['student', 'department', 'semester', 'requestedUntil', 'state', 'submittedAt'],
    relationMainFields: { student: 'pickerLabel', semester: 'code', department: 'name', chain: 'name' },
    // Applied for by the student (/api/me/registration-deferrals) with proof; the 审批办理 panel shows the proof and decides.
    edit: [
      [['student', 6], ['semester', 6]],
      [['department', 6], ['requestedUntil', 6]],
      [['state', 6]],
      [['reason', 12]],
    ],
    descriptions: {
      requestedUntil: '最长为注册期截止日后 2 周；批准后只顺延本人的注册截止日期',
      state: '由教务处在右侧“审批办理”中审批',
    },
    readOnly: Object.keys(DEFERRAL_LABELS),
  },
  'api::fee-status.fee-status': {
    mainField: 'id',
    defaultSortBy: 'updatedAt',
    defaultSortOrder: 'DESC',
    labels: { student: '学生', semester: '学期', status: '缴费状态', amountOwed: '欠费金额（元）', note: '备注', source: '来源', updatedAt: '更新时间' },
    list: ['student', 'semester', 'status', 'amountOwed', 'source', 'updatedAt'],
    relationMainFields: { student: 'pickerLabel', semester: 'code' },
    edit: [[['student', 6], ['semester', 6]], [['status', 6], ['amountOwed', 6]], [['note', 12]], [['source', 6]]],
    descriptions: {
      status: '已缴费、资助（缓交或减免）或欠费；学生注册时据此核对缴费条件',
      amountOwed: '欠费时填写',
      source: '手工登记或从计财处的 Excel/CSV 导入',
    },
    readOnly: ['source'],
  },
};

export const VIEW_SETTINGS: Record<string, ViewSettings> = {
  ...INTEGRITY_VIEWS,
  ...REGISTRATION_VIEWS,
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
  'api::calendar-day.calendar-day': {
    mainField: 'name',
    defaultSortBy: 'date',
    labels: { date: '日期', kind: '类别', name: '名称' },
    list: ['date', 'kind', 'name'],
    edit: [[['date', 4], ['kind', 4], ['name', 4]]],
    descriptions: { kind: '法定节假日不计工作日；调休上班日（含周末）计为工作日' },
  },
  'api::semester.semester': {
    mainField: 'code',
    defaultSortBy: 'startDate',
    labels: { code: '学期代码', startDate: '开学日期', endDate: '结束日期', registrationWorkingDays: '注册期限（工作日）' },
    list: ['code', 'startDate', 'endDate', 'registrationWorkingDays'],
    edit: [[['code', 6], ['registrationWorkingDays', 6]], [['startDate', 6], ['endDate', 6]]],
    descriptions: { code: '形如 2026-2027-1（第一学期）、2026-2027-2（第二学期）', registrationWorkingDays: '开学后多少个工作日内完成注册，默认 10' },
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
      pickerLabel: '学生（姓名、学号、班级）',
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
      suspensionStart: '休学开始日期',
      suspensionEnd: '休学结束日期',
      numberRetiredAt: '学号注销时间',
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
      [['suspensionStart', 6], ['suspensionEnd', 6]],
      [['numberRetiredAt', 6]],
    ],
    // Status, class and the suspension period move only through approved status changes,
    // registration and graduation (domain.md 2).
    readOnly: ['studentNumber', 'status', 'birthDate', 'enrollmentYear', 'department', 'major', 'schoolClass', 'suspensionStart', 'suspensionEnd', 'numberRetiredAt'],
  },
  'api::audit-log.audit-log': {
    // The edit view's title: the reason where there is one (a reveal's); the stored action code would show raw.
    mainField: 'reason',
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
      targetDocumentId: '对象',
      fields: '字段',
      reason: '理由',
      occurredAt: '时间',
    },
    list: ['occurredAt', 'actorLabel', 'actorRoles', 'action', 'targetType', 'targetDocumentId', 'channel'],
    // The stored codes (action, type uid, document ids, field names as JSON) are shown in words by
    // the 日志详情 side panel (src/admin/components/AuditEntryPanel.tsx); the form keeps what reads as is.
    edit: [[['occurredAt', 6]], [['reason', 12]]],
    readOnly: ['occurredAt', 'action', 'actorLabel', 'actorRoles', 'actorType', 'actorId', 'channel', 'ip', 'targetType', 'targetDocumentId', 'fields', 'reason'],
  },
  'api::status-change.status-change': {
    // The reason reads best as the record's title (the type is an enumeration, shown raw there).
    mainField: 'reason',
    // Drafts first (no submission time), then the newest submissions.
    defaultSortBy: 'submittedAt',
    defaultSortOrder: 'DESC',
    labels: {
      student: '学生',
      type: '异动类别',
      reason: '异动原因',
      targetMajor: '目标专业',
      targetClass: '目标班级',
      failedCourses: '不及格课程数',
      averageScore: '平均成绩',
      majorRankPercent: '专业排名百分比',
      suspensionCause: '休学原因',
      suspensionStart: '休学开始日期',
      suspensionEnd: '休学结束日期',
      receivingSchool: '转入学校',
      receivingProvince: '转入学校所在省份',
      provincialApproval: '省级批准文号',
      withdrawalKind: '退学类别',
      investigationRecord: '调查记录',
      noticeRecord: '告知记录',
      hearingRecord: '听证记录',
      registeredMailNumber: '挂号信单号',
      incomingName: '转入学生姓名',
      incomingNationalId: '转入学生身份证号码',
      incomingPreviousSchool: '原学校',
      documents: '证明材料',
      studentSigned: '学生本人签字',
      guardianSigned: '监护人签字',
      tier: '层级',
      tierReasons: '升级原因',
      state: '办理状态',
      currentStep: '当前步骤',
      currentStepDue: '当前步骤期限',
      round: '轮次',
      chain: '审批流程',
      chainSteps: '流程步骤',
      department: '系部',
      semester: '学期',
      submittedAt: '提交时间',
      decidedAt: '办结时间',
      appliedBy: '申请人',
      effect: '生效结果',
    },
    list: ['student', 'type', 'state', 'tier', 'department', 'appliedBy', 'submittedAt'],
    relationMainFields: { student: 'pickerLabel', targetMajor: 'name', targetClass: 'name', department: 'name', chain: 'name' },
    // One form for every type: the rows go from the fields all requests share to each type's own.
    // The rows after the signatures belong to one change type each and show only for it (the
    // schema's visibility conditions); they are kept few and last, so that the hidden ones leave
    // no gaps between the fields a request does show. Supporting documents are not a form field:
    // the 审批办理 panel lists and uploads them (stored privately, not in the media library).
    edit: [
      [['student', 6], ['type', 6]],
      [['reason', 12]],
      [['studentSigned', 6], ['guardianSigned', 6]],
      [['targetMajor', 6], ['targetClass', 6]],
      [['failedCourses', 4], ['averageScore', 4], ['majorRankPercent', 4]],
      [['suspensionCause', 4], ['suspensionStart', 4], ['suspensionEnd', 4]],
      [['receivingSchool', 4], ['receivingProvince', 4], ['provincialApproval', 4]],
      [['withdrawalKind', 6], ['registeredMailNumber', 6]],
      [['investigationRecord', 4], ['noticeRecord', 4], ['hearingRecord', 4]],
      [['incomingName', 4], ['incomingNationalId', 4], ['incomingPreviousSchool', 4]],
    ],
    descriptions: {
      type: '保存后不能更改',
      student: '转学（转入）申请不选学生，批准后自动建立学籍',
      targetMajor: '转专业时填写',
      targetClass: '转专业、复学（编入下一年级时）、转学（转入）时填写',
      failedCourses: '转专业时由教务处填写',
      averageScore: '转专业时由教务处填写',
      majorRankPercent: '转专业时由教务处填写，例如前 20% 填 20',
      suspensionCause: '休学时填写',
      suspensionStart: '休学时填写',
      suspensionEnd: '休学时填写',
      receivingSchool: '转学（转出）时填写',
      receivingProvince: '转学（转出）时填写；跨省转学为特殊异动',
      provincialApproval: '转学（转出）时填写',
      withdrawalKind: '退学时填写',
      registeredMailNumber: '处分退学时填写寄送监护人书面告知的挂号信单号',
      investigationRecord: '处分退学时填写',
      noticeRecord: '处分退学时填写',
      hearingRecord: '处分退学时填写',
      incomingName: '转学（转入）时填写',
      incomingNationalId: '转学（转入）时填写',
      incomingPreviousSchool: '转学（转入）时填写',
      documents: '病历、证明、申请书扫描件等；休学申请至少上传一份',
    },
    readOnly: STATUS_CHANGE_WORKFLOW_FIELDS,
  },
  'api::approval-chain.approval-chain': {
    mainField: 'name',
    defaultSortBy: 'name',
    labels: { name: '流程名称', subject: '适用事项', tier: '层级', subType: '适用子类别', changeType: '适用异动类别', active: '启用', steps: '审批步骤' },
    list: ['name', 'subject', 'tier', 'changeType', 'active'],
    edit: [[['name', 6], ['subject', 6]], [['tier', 6], ['changeType', 6]], [['active', 6]], [['steps', 12]]],
    descriptions: {
      changeType: '留空则适用于该层级的所有异动类别；为某一类别单独设置的流程优先',
      active: '同一事项、层级和类别只能启用一个流程',
      steps: '按顺序逐步审批；已提交的申请沿用提交时的步骤',
    },
  },
  'approval.chain-step': {
    mainField: 'label',
    defaultSortBy: 'label',
    labels: { label: '步骤名称', unit: '审批单位', offices: '审批部门（多个）', deadlineDays: '办理期限（工作日）' },
    list: ['label', 'unit', 'deadlineDays'],
    edit: [[['label', 6], ['unit', 6]], [['deadlineDays', 6]], [['offices', 12]]],
    descriptions: {
      unit: '某职能部门：该部门成员审批；多个职能部门：下方列出的任一部门成员均可审批；学生所在系部：申请所属系部的成员审批；学生本人确认：由学生本人确认',
      offices: '仅当审批单位为“多个职能部门”时填写',
    },
  },
  'approval.step-office': {
    // The office's name, filled in when the chain is saved: the entry's header reads 学生工作处, not its code.
    mainField: 'name',
    defaultSortBy: 'office',
    labels: { office: '职能部门', name: '部门名称' },
    list: ['office'],
    edit: [[['office', 6]]],
  },
  'api::approval-decision.approval-decision': {
    mainField: 'stepLabel',
    defaultSortBy: 'decidedAt',
    defaultSortOrder: 'DESC',
    labels: {
      statusChange: '学籍异动',
      subject: '事项类型',
      subjectDocumentId: '事项编号',
      round: '轮次',
      step: '步骤',
      stepLabel: '步骤名称',
      unit: '审批单位',
      unitName: '单位名称',
      decision: '审批决定',
      comment: '审批意见',
      outcome: '审批结论',
      decidedBy: '审批人账号',
      deciderName: '审批人',
      decidedAt: '审批时间',
    },
    list: ['decidedAt', 'statusChange', 'stepLabel', 'unitName', 'deciderName', 'decision'],
    relationMainFields: { statusChange: 'reason' },
    // The subject columns are the engine's keys; the related request is shown instead.
    edit: [
      [['statusChange', 6], ['decidedAt', 6]],
      [['round', 4], ['step', 4], ['stepLabel', 4]],
      [['unit', 6], ['unitName', 6]],
      [['deciderName', 6], ['decidedBy', 6]],
      [['decision', 6]],
      [['comment', 12]],
      [['outcome', 12]],
    ],
    readOnly: ['statusChange', 'subject', 'subjectDocumentId', 'round', 'step', 'stepLabel', 'unit', 'unitName', 'decision', 'comment', 'outcome', 'decidedBy', 'deciderName', 'decidedAt'],
  },
  'api::status-history.status-history': {
    mainField: 'summary',
    defaultSortBy: 'occurredAt',
    defaultSortOrder: 'DESC',
    labels: {
      student: '学生',
      statusChange: '学籍异动',
      summary: '变动摘要',
      workflow: '变动类别',
      fromStatus: '原学籍状态',
      toStatus: '新学籍状态',
      before: '变动前',
      after: '变动后',
      occurredAt: '变动时间',
    },
    list: ['occurredAt', 'student', 'summary'],
    relationMainFields: { student: 'pickerLabel', statusChange: 'reason' },
    // The stored codes and snapshots are shown in Chinese by the side panel (src/admin/status-history.ts).
    edit: [[['summary', 6], ['occurredAt', 6]], [['student', 6], ['statusChange', 6]]],
    readOnly: ['summary', 'student', 'statusChange', 'workflow', 'fromStatus', 'toStatus', 'before', 'after', 'occurredAt'],
  },
  'api::notification.notification': {
    mainField: 'title',
    defaultSortBy: 'createdAt',
    defaultSortOrder: 'DESC',
    labels: { student: '学生', statusChange: '学籍异动', title: '标题', body: '内容', readAt: '阅读时间', createdAt: '发送时间' },
    list: ['createdAt', 'student', 'title', 'readAt'],
    relationMainFields: { student: 'pickerLabel', statusChange: 'reason' },
    edit: [[['student', 6], ['statusChange', 6]], [['title', 12]], [['body', 12]], [['readAt', 6]]],
    readOnly: ['student', 'statusChange', 'title', 'body', 'readAt'],
  },
  'api::school-setting.school-setting': {
    // A single type: with `id` as main field the title is the type's name, 学校设置.
    mainField: 'id',
    defaultSortBy: 'id',
    labels: {
      majorChangeMinAverage: '转专业最低平均成绩',
      majorChangeTopPercent: '转专业专业排名前百分比',
      majorChangeFirstYearOnly: '仅限一年级学生转专业',
      majorChangeWindowStart: '转专业申请开始日期（月-日）',
      majorChangeWindowEnd: '转专业申请截止日期（月-日）',
      majorChangeMaxTimes: '转专业次数上限',
      illnessSuspensionMaxMonths: '因病休学每次最长月数',
      personalSuspensionMaxMonths: '因事休学每次最长月数',
      maxSuspensions: '休学次数上限',
      maxSuspensionMonths: '休学累计最长月数',
      importantSuspensionOverMonths: '重要异动的休学月数界限',
      transferOutWithinMonths: '入学后可申请转学的月数',
      enrolmentDay: '新生入学日期（月-日）',
      schoolProvince: '学校所在省份',
      renumberOnMajorChange: '转专业后重新编排学号',
      integrityGoodForExcellent: '诚信优秀所需优良记录数',
      integrityBadForPoor: '诚信较差的不良记录数',
      integrityCommitmentVersion: '诚信承诺书版本',
      integrityAgreementVersion: '服务协议版本',
    },
    list: ['schoolProvince', 'majorChangeMinAverage', 'majorChangeTopPercent'],
    edit: [
      [['majorChangeMinAverage', 6], ['majorChangeTopPercent', 6]],
      [['majorChangeFirstYearOnly', 6], ['majorChangeMaxTimes', 6]],
      [['majorChangeWindowStart', 6], ['majorChangeWindowEnd', 6]],
      [['illnessSuspensionMaxMonths', 6], ['personalSuspensionMaxMonths', 6]],
      [['maxSuspensions', 6], ['maxSuspensionMonths', 6]],
      [['importantSuspensionOverMonths', 6], ['transferOutWithinMonths', 6]],
      [['enrolmentDay', 6], ['schoolProvince', 6]],
      [['renumberOnMajorChange', 6]],
      [['integrityGoodForExcellent', 6], ['integrityBadForPoor', 6]],
      [['integrityCommitmentVersion', 6], ['integrityAgreementVersion', 6]],
    ],
    descriptions: {
      majorChangeMinAverage: '平均成绩达到此分数即符合转专业条件',
      majorChangeTopPercent: '或专业排名在前百分之几以内，例如 30',
      majorChangeWindowStart: '每年受理转专业申请的起始日，如 03-01',
      majorChangeWindowEnd: '每年受理转专业申请的截止日，如 06-30',
      importantSuspensionOverMonths: '休学超过此月数为重要异动，否则为一般异动',
      enrolmentDay: '如 09-01',
      schoolProvince: '转入学校在其他省份的转学为特殊异动',
      integrityGoodForExcellent: '没有有效不良记录、优良记录达到此数为“诚信优秀”（第二十条）',
      integrityBadForPoor: '有效不良记录达到此数为“诚信较差”，少于此数为“诚信一般”',
      integrityCommitmentVersion: '学生签署的诚信承诺书文本版本；更新后学生须重新签署',
    },
  },
};

/** Bumped when VIEW_SETTINGS change, so that the new settings reach existing databases once. */
export const VIEW_SETTINGS_VERSION = 18;
