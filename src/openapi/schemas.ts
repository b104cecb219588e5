import { CHANGE_TYPES } from '../domain/status-change';
import { INDICATORS, RECORD_KINDS, RECORD_STATES, SELF_ENTRY_CATEGORIES, SELF_ENTRY_REVIEWS, SUMMARY_LEVELS, THIRD_PARTY_CATEGORIES, VERSION_EVENTS, ARCHIVE_STATES } from '../domain/integrity';
import { CONDITION_CODES, REGISTRATION_STATES } from '../domain/registration';
import { DECISION_ACTIONS, REQUEST_STATES } from '../domain/approval-vocabulary';
import { DOCUMENT_KINDS } from '../api/registration/services/documents';
import { PERSONAL_FIELDS } from '../services/personal-data';
import { CHECK_PURPOSES, MAX_CHECKS } from '../services/integrity/summary';
import { ARCHIVE_STATES as STUDENT_ARCHIVE_STATES } from '../domain/student-archive';

/**
 * Schemas shared by the custom routes' descriptions (./paths). Field names are the API's own;
 * descriptions in Chinese. `Error` replaces the plugin's loose one with what every error carries.
 */

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const string = (description?: string) => ({ type: 'string', ...(description ? { description } : {}) });
const nullable = (schema: Record<string, unknown>) => ({ ...schema, nullable: true });
const object = (properties: Record<string, unknown>, required: string[] = [], description?: string) => ({
  type: 'object',
  ...(description ? { description } : {}),
  ...(required.length > 0 ? { required } : {}),
  properties,
});
const list = (items: Record<string, unknown>) => ({ type: 'array', items });

const ERROR = object(
  {
    data: nullable({ type: 'object' }),
    error: object(
      { status: { type: 'integer' }, name: string('ValidationError, ForbiddenError, NotFoundError, UnauthorizedError...'), message: string('中文说明'), details: { type: 'object' } },
      ['status', 'name', 'message'],
    ),
  },
  ['error'],
  '所有错误的形状 (every error)',
);

const VALIDATION_ERROR = object(
  {
    data: nullable({ type: 'object' }),
    error: object(
      {
        status: { type: 'integer', enum: [400] },
        name: string('ValidationError'),
        message: string(),
        details: object(
          {
            errors: list(object({ path: list({ oneOf: [{ type: 'string' }, { type: 'integer' }] }), message: string(), name: string() }, ['path', 'message'])),
          },
          ['errors'],
        ),
      },
      ['status', 'name', 'message', 'details'],
    ),
  },
  ['error'],
  '400：输入有误，`error.details.errors[].path` 指出字段，如 `["comment"]`、`["data", 3, "nationalId"]`',
);

const STEP = object({ number: { type: 'integer' }, unit: string('审批单位：department、academic-affairs、offices...'), offices: list(string()), label: string(), deadlineDays: { type: 'integer' } });

const DECISION = object({
  round: { type: 'integer' }, step: { type: 'integer' }, stepLabel: nullable(string()), unit: string(), unitName: nullable(string()),
  decision: string('approve、reject、return'), comment: nullable(string()), decidedBy: nullable(string()), deciderName: nullable(string()),
  decidedAt: string(), outcome: nullable({ type: 'object' }),
});

const MY_REQUEST = object({
  documentId: string(), type: string(), state: string(), tier: nullable(string()), reason: nullable(string()), currentStep: nullable({ type: 'integer' }),
  currentStepDue: nullable(string()), round: nullable({ type: 'integer' }), semester: nullable(string()), submittedAt: nullable(string()),
  decidedAt: nullable(string()), createdAt: string(), updatedAt: string(),
}, ['documentId', 'type', 'state']);

