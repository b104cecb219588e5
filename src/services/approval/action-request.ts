/** The body of a workflow action, checked once at the edge: an optional comment and step. */
import { z } from 'zod';
import type { WorkflowAction } from '../../domain/status-change';
import { fieldError } from '../field-error';

export const COMMENT_MAX_LENGTH = 2000;

const COMMENT_MESSAGE = `comment 须为不超过 ${COMMENT_MAX_LENGTH} 字的文字 (comment must be text of at most ${COMMENT_MAX_LENGTH} characters)`;
const REQUIRED_MESSAGE = '不同意或退回时须填写意见 (comment is required to reject or return)';
const STEP_MESSAGE = 'step 须为正整数，即您看到的当前步骤 (step must be the positive step number you saw)';

const bodySchema = z
  .object({
    comment: z.string({ error: COMMENT_MESSAGE }).trim().max(COMMENT_MAX_LENGTH, { error: COMMENT_MESSAGE }).nullable().optional(),
    step: z.number({ error: STEP_MESSAGE }).int({ error: STEP_MESSAGE }).min(1, { error: STEP_MESSAGE }).optional(),
  })
  .strict();

export interface ActionBody {
  comment: string | null;
  step?: number;
}

/** The action's comment and step; a 400 naming the field otherwise. */
export function parseActionBody(action: WorkflowAction, body: unknown): ActionBody {
  const parsed = bodySchema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.code === 'unrecognized_keys' ? String(issue.keys[0]) : String(issue.path[0] ?? 'comment');
    throw fieldError(field, field === 'step' ? STEP_MESSAGE : field === 'comment' ? COMMENT_MESSAGE : `未知字段 ${field} (unknown field ${field})`);
  }
  const comment = parsed.data.comment ? parsed.data.comment : null;
  if ((action === 'reject' || action === 'return') && !comment) throw fieldError('comment', REQUIRED_MESSAGE);
  return { comment, step: parsed.data.step };
}
