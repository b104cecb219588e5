/**
 * Late registration (补办, seed 001 3.(1): "后3人补办"): academic affairs reopens a missed
 * registration with a new deadline of at most the deferral's length from today. It stays marked
 * overdue and late, so the report counts it as registered later, never as on time.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { addDays } from '../../../domain/registration';
import { isIsoDate } from '../../../domain/calendar-months';
import { recordAudit } from '../../../services/audit/record';
import { conflict } from '../../../services/approval/errors';
import { today } from '../../../services/clock';
import { withClientErrors } from '../../../services/database-errors';
import { fieldError } from '../../../services/field-error';
import { loadRegistrationSettings } from '../../../services/school-settings';
import { currentActor } from '../../../services/scope/actor';
import { withoutScope } from '../../../services/scope/context';
import { REGISTRATION } from '../repositories/registration-rows';

export async function reopenRegistration(strapi: Core.Strapi, documentId: string, until: unknown): Promise<void> {
  const seen = (await strapi.db.query(REGISTRATION as never).findOne({ where: { documentId }, select: ['id'] })) as { id: number } | null;
  if (!seen) throw new errors.NotFoundError('Not Found');
  if (!isIsoDate(until)) throw fieldError('until', 'until 须为补办截止日期 YYYY-MM-DD (until: a date)');
  const latest = addDays(today(), (await loadRegistrationSettings(strapi)).deferralMaxDays);
  if (until < today() || until > latest) throw fieldError('until', `补办截止日期须在 ${today()} 至 ${latest} 之间 (until: from today to ${latest})`);
  const actor = await currentActor(strapi);
  await withoutScope(() =>
    withClientErrors(() =>
      strapi.db.transaction(async ({ trx }) => {
        const { rows } = (await trx.raw('SELECT state, workflow_state FROM registrations WHERE id = ? FOR UPDATE', [seen.id])) as { rows: Array<{ state: string; workflow_state: string }> };
        if (rows[0]?.state !== 'missed') throw conflict('只有记为未注册的注册可以补办 (only a missed registration can be reopened)');
        const state = rows[0].workflow_state === 'returned' ? 'returned' : 'expected';
        await strapi.db.query(REGISTRATION as never).update({ where: { id: seen.id }, data: { state, missedAt: null, late: true, deadline: until } });
        await recordAudit(strapi, { action: 'reopen', targetType: REGISTRATION, targetDocumentId: documentId, fields: ['state', 'deadline', 'late'] }, actor);
      }),
    ),
  );
}
