import { DECISION_ACTIONS } from '../domain/approval-vocabulary';
import { CHANGE_TYPES } from '../domain/status-change';
import { PERSONAL_FIELDS } from '../services/personal-data';

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
      subject: string('status-change'), subjectLabel: string(), uid: string(), documentId: string(), state: string(), round: { type: 'integer' },
      currentStep: nullable({ type: 'integer' }), currentStepDue: nullable(string('YYYY-MM-DD')), steps: list(STEP), decisions: list(DECISION),
      allowedActions: list(string('submit、resubmit、withdraw、approve、reject、return')),
    }, ['state', 'steps', 'decisions', 'allowedActions']) }, ['data']),
    BatchDecisionRequest: object({
      action: { type: 'string', enum: [...DECISION_ACTIONS] },
      comment: string('每项未自带意见时使用'),
      items: { ...list(object({ documentId: string(), step: { type: 'integer' }, comment: string() }, ['documentId'])), minItems: 1, maxItems: 200 },
    }, ['action', 'items']),
    BatchDecisionResponse: object({
      data: list(object({ documentId: string(), ok: { type: 'boolean' }, state: string('ok 时：决定后的状态'), status: { type: 'integer', description: '未处理时：404、409、400、403' }, error: ref('Error') }, ['documentId', 'ok'])),
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
  };
}
