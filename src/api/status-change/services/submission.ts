/**
 * Submitting (and resubmitting) a status change: every eligibility rule, the tier, and the chain
 * it will follow, copied onto the request so that later edits to the chain do not touch it.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { activeChain } from '../../../services/approval/chains';
import { semesterOf } from '../../../domain/calendar-months';
import { eligibilityViolations } from '../../../domain/eligibility';
import { tierOf } from '../../../domain/tier';
import { loadStatusChangeSettings } from '../../../services/school-settings';
import type { StatusChangeRow } from '../repositories/status-change-rows';
import { eligibilityFacts, tierFacts } from './facts';
import { now as clockNow, schoolDate } from '../../../services/clock';

export async function prepareStatusChangeSubmission(strapi: Core.Strapi, row: StatusChangeRow, now = clockNow()) {
  const settings = await loadStatusChangeSettings(strapi);
  const today = schoolDate(now);
  const violations = eligibilityViolations(await eligibilityFacts(strapi, row.raw, today), settings);
  if (violations.length > 0) {
    throw new errors.ValidationError(violations[0].message, {
      errors: violations.map((v) => ({ path: [v.field], message: v.message, name: 'ValidationError', value: null })),
    });
  }
  const { tier, because } = tierOf(tierFacts(row.raw), settings);
  const keepChain = row.raw.state === 'returned' && row.raw.tier === tier && row.steps.length > 0;
  const chain = keepChain ? { id: row.raw.chain?.id ?? null, steps: row.steps } : await activeChain(strapi, 'status-change', { tier, subType: row.raw.type });
  if (!chain) throw new errors.ValidationError(`没有适用于${tier}层级的启用中的审批流程 (no active approval chain for tier ${tier})`);
  return {
    steps: chain.steps,
    columns: {
      tier,
      tierReasons: because.join('；') || null,
      chain: chain.id,
      chainSteps: chain.steps,
      semester: semesterOf(today),
      submittedAt: now,
      decidedAt: null,
    },
  };
}
