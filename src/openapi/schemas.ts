import { DECISION_ACTIONS } from '../domain/approval-vocabulary';
import { CHANGE_TYPES } from '../domain/status-change';
import { INDICATORS, RECORD_KINDS, RECORD_STATES, SELF_ENTRY_CATEGORIES, SELF_ENTRY_REVIEWS, SUMMARY_LEVELS, THIRD_PARTY_CATEGORIES, VERSION_EVENTS, ARCHIVE_STATES } from '../domain/integrity';
import { PERSONAL_FIELDS } from '../services/personal-data';
import { CHECK_PURPOSES, MAX_CHECKS } from '../services/integrity/summary';

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
      subject: string('status-change、integrity-appeal、integrity-amendment'), subjectLabel: string(), uid: string(), documentId: string(), state: string(), round: { type: 'integer' },
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
    RevealRequest: object({
      fields: { ...list({ type: 'string', enum: [...PERSONAL_FIELDS] }), minItems: 1 },
      reason: string('查看理由（记入审计日志）'),
    }, ['fields', 'reason']),
    RevealResponse: object({ data: object({ documentId: string(), nationalId: string(), phone: nullable(string()), homeAddress: nullable(string()) }, ['documentId']) }, ['data']),
    OwnRecord: object({ data: { type: 'object', description: '本人的学籍，个人信息为明文' } }, ['data']),
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
    IntegrityRecordTimeline: object({ data: object({
      documentId: string(), state: enumOf(RECORD_STATES), stateLabel: string(), version: integer(),
      versions: list(object({
        version: integer(), event: enumOf(VERSION_EVENTS), eventLabel: string(), state: enumOf(RECORD_STATES), stateLabel: string(),
        content: object({}, [], '这一版本的记录内容'), reason: nullable(string()), actor: nullable(string('经办部门与人；学生看到的为 null')), at: string(),
      }, ['version', 'event', 'eventLabel', 'state', 'stateLabel', 'content', 'at'])),
    }, ['documentId', 'state', 'stateLabel', 'version', 'versions']) }, ['data']),
  };
}
