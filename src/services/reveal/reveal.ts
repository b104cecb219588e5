/**
 * Showing a student's personal data in clear to a person who says why (domain.md 2 and 8). The
 * student must lie in the person's scope (the scoped read answers 404 otherwise), the reveal
 * counts against their rate limit, and its register line in the audit log (fields and reason,
 * never a value) commits together with the read or not at all.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { recordAudit } from '../audit/record';
import { clearPersonalData, type PersonalField } from '../personal-data';
import { currentActor, type Actor } from '../scope/actor';
import { REVEALING_ACTORS } from './constants';
import { assertRevealAllowed } from './rate-limit';
import { parseRevealRequest, type RevealRequest } from './request';
import { Forbidden } from '../forbidden';

const STUDENT = 'api::student.student';

export type RevealedData = { documentId: string } & Partial<Record<PersonalField, string | null>>;

/** The part of a Koa context a reveal reads and writes. */
export interface RevealContext {
  params: Record<string, string | undefined>;
  request: { body?: unknown };
  set(field: string, value: string): void;
}

function assertMayReveal(actor: Actor): void {
  if (!(REVEALING_ACTORS as readonly string[]).includes(actor.kind)) {
    throw new Forbidden('只有登录的教职工本人可以查看完整个人信息 (only a signed-in person may reveal personal data)');
  }
}

/** The asked fields of one student in clear, logged with the reason; 404 outside the scope. */
export async function revealPersonalData(strapi: Core.Strapi, documentId: string, request: RevealRequest): Promise<RevealedData> {
  const actor = await currentActor(strapi);
  assertMayReveal(actor);
  return strapi.db.transaction(async ({ trx }) => {
    await assertRevealAllowed(strapi, trx, actor);
    const row = (await strapi.db.query(STUDENT).findOne({
      where: { documentId },
      select: ['documentId', ...request.fields.map((field) => `${field}Cipher`)],
    })) as Record<string, unknown> | null;
    if (!row) throw new errors.NotFoundError('Not Found');
    const clear = clearPersonalData(row, request.fields);
    await recordAudit(strapi, { action: 'reveal', targetType: STUDENT, targetDocumentId: documentId, fields: request.fields, reason: request.reason }, actor);
    return { documentId, ...clear };
  });
}

/** One reveal request, REST or admin: `{ fields, reason }` in, `{ data }` out, never cached. */
export async function revealFromRequest(strapi: Core.Strapi, ctx: RevealContext): Promise<{ data: RevealedData }> {
  const request = parseRevealRequest(ctx.request.body);
  ctx.set('Cache-Control', 'no-store');
  try {
    return { data: await revealPersonalData(strapi, String(ctx.params.documentId ?? ''), request) };
  } catch (error) {
    if (error instanceof errors.RateLimitError) ctx.set('Retry-After', String((error.details as { retryAfterSeconds?: number }).retryAfterSeconds ?? 60));
    throw error;
  }
}
