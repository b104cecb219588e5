/**
 * Batch decisions: one call decides many requests of one subject (a department reviewing a whole
 * class's registrations). Each request is decided in its own transaction, exactly as one call
 * would decide it, and the answer says per request what happened: one refusal among many leaves
 * the others decided.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { DECISION_ACTIONS, type RequestState, type WorkflowAction } from '../../domain/approval-vocabulary';
import { fieldError } from '../field-error';
import { parseActionBody } from './action-request';
import { runWorkflowAction, type ApprovalSubject, type SubjectRow } from './engine';
import { Forbidden } from '../forbidden';

export const BATCH_MAX_ITEMS = 200;

const ACTION_MESSAGE = `action 须为 ${DECISION_ACTIONS.join(' / ')} 之一 (action must be one of ${DECISION_ACTIONS.join(', ')})`;
const ITEMS_MESSAGE = `items 须为 1 至 ${BATCH_MAX_ITEMS} 个申请 (items must list 1 to ${BATCH_MAX_ITEMS} requests)`;
const DOCUMENT_ID_MESSAGE = 'documentId 须为申请的 documentId (documentId must be the request\'s documentId)';

const itemSchema = z.object({ documentId: z.string({ error: DOCUMENT_ID_MESSAGE }).trim().min(1, { error: DOCUMENT_ID_MESSAGE }).max(40, { error: DOCUMENT_ID_MESSAGE }) }).passthrough();
const batchSchema = z
  .object({
    action: z.enum(DECISION_ACTIONS as [WorkflowAction, ...WorkflowAction[]], { error: ACTION_MESSAGE }),
    // The comment for every item that brings none of its own.
    comment: z.unknown().optional(),
    items: z.array(itemSchema, { error: ITEMS_MESSAGE }).min(1, { error: ITEMS_MESSAGE }).max(BATCH_MAX_ITEMS, { error: ITEMS_MESSAGE }),
  })
  .strict();

export type BatchResult =
  | { documentId: string; ok: true; state: RequestState }
  | { documentId: string; ok: false; status: number; error: { name: string; message: string; details: unknown } };

/** The HTTP status a client would have seen for this error from the single-request route. */
export function statusOf(error: unknown): number {
  const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 600) return status;
  if (error instanceof errors.NotFoundError) return 404;
  if (error instanceof errors.ForbiddenError) return 403;
  if (error instanceof errors.UnauthorizedError) return 401;
  if (error instanceof errors.ApplicationError) return 400;
  return 500;
}

function failure(strapi: Core.Strapi, documentId: string, error: unknown): BatchResult {
  const status = statusOf(error);
  if (status >= 500) {
    strapi.log.error(`batch decision on ${documentId} failed: ${(error as Error)?.stack ?? String(error)}`);
    return { documentId, ok: false, status, error: { name: 'InternalServerError', message: '内部错误，此申请未作处理 (internal error; this request was left as it was)', details: {} } };
  }
  const { name, message, details } = error as { name?: string; message?: string; details?: unknown };
  return { documentId, ok: false, status, error: { name: name ?? 'Error', message: message ?? '', details: details ?? {} } };
}

function parseBatch(body: unknown): z.infer<typeof batchSchema> {
  const parsed = batchSchema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys') throw fieldError(String(issue.keys[0]), `未知字段 ${String(issue.keys[0])} (unknown field ${String(issue.keys[0])})`);
    const path = issue.path.map((part) => String(part));
    const field = path[0] === 'items' && path.length > 1 ? path : [String(path[0] ?? 'items')];
    throw fieldError(field, field[0] === 'action' ? ACTION_MESSAGE : field.length > 1 ? DOCUMENT_ID_MESSAGE : ITEMS_MESSAGE);
  }
  const seen = new Map<string, number>();
  parsed.data.items.forEach((item, index) => {
    if (seen.has(item.documentId)) throw fieldError(['items', String(index), 'documentId'], `申请 ${item.documentId} 在 items 中出现了两次 (request ${item.documentId} is listed twice)`);
    seen.set(item.documentId, index);
  });
  return parsed.data;
}

/**
 * Decides each listed request in turn, each in its own transaction. `mayUse` is what the caller's
 * role opens (a role without the action is refused as a whole: 403, nothing decided). An item is
 * `{ documentId, comment?, step?, outcome? }`, as the single route's body plus its documentId.
 */
export async function runBatchDecisions<Row extends SubjectRow>(
  strapi: Core.Strapi,
  subject: ApprovalSubject<Row>,
  body: unknown,
  mayUse: (action: WorkflowAction) => boolean,
): Promise<{ data: BatchResult[]; meta: { decided: number; refused: number } }> {
  // Inside an outer transaction the items would share it (no savepoints): one failure would undo or poison the others.
  if (strapi.db.inTransaction()) throw new Error('batch decisions must not run inside a transaction: each request needs its own');
  const batch = parseBatch(body);
  // The batch's own comment is checked once (a bad one would otherwise be N identical refusals).
  if (batch.comment !== undefined) parseActionBody('approve', { comment: batch.comment });
  if (!mayUse(batch.action)) throw new Forbidden('本人的角色没有此项权限 (your role does not allow this)');
  const data: BatchResult[] = [];
  for (const { documentId, ...item } of batch.items) {
    try {
      const input = parseActionBody(batch.action, { ...(batch.comment !== undefined ? { comment: batch.comment } : {}), ...item }, subject.parseOutcome);
      data.push({ documentId, ok: true, state: await runWorkflowAction(strapi, subject, { documentId, action: batch.action, ...input }) });
    } catch (error) {
      data.push(failure(strapi, documentId, error));
    }
  }
  const decided = data.filter((result) => result.ok).length;
  return { data, meta: { decided, refused: data.length - decided } };
}