const enumOf = (values: readonly string[], description?: string) => ({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
const integer = (description?: string) => ({ type: 'integer', ...(description ? { description } : {}) });
const DATE = string('YYYY-MM-DD');

/** The summary of 第二十条, as GET /integrity-archives/{documentId}/summary and GET /me/integrity answer it. */
const SUMMARY_FIELDS = {
  level: enumOf(SUMMARY_LEVELS, '诚信等级：excellent 优秀、good 良好、fair 一般、poor 较差'),
  levelLabel: string('等级的中文名'),
  good: integer('优良记录数（未撤销、未修定）'),
  standingBad: integer('有效的不良记录数（已认定、未撤销、未修定；申诉中的仍计入）'),
  openAppeals: integer('申诉中的记录数'),
  byIndicator: list(object({ indicator: enumOf(INDICATORS), label: string(), good: integer(), standingBad: integer() }, ['indicator', 'label', 'good', 'standingBad'])),
  clear: { type: 'boolean', description: '无未解决的不良记录（评优、资助、就业推荐、注册共用此规则）' },
  reasons: list(string('不通过的原因，每个有不良记录的指标一行')),
  thresholds: object({ goodForExcellent: integer(), badForPoor: integer() }, ['goodForExcellent', 'badForPoor'], '等级阈值（学校设置）'),
};
const SUMMARY_REQUIRED = ['level', 'levelLabel', 'good', 'standingBad', 'openAppeals', 'byIndicator', 'clear', 'reasons', 'thresholds'];

const SIGNATURE = object({
  version: nullable(string('已签署的版本')), signedAt: nullable(string()), currentVersion: string('当前版本'), needsSigning: { type: 'boolean', description: '尚未签署当前版本' },
}, ['version', 'signedAt', 'currentVersion', 'needsSigning']);

const RECORD_REF = nullable(object({ documentId: string(), title: nullable(string()) }, ['documentId']));

const SELF_ENTRY_FIELDS = {
  category: enumOf(SELF_ENTRY_CATEGORIES, 'education 学历、training 培训、position 任职、practice 实践与实习、work-study 勤工助学、work 工作经历、certificate 证书'),
  title: { type: 'string', maxLength: 255 }, organisation: string('单位或机构'), startedOn: DATE, endedOn: string('YYYY-MM-DD，不早于 startedOn'), description: string(),
};

/** This semester's registration of a student, as GET /students/{documentId}/registration and GET /me answer it. */
const REGISTRATION_STATUS = object({
  semester: nullable(string('当前学期代码，如 2026-2027-1；尚无学期时为 null')),
  documentId: nullable(string('本学期注册的 documentId；本学期无须注册或尚未开放注册时为 null')),
  state: nullable(enumOf(REGISTRATION_STATES, 'expected 待注册、submitted 待系部审核、department-reviewed 待教务处审核、approved 待学生确认、registered 已注册、returned 已退回、deferred 已准延期、missed 未注册')),
  stateLabel: string('状态的中文名，或说明为何没有注册记录'),
  registered: { type: 'boolean', description: '本学期已注册；未注册的学生不能选课、参加考试' },
  deadline: nullable(string('本人的注册截止日 YYYY-MM-DD（准予延期的为延期后的日期）')),
  deferredUntil: nullable(string('准予延期至 YYYY-MM-DD')),
  registeredAt: nullable(string('确认注册的时间')),
}, ['semester', 'documentId', 'state', 'stateLabel', 'registered', 'deadline', 'deferredUntil', 'registeredAt'], '本学期的注册状态（学期、注册的 documentId 与截止日；尚无学期或本学期无注册记录时相应字段为 null）');

const FILE = object({ id: integer(), name: string(), mime: string(), size: { type: 'number' }, url: string('下载地址（本路由之外不可读）') }, ['id', 'name', 'mime']);
const SEMESTER_REF = object({ documentId: string(), code: string(), startDate: DATE, endDate: DATE }, ['code']);

const MY_REGISTRATION = object({
  documentId: string(),
  semester: nullable(SEMESTER_REF),
  state: enumOf(REGISTRATION_STATES), stateLabel: string(),
  workflowState: enumOf(REQUEST_STATES, '审批流程的状态：draft 未提交、submitted 审核中、returned 已退回、approved 已注册'),
  newStudent: { type: 'boolean', description: '新生（须健康检查）' }, healthChanged: { type: 'boolean', description: '本人申报健康状况有变动（须健康检查）' },
  note: nullable(string('本人的说明')), requestedDocuments: nullable(string('教务处要求补充的材料')),
  conditions: list(object({ code: enumOf(CONDITION_CODES, 'fees 缴费、integrity 无未处理的不良记录、health 健康检查'), ok: { type: 'boolean' }, reason: string('结果的原因'), label: string() }, ['code', 'ok', 'reason'])),
  conditionsMet: nullable({ type: 'boolean', description: '提交时与每次审核时判定；未提交为 null' }),
  windowCloses: DATE, deadline: string('本人的截止日 YYYY-MM-DD（延期或补办后改变）'), deferredUntil: nullable(DATE),
  overdue: { type: 'boolean', description: '逾期未注册（未获延期）' }, late: { type: 'boolean', description: '逾期后经教务处准予补办' },
  currentStep: nullable(integer()), currentStepDue: nullable(DATE),
  submittedAt: nullable(string()), registeredAt: nullable(string()), missedAt: nullable(string()),
  feeProof: list(FILE), healthCertificate: list(FILE), otherDocuments: list(FILE),
}, ['documentId', 'state', 'stateLabel', 'workflowState', 'conditions', 'deadline', 'feeProof', 'healthCertificate', 'otherDocuments']);

const MY_DEFERRAL = object({
  documentId: string(), reason: string(), requestedUntil: DATE, state: enumOf(REQUEST_STATES),
  currentStep: nullable(integer()), currentStepDue: nullable(DATE), submittedAt: nullable(string()), decidedAt: nullable(string()),
  semester: nullable(object({ code: string(), startDate: DATE, endDate: DATE }, ['code'])),
  documents: nullable(list(FILE)),
}, ['documentId', 'reason', 'requestedUntil', 'state']);

const DEFERRED = object({
  total: integer('延期合计（已办延期 + 逾期未注册）'), applied: integer('已办延期'), overdue: integer('逾期未注册（未获延期）'),
  registeredLater: integer('逾期后补办注册'), left: integer('最终未注册（视为离校）'),
}, ['total', 'applied', 'overdue', 'registeredLater', 'left']);
const REPORT_FIGURES = {
  expected: integer('应注册'), registered: integer('按时注册（窗口内，未延期、未补办）'), registeredTotal: integer('已注册（合计）'),
  onTimeRate: nullable({ type: 'number', description: '按时注册率（%，一位小数）；应注册为 0 时为 null' }),
  deferred: DEFERRED, neverRegistered: integer('从未注册'), pending: integer('办理中（审核中、已退回或尚未提交）'),
};
const REPORT_REQUIRED = ['expected', 'registered', 'registeredTotal', 'onTimeRate', 'deferred', 'neverRegistered', 'pending'];

export function sharedSchemas(): Record<string, unknown> {
  return {
    Error: ERROR,
    ValidationError: VALIDATION_ERROR,
    WorkflowActionRequest: object(
      {
        comment: nullable(string('意见，至多 2000 字；reject、return 必填')),
        step: { type: 'integer', minimum: 1, description: '操作者看到的当前步骤；已变化则 409' },
        outcome: { type: 'object', description: '仅部分审批对象的决定携带（学籍异动不带）' },
      },
      [],
      '工作流操作的请求体（均可省略）',
    ),
    StatusChangeEnvelope: object({ data: ref('StatusChange') }, ['data'], '操作后的申请，按调用者可见的字段'),
    ApprovalTimeline: object({ data: object({
      subject: string('status-change、integrity-appeal、integrity-amendment、registration、registration-deferral'), subjectLabel: string(), uid: string(), documentId: string(), state: string(), round: { type: 'integer' },
      currentStep: nullable({ type: 'integer' }), currentStepDue: nullable(string('YYYY-MM-DD')), steps: list(STEP), decisions: list(DECISION),
      allowedActions: list(string('submit、resubmit、withdraw、approve、reject、return')),
    }, ['state', 'steps', 'decisions', 'allowedActions']) }, ['data']),
    BatchDecisionRequest: object({
      action: { type: 'string', enum: [...DECISION_ACTIONS] },
      comment: string('每项未自带意见时使用'),
      items: { ...list(object({ documentId: string(), step: { type: 'integer' }, comment: string() }, ['documentId'])), minItems: 1, maxItems: 200 },
    }, ['action', 'items']),
    BatchDecisionResponse: object({
      data: list(object({ documentId: string(), ok: { type: 'boolean' }, state: string('ok 时：决定后的状态'), status: { type: 'integer', description: '未处理时：404、409、400、403' }, error: object({ name: string(), message: string(), details: { type: 'object' } }, ['name', 'message'], '未处理时：与单个路由答复中的 error 相同') }, ['documentId', 'ok'])),
      meta: object({ decided: { type: 'integer' }, refused: { type: 'integer' } }, ['decided', 'refused']),
    }, ['data', 'meta']),
    InboxResponse: object({ data: list(object({
      subject: string(), subjectLabel: string(), uid: string(), documentId: string(), type: nullable(string()), student: nullable(string('学生姓名')),
      department: nullable(string('系部名称')), step: nullable({ type: 'integer' }), stepLabel: nullable(string()), unit: string(),
      due: nullable(string('YYYY-MM-DD')), overdue: { type: 'boolean' }, submittedAt: nullable(string()),
    }, ['subject', 'documentId', 'overdue'])) }, ['data']),
    StatusChangeReport: object({
      data: list(object({ semester: nullable(string()), department: nullable(object({ id: { type: 'integer' }, name: string(), code: string() })), type: string(), count: { type: 'integer' } }, ['type', 'count'])),
      meta: object({ semester: nullable(string()), state: string(), byType: { type: 'object', additionalProperties: { type: 'integer' } }, total: { type: 'integer' } }, ['state', 'byType', 'total']),
    }, ['data', 'meta']),
    StoredDocuments: object({ data: list(object({ id: { type: 'integer' }, name: string(), mime: string(), size: { type: 'number' } }, ['id', 'name', 'mime'])) }, ['data']),
    AdmissionRequest: object({ data: { ...list(ref('StudentRequest/properties/data')), minItems: 1, maxItems: 5000 } }, ['data']),
    AdmissionResponse: object({ data: list({ type: 'object' }), meta: object({ count: { type: 'integer' } }, ['count']) }, ['data', 'meta']),
    ThirdPartyImportResponse: object({
      data: list(object({ documentId: string(), row: { type: 'integer', description: '表格中的行号' } }, ['documentId', 'row'])),
      meta: object({ count: { type: 'integer' }, importBatch: string('本次导入的批次号，记在每条记录上'), importedAt: string() }, ['count', 'importBatch', 'importedAt']),
    }, ['data', 'meta']),
    FeeImportResponse: object({
      data: list(object({ documentId: string(), row: { type: 'integer', description: '表格中的行号' }, created: { type: 'boolean', description: '新建（否则为更新已有的缴费状态）' } }, ['documentId', 'row', 'created'])),
      meta: object({ count: { type: 'integer' }, created: { type: 'integer' }, updated: { type: 'integer' }, semester: string() }, ['count', 'created', 'updated', 'semester']),
    }, ['data', 'meta']),
    RevealRequest: object({
      fields: { ...list({ type: 'string', enum: [...PERSONAL_FIELDS] }), minItems: 1 },
      reason: string('查看理由（记入审计日志）'),
    }, ['fields', 'reason']),
    RevealResponse: object({ data: object({ documentId: string(), nationalId: string(), phone: nullable(string()), homeAddress: nullable(string()) }, ['documentId']) }, ['data']),
    OwnRecord: object({ data: object({ registration: REGISTRATION_STATUS }, ['registration'], '本人的学籍，个人信息为明文；registration 为本学期的注册状态') }, ['data']),
    MyStatusChanges: object({ data: list(MY_REQUEST) }, ['data']),
    MyStatusChange: object({ data: MY_REQUEST }, ['data']),
    MyStatusChangeRequest: object({ data: object({
      type: { type: 'string', enum: CHANGE_TYPES.filter((type) => type !== 'transfer-in') }, reason: string(), targetMajor: string(), targetClass: string(),
      suspensionCause: string(), suspensionStart: string('YYYY-MM-DD'), suspensionEnd: string('YYYY-MM-DD'), receivingSchool: string(), receivingProvince: string(),
      provincialApproval: { type: 'boolean' }, withdrawalKind: string(), studentSigned: { type: 'boolean' }, guardianSigned: { type: 'boolean' },
    }, ['type']) }, ['data']),
    MyNotifications: object({ data: list(object({ documentId: string(), title: string(), body: nullable(string()), readAt: nullable(string()), createdAt: string(), statusChange: nullable({ type: 'object' }) }, ['documentId', 'title'])) }, ['data']),
    LoginRequest: object({ identifier: string('用户名、邮箱或学号'), password: { type: 'string', format: 'password' } }, ['identifier', 'password']),
    LoginResponse: object({ jwt: string(), user: object({ id: { type: 'integer' }, documentId: string(), username: string(), email: string() }, ['id', 'username']) }, ['jwt', 'user']),
    GraphqlRequest: object({ query: string(), variables: { type: 'object' }, operationName: string() }, ['query']),
    GraphqlResponse: object({ data: nullable({ type: 'object' }), errors: list(object({ message: string(), extensions: { type: 'object' } }, ['message'])) }),
    // The integrity archive (issue 15).
    IntegrityRecordRequest: object({ data: object({
      student: string('学生的 documentId（与 studentNumber 二选一）'),
      studentNumber: string('学号（与 student 二选一；信息来源部门按学号指定学生）'),
      indicator: enumOf(INDICATORS), kind: enumOf(RECORD_KINDS), title: { type: 'string', maxLength: 100 }, description: string(), occurredOn: DATE,
      sourceOffice: string('以哪个部门的名义录入：本人只有一个来源部门时可省略'),
      level: enumOf(['school', 'department'], '由来源决定（系部录入为 department，职能部门为 school），可省略'),
    }, [], '新建时 indicator、kind、title、occurredOn 与 student 或 studentNumber 必填；修改时只带要改的字段（不接受 studentNumber）。录入须符合“诚信信息来源规则”（否则 403）；状态、版本、认定信息等由系统维护（设置则 400）。认定前只有录入部门可更正内容；认定后内容只能经申诉或修定改变（400 指向字段）。') }, ['data']),
    IntegrityAppealRequest: object({ data: object({
      record: string('本人一条已认定的诚信记录的 documentId'), reason: string('申诉理由'),
    }, [], '新建时 record、reason 必填。只有学生本人提出；流程字段由系统维护。草稿或退回时可修改 reason。') }, ['data']),
    IntegrityAmendmentRequest: object({ data: object({
      record: string('本人一条有效不良记录的 documentId'), reason: string('申请修定的理由'), reformEvidence: string('改正的证明'),
    }, [], '新建时 record、reason 必填。只有学生本人申请；流程字段由系统维护。草稿或退回时可修改 reason、reformEvidence。') }, ['data']),
    IntegrityRecordEnvelope: object({ data: ref('IntegrityRecord') }, ['data'], '操作后的记录（含 student、department）'),
    IntegrityAppealEnvelope: object({ data: ref('IntegrityAppeal') }, ['data'], '操作后的申诉'),
    IntegrityAmendmentEnvelope: object({ data: ref('IntegrityAmendment') }, ['data'], '操作后的修定申请'),
    IntegritySelfEntryEnvelope: object({ data: ref('IntegritySelfEntry') }, ['data']),
    IntegrityAppealActionRequest: object(
      {
        comment: nullable(string('理由，至多 2000 字；同意、不同意、退回必填')),
        step: { type: 'integer', minimum: 1, description: '操作者看到的当前步骤；已变化则 409' },
        outcome: object({
          result: enumOf(['modify', 'revoke'], 'modify 修改记录内容，revoke 撤销记录'),
          content: object({ title: string(), description: nullable(string()), occurredOn: DATE, indicator: enumOf(INDICATORS), kind: enumOf(RECORD_KINDS) }, [], 'modify 时的新内容（若干项）'),
        }, ['result'], '只在同意（approve）时给出'),
      },
      [],
      '申诉的操作：同意须带 comment 与 outcome',
    ),
    IntegrityConfirmRequest: object({ comment: nullable({ type: 'string', maxLength: 2000, description: '认定说明，记入新版本' }) }, [], '可省略'),
    IntegritySummaryResponse: object({ data: object({
      archive: object({ documentId: string(), state: enumOf(ARCHIVE_STATES), closedAt: nullable(string()), closedReason: nullable(string('封存原因：学生的学籍状态')) }, ['documentId', 'state']),
      student: object({ studentNumber: string(), name: string() }, ['studentNumber', 'name']),
      ...SUMMARY_FIELDS,
    }, ['archive', 'student', ...SUMMARY_REQUIRED]) }, ['data']),
    IntegrityCheckRequest: object({
      purpose: enumOf(CHECK_PURPOSES, 'award 评优、party-membership 入党、aid 资助、employment 就业推荐、registration 注册、other 其他'),
      studentNumbers: { ...list({ type: 'string', maxLength: 20 }), minItems: 1, maxItems: MAX_CHECKS },
    }, ['purpose', 'studentNumbers']),
    IntegrityCheckResponse: object({
      data: list(object({
        studentNumber: string(), found: { type: 'boolean', description: 'false：学号不存在或不在调用者范围内' }, name: string('found 时'),
        clear: { type: 'boolean', nullable: true, description: 'found 为 false 时为 null' }, reasons: list(string()),
      }, ['studentNumber', 'found', 'clear', 'reasons'])),
      meta: object({ purpose: enumOf(CHECK_PURPOSES), count: integer(), clear: integer(), notClear: integer(), notFound: integer() }, ['purpose', 'count', 'clear', 'notClear', 'notFound']),
    }, ['data', 'meta']),
    MyIntegrity: object({ data: object({
      archive: object({ documentId: string(), state: enumOf(ARCHIVE_STATES), closedAt: nullable(string()), commitment: SIGNATURE, agreement: SIGNATURE }, ['documentId', 'state', 'commitment', 'agreement']),
      summary: object(SUMMARY_FIELDS, SUMMARY_REQUIRED),
      records: list(object({
        documentId: string(), indicator: enumOf(INDICATORS), kind: enumOf(RECORD_KINDS), title: string(), description: nullable(string()), occurredOn: string(),
        sourceOffice: string(), level: enumOf(['school', 'department']), state: enumOf(RECORD_STATES), version: integer(), confirmedAt: nullable(string()), acknowledgedAt: nullable(string()),
      }, ['documentId', 'indicator', 'kind', 'title', 'state'])),
      selfEntries: list(object({
        documentId: string(), category: enumOf(SELF_ENTRY_CATEGORIES), title: string(), organisation: nullable(string()), startedOn: nullable(string()), endedOn: nullable(string()),
        description: nullable(string()), review: enumOf(SELF_ENTRY_REVIEWS), reviewComment: nullable(string()), reviewedAt: nullable(string()),
      }, ['documentId', 'category', 'title', 'review'])),
      appeals: list(object({ documentId: string(), reason: nullable(string()), state: string(), submittedAt: nullable(string()), decidedAt: nullable(string()), effect: nullable({ type: 'object' }), record: RECORD_REF }, ['documentId', 'state'])),
      amendments: list(object({ documentId: string(), reason: nullable(string()), reformEvidence: nullable(string()), state: string(), submittedAt: nullable(string()), decidedAt: nullable(string()), record: RECORD_REF }, ['documentId', 'state'])),
      thirdParty: list(object({ documentId: string(), category: enumOf(THIRD_PARTY_CATEGORIES), agency: nullable(string()), occurredOn: nullable(string()), amount: nullable({ type: 'number' }), overdueDays: nullable(integer()), description: nullable(string()) }, ['documentId', 'category'])),
    }, ['archive', 'summary', 'records', 'selfEntries', 'appeals', 'amendments', 'thirdParty']) }, ['data']),
    IntegritySignRequest: object({ document: enumOf(['commitment', 'agreement'], 'commitment 诚信承诺书，agreement 服务协议'), version: string('当前版本（GET /me/integrity 的 currentVersion）') }, ['document', 'version']),
    IntegritySignResponse: object({ data: object({ document: enumOf(['commitment', 'agreement']), version: string(), signedAt: string() }, ['document', 'version', 'signedAt']) }, ['data']),
    IntegritySelfEntryInput: object({ data: object(SELF_ENTRY_FIELDS, [], '新建时 category 与 title 必填；修改时只带要改的字段') }, ['data']),
    IntegritySelfEntryReview: object({
      result: enumOf(['reviewed', 'returned'], 'reviewed 审核通过，returned 退回'),
      comment: nullable({ type: 'string', maxLength: 500, description: '退回时必填' }),
    }, ['result']),
    // Semester registration (issue 16).
    RegistrationEnvelope: object({ data: ref('Registration') }, ['data'], '操作后的注册（含 student、semester、department、schoolClass）'),
    RegistrationDeferralEnvelope: object({ data: ref('RegistrationDeferral') }, ['data'], '操作后的延期注册申请（含 student、semester、department）'),
    RegistrationOpenRequest: object({ semester: { type: 'string', pattern: '^\\d{4}-\\d{4}-[12]$', description: '学期代码，如 2026-2027-1（须已在“学期”中添加）' } }, ['semester']),
    RegistrationOpenResponse: object({ data: object({
      semester: string(), opens: string('注册开始日 YYYY-MM-DD（开学后第一个工作日）'), closes: string('注册截止日 YYYY-MM-DD（第 N 个工作日，N 为学期设置）'),
      created: integer('本次新建的待注册记录数'), alreadyOpen: integer('此前已有的记录数'),
    }, ['semester', 'opens', 'closes', 'created', 'alreadyOpen']) }, ['data']),
    RegistrationCloseWindowRequest: object({ semester: { type: 'string', pattern: '^\\d{4}-\\d{4}-[12]$', description: '只处理这一学期；省略则处理所有学期' } }, [], '可省略'),
    RegistrationWindowEndResponse: object({ data: object({
      today: string('学校日期 YYYY-MM-DD'), missed: integer('本次记为未注册的人数'),
      proposals: list(string('提请取消学籍的学籍异动申请的 documentId（连续两个学期或累计三个学期未注册）')),
    }, ['today', 'missed', 'proposals']) }, ['data']),
    RegistrationReopenRequest: object({ until: string('补办截止日期 YYYY-MM-DD：今天至今天加延期的最长天数（学校设置，默认 14 天）') }, ['until']),
    RegistrationReport: object({ data: object({
      semester: object({ code: string(), startDate: string(), endDate: string() }, ['code']),
      school: object(REPORT_FIGURES, REPORT_REQUIRED, '全校（调用者范围内）合计'),
      departments: list(object({ department: nullable(object({ id: integer(), name: string(), code: string() })), ...REPORT_FIGURES }, ['department', ...REPORT_REQUIRED])),
    }, ['semester', 'school', 'departments']) }, ['data']),
    UnregisteredStudents: object({
      data: list(object({
        documentId: string('注册的 documentId'), studentNumber: string(), name: string(), department: nullable(string('系部名称')), schoolClass: nullable(string('班级名称')),
        state: enumOf(REGISTRATION_STATES), deadline: string(), deferredUntil: nullable(string()), overdue: { type: 'boolean' },
      }, ['documentId', 'studentNumber', 'name', 'state', 'deadline', 'overdue'])),
      meta: object({ semester: string(), total: integer() }, ['semester', 'total']),
    }, ['data', 'meta']),
    StudentRegistration: object({ data: REGISTRATION_STATUS }, ['data']),
    MyRegistrations: object({ data: list(MY_REGISTRATION) }, ['data']),
    MyRegistration: object({ data: MY_REGISTRATION }, ['data']),
    MyRegistrationUpdate: object({
      healthChanged: { type: 'boolean', description: '健康状况有变动：须上传健康检查证明' },
      note: nullable({ type: 'string', maxLength: 1000, description: '给审核人的说明' }),
    }, [], '只可修改这两项（其他字段 400 指出该字段）；也接受包在 data 中'),
    RegistrationDocumentUpload: object({
      kind: enumOf(Object.keys(DOCUMENT_KINDS), 'fee-proof 缴费凭证或资助证明、health-certificate 健康检查证明、other 教务处要求的其他材料'),
      files: list({ type: 'string', format: 'binary' }),
    }, ['kind', 'files']),
    MyRegistrationDeferrals: object({ data: list(MY_DEFERRAL) }, ['data']),
    MyRegistrationDeferral: object({ data: MY_DEFERRAL }, ['data']),
    MyRegistrationDeferralRequest: object({
      semester: string('学期代码，如 2026-2027-1'), reason: { type: 'string', minLength: 2, maxLength: 2000, description: '不能按时注册的原因' },
      requestedUntil: string('延期至 YYYY-MM-DD：晚于注册截止日，至多截止日后 14 天（学校设置）；提交时检查'),
    }, ['semester', 'reason', 'requestedUntil'], '也接受包在 data 中'),
    // The student archive (issue 17): the first archive's completeness and the custody move.
    ArchiveCompleteness: object({
      data: list(object({
        documentId: string('学籍档案的 documentId'), studentLabel: nullable(string('姓名（学号）· 班级')), studentNumber: nullable(string()), schoolClass: nullable(string('班级名称')),
        department: nullable(object({ documentId: string(), name: string() }, ['documentId', 'name'])),
        enrolledOn: nullable(string('入学日期 YYYY-MM-DD；档案未记时为入学年份第一学期的开学日期')),
        missingKinds: list(string('尚缺的首次建档必备材料种类（名称，按目录顺序）；已被替换的材料不算，其更正件算')),
        complete: { type: 'boolean', description: '必备材料齐全' },
        dueOn: nullable(string('首次建档截止日：入学后第 N 个工作日（学校日历；N 为学校设置，默认 30）')),
        workingDaysLeft: nullable(integer('距截止日的工作日数，负数为已逾期的工作日数；齐全后为 null')),
        overdue: { type: 'boolean', description: '过了截止日仍不齐全' },
        custody: enumOf(['department', 'archive-office'], 'department 系部整理中，archive-office 档案室保管'),
        state: enumOf(STUDENT_ARCHIVE_STATES),
        custodyMoveDueOn: nullable(string('应移交档案室的日期：入学后 1 个月（学校设置）')),
        custodyMovedAt: nullable(string('移交档案室的时间')),
      }, ['documentId', 'missingKinds', 'complete', 'overdue', 'custody', 'state'])),
      meta: object({
        today: string('学校日期 YYYY-MM-DD'),
        pagination: object({ page: integer(), pageSize: integer(), pageCount: integer(), total: integer() }, ['page', 'pageSize', 'pageCount', 'total']),
      }, ['today', 'pagination']),
    }, ['data', 'meta']),
    ArchiveMaterialFiled: object({ data: object({
      documentId: string('材料的 documentId'),
      files: list(object({ id: integer(), name: string(), mime: string(), size: { type: 'number' } }, ['id', 'name', 'mime', 'size'])),
    }, ['documentId', 'files']) }, ['data']),
    ArchiveCustodyBatch: object({ archives: { type: 'array', minItems: 1, maxItems: 5000, items: string('学籍档案的 documentId'), description: '要接收的学籍档案，1 至 5,000 个，不重复' } }, ['archives']),
    ArchiveCustodyMoved: object({ data: object({
      moved: integer('移交的份数'), movedAt: string('移交时间（学校时钟）'),
      archives: list(object({ documentId: string(), custody: enumOf(['archive-office']), state: enumOf(['in-custody']) }, ['documentId', 'custody', 'state'])),
    }, ['moved', 'movedAt', 'archives']) }, ['data']),
    IntegrityRecordTimeline: object({ data: object({
      documentId: string(), state: enumOf(RECORD_STATES), stateLabel: string(), version: integer(),
      versions: list(object({
        version: integer(), event: enumOf(VERSION_EVENTS), eventLabel: string(), state: enumOf(RECORD_STATES), stateLabel: string(),
        content: object({}, [], '这一版本的记录内容'), reason: nullable(string()), actor: nullable(string('经办部门与人；学生看到的为 null')), at: string(),
      }, ['version', 'event', 'eventLabel', 'state', 'stateLabel', 'content', 'at'])),
    }, ['documentId', 'state', 'stateLabel', 'version', 'versions']) }, ['data']),
  };
}
