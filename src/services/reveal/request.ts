/** The body of a reveal request, checked once at the edge: which fields, and why. */
import { z } from 'zod';
import { fieldError } from '../field-error';
import { PERSONAL_FIELDS, type PersonalField } from '../personal-data';
import { REVEAL_REASON_MAX_LENGTH, REVEAL_REASON_MIN_LENGTH } from './constants';

export interface RevealRequest {
  fields: PersonalField[];
  reason: string;
}

const FIELDS_MESSAGE = `fields 须为以下字段名的非空列表：${PERSONAL_FIELDS.join(', ')} (fields must be a non-empty list of ${PERSONAL_FIELDS.join(', ')})`;
const REASON_MESSAGE = `须填写查看理由，${REVEAL_REASON_MIN_LENGTH} 至 ${REVEAL_REASON_MAX_LENGTH} 字 (reason is required: ${REVEAL_REASON_MIN_LENGTH} to ${REVEAL_REASON_MAX_LENGTH} characters)`;

const revealSchema = z.object({
  fields: z.array(z.enum(PERSONAL_FIELDS, { error: FIELDS_MESSAGE }), { error: FIELDS_MESSAGE }).min(1, { error: FIELDS_MESSAGE }),
  reason: z
    .string({ error: REASON_MESSAGE })
    .trim()
    .min(REVEAL_REASON_MIN_LENGTH, { error: REASON_MESSAGE })
    .max(REVEAL_REASON_MAX_LENGTH, { error: REASON_MESSAGE }),
});

/** The request's fields (each once) and trimmed reason; a 400 naming the first bad field otherwise. */
export function parseRevealRequest(body: unknown): RevealRequest {
  const parsed = revealSchema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? 'fields');
    throw fieldError(field, field === 'reason' ? REASON_MESSAGE : FIELDS_MESSAGE);
  }
  return { fields: [...new Set(parsed.data.fields)], reason: parsed.data.reason };
}
