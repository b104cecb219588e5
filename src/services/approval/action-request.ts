/**
 * The body of a workflow action, checked once at the edge: an optional comment, the step the
 * decider saw, and, for subjects whose decisions carry one, the outcome (validated by the subject).
 */
import { z } from 'zod';
import type { WorkflowAction } from '../../domain/approval-vocabulary';
import { fieldError } from '../field-error';

export const COMMENT_MAX_LENGTH = 2000;

const COMMENT_MESSAGE = `comment 须为不超过 ${COMMENT_MAX_LENGTH} 字的文字 (comment must be text of at most ${COMMENT_MAX_LENGTH} characters)`;
const REQUIRED_MESSAGE = '不同意或退回时须填写意见 (comment is required to reject or return)';
const STEP_MESSAGE = 'step 须为正整数，即您看到的当前步骤 (step must be the positive step number you saw)';
const NO_OUTCOME_MESSAGE = '此类申请的审批不带 outcome (decisions on this kind of request carry no outcome)';

const bodySchema = z
  .object({
    comment: z.string({ error: COMMENT_MESSAGE }).trim().max(COMMENT_MAX_LENGTH, { error: COMMENT_MESSAGE }).nullable().optional(),
    step: z.number({ error: STEP_MESSAGE }).int({ error: STEP_MESSAGE }).min(1, { error: STEP_MESSAGE }).optional(),
    outcome: z.unknown().optional(),
  })
  .strict();

/**
 * What a subject's decision carries besides the comment: given the action and the body's
 * `outcome` (undefined when absent), the validated payload to record with the decision, or null.
 * It throws a 400 naming `outcome.<field>` for a bad one (an appeal's approval without a result).
 */
export type OutcomeParser = (action: WorkflowAction, outcome: unknown, comment: string | null) => Record<string, unknown> | null;

export interface ActionBody {
  comment: string | null;
  step?: number;
  outcome: Record<string, unknown> | null;
}

/** The action's comment, step and outcome; a 400 naming the field otherwise. */
export function parseActionBody(action: WorkflowAction, body: unknown, parseOutcome?: OutcomeParser): ActionBody {
  const parsed = bodySchema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.code === 'unrecognized_keys' ? String(issue.keys[0]) : String(issue.path[0] ?? 'comment');
    throw fieldError(field, field === 'step' ? STEP_MESSAGE : field === 'comment' ? COMMENT_MESSAGE : `未知字段 ${field} (unknown field ${field})`);
  }
  const comment = parsed.data.comment ? parsed.data.comment : null;
  if ((action === 'reject' || action === 'return') && !comment) throw fieldError('comment', REQUIRED_MESSAGE);
  if (!parseOutcome && parsed.data.outcome !== undefined) throw fieldError('outcome', NO_OUTCOME_MESSAGE);
  const outcome = parseOutcome ? parseOutcome(action, parsed.data.outcome, comment) : null;
  return { comment, step: parsed.data.step, outcome };
}
