/**
 * How a custom route is described in the OpenAPI document: its answers and errors, the shared
 * parameters and tags, and the routes every approval subject mounts (one per workflow action,
 * batch decisions, the timeline). ./paths and ./registration-paths describe the routes with these.
 */
import { WORKFLOW_ACTIONS } from '../domain/approval-vocabulary';
import { ref } from './schemas';

const ERRORS: Record<number, string> = {
  400: '输入有误：error.details.errors[].path 指出字段 (ValidationError naming the field)',
  401: '未登录或令牌无效 (no valid JWT or API token)',
  403: '角色或范围不允许，什么也没写 (forbidden; nothing written)',
  404: '记录不存在，或不在调用者的范围内 (not found, or outside the caller\'s scope)',
  409: '状态已变化：另一人刚刚处理，或 step 不是当前步骤 (the request moved on)',
  413: '请求体超过服务器上限 (request body over the server\'s limit)',
  422: '同一 Idempotency-Key 用于另一请求体或路由 (Idempotency-Key reused for another request)',
  429: '次数超限，见 Retry-After (rate limited; see Retry-After)',
};

/** Tags of routes that are not one content type's (a type's own routes use its singular name, shown in Chinese). */
export const TAGS = {
  print: '打印与导出 (print and export)',
  auth: '登录 (auth)',
  me: '学生本人 (me)',
  workflow: '学籍异动审批 (status-change workflow)',
  documents: '学籍异动证明材料 (status-change documents)',
};

export const json = (schema: unknown) => ({ 'application/json': { schema } });
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Operation {
  tag: string;
  summary: string;
  description?: string;
  status?: number;
  ok: unknown;
  okContent?: Record<string, unknown>;
  errors: number[];
  body?: unknown;
  multipart?: unknown;
  query?: unknown[];
  idempotent?: boolean;
  isPublic?: boolean;
}

export const DOCUMENT_ID = { name: 'documentId', in: 'path', required: true, description: '记录的 documentId', schema: { type: 'string' } };
const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: '1 至 255 个可见 ASCII 字符（如 UUID）：同一请求再次发送时返回首次的答复（响应头 Idempotent-Replayed: true），不重复执行',
  schema: { type: 'string', maxLength: 255 },
};

const REPLAYED = { description: '`true`：这是同一 Idempotency-Key 首次请求的答复，本次什么也没做 (a replayed answer)', schema: { type: 'string', enum: ['true'] } };
const RETRY_AFTER = { description: '多少秒后可再试 (seconds to wait)', schema: { type: 'integer' } };

export function operation(op: Operation, pathParams: unknown[] = []) {
  const status = op.status ?? 200;
  const errors = op.isPublic ? op.errors : [...new Set([...op.errors, 401, 403])].sort();
  return {
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.isPublic ? { security: [] } : {}),
    parameters: [...pathParams, ...(op.query ?? []), ...(op.idempotent ? [IDEMPOTENCY_KEY] : [])],
    ...(op.body ? { requestBody: { required: true, content: json(op.body) } } : {}),
    ...(op.multipart ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: op.multipart } } } } : {}),
    responses: {
      [status]: { description: 'OK', content: op.okContent ?? json(op.ok), ...(op.idempotent ? { headers: { 'Idempotent-Replayed': REPLAYED } } : {}) },
      ...Object.fromEntries(
        errors.map((code) => [code, { description: ERRORS[code], content: json(ref(code === 400 ? 'ValidationError' : 'Error')), ...(code === 429 ? { headers: { 'Retry-After': RETRY_AFTER } } : {}) }]),
      ),
    },
  };
}

const ACTION_SUMMARY: Record<string, string> = {
  submit: '提交审批 (submit a draft)',
  resubmit: '退回后重新提交，新一轮从第一步开始 (resubmit a returned request)',
  withdraw: '撤回 (withdraw: draft, submitted or returned)',
  approve: '同意当前步骤；最后一步同意即生效 (approve the current step)',
  reject: '不同意，申请结束；须填写意见 (reject; comment required)',
  return: '退回修改；须填写意见 (return for revision; comment required)',
};

export interface WorkflowSubject {
  /** The subject's collection path ('/status-changes'). */
  base: string;
  tag: string;
  /** Who files and who decides, and the GraphQL names. */
  description: string;
  body: unknown;
  envelope: unknown;
}

export function workflowPaths(subject: WorkflowSubject) {
  return Object.fromEntries(
    WORKFLOW_ACTIONS.map((action) => [
      `${subject.base}/{documentId}/${action}`,
      {
        post: operation(
          { tag: subject.tag, summary: ACTION_SUMMARY[action], description: subject.description, body: subject.body, ok: subject.envelope, errors: [400, 404, 409, 422], idempotent: true },
          [DOCUMENT_ID],
        ),
      },
    ]),
  );
}


/** The batch decisions and the timeline of an approval subject. */
export function decisionAndTimelinePaths(subject: WorkflowSubject, graphql: { decide: string; timeline: string }) {
  return {
    [`${subject.base}/decisions`]: {
      post: operation({
        tag: subject.tag, summary: '批量决定：每项各自一个事务，逐项答复 (batch decisions, answered per request)',
        description: `每项与单个路由的结果相同（每项可自带 comment、step${subject.base === '/integrity-appeals' ? '、outcome' : ''}）；格式有误（400）或角色无此操作（403）则一项也不处理。不接受 Idempotency-Key：再次发送时已决定的各项逐项被拒（409 或 403）。GraphQL：${graphql.decide}。`,
        body: ref('BatchDecisionRequest'), ok: ref('BatchDecisionResponse'), errors: [400],
      }),
    },
    [`${subject.base}/{documentId}/timeline`]: {
      get: operation(
        {
          tag: subject.tag, summary: '流程、各轮决定、调用者此刻可用的操作 (chain, decisions and the caller\'s allowed actions)',
          description: `能查看该申请者可读；范围外 404。GraphQL：${graphql.timeline}。`, ok: ref('ApprovalTimeline'), errors: [404],
        },
        [DOCUMENT_ID],
      ),
    },
  };
}
