/**
 * The default approval chains of domain.md 3 and the school settings, created on first start so
 * that status changes work out of the box; admins edit both as content afterwards.
 */
import type { Core } from '@strapi/strapi';
import { DEFAULT_CHAINS, TIERS } from '../domain/status-change';
import { DEFAULT_STATUS_CHANGE_SETTINGS } from '../domain/status-change-settings';
import { SCHOOL_SETTING } from '../services/school-settings';

const CHAIN = 'api::approval-chain.approval-chain';

export async function ensureApprovalChains(strapi: Core.Strapi): Promise<void> {
  if ((await strapi.db.query(CHAIN as never).count({})) > 0) return;
  for (const tier of TIERS) {
    const chain = DEFAULT_CHAINS[tier];
    await strapi.documents(CHAIN as never).create({ data: { name: chain.name, subject: 'status-change', tier, active: true, steps: chain.steps } as never });
  }
}

export async function ensureSchoolSettings(strapi: Core.Strapi): Promise<void> {
  if (await strapi.db.query(SCHOOL_SETTING as never).findOne({})) return;
  await strapi.documents(SCHOOL_SETTING as never).create({ data: { ...DEFAULT_STATUS_CHANGE_SETTINGS } as never });
}
