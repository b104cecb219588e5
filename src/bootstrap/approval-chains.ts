/**
 * The default approval chains of domain.md 3 and the school settings, created on first start so
 * that status changes work out of the box; admins edit both as content afterwards.
 */
import type { Core } from '@strapi/strapi';
import { DEFAULT_CHAINS, TIERS } from '../domain/status-change';
import { DEFAULT_STATUS_CHANGE_SETTINGS } from '../domain/status-change-settings';
import { SCHOOL_SETTING } from '../services/school-settings';
import { DEFAULT_INTEGRITY_CHAINS, RECORD_LEVELS } from '../domain/integrity';
import { DEFAULT_DEFERRAL_CHAIN, defaultRegistrationChain } from '../domain/registration';

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

/** Appeals' and amendments' chains, per record level, for a subject that has none yet (a database from before them as well). */
export async function ensureIntegrityChains(strapi: Core.Strapi): Promise<void> {
  for (const [subject, chains] of Object.entries(DEFAULT_INTEGRITY_CHAINS)) {
    if ((await strapi.db.query(CHAIN as never).count({ where: { subject } })) > 0) continue;
    for (const level of RECORD_LEVELS) {
      const chain = chains[level];
      await strapi.documents(CHAIN as never).create({ data: { name: chain.name, subject, subType: level, active: true, steps: chain.steps } as never });
    }
  }
}

/** Registration's and deferral's chains (domain.md 4), for a subject that has none yet. */
export async function ensureRegistrationChains(strapi: Core.Strapi): Promise<void> {
  for (const [subject, chain] of [['registration', defaultRegistrationChain()], ['registration-deferral', DEFAULT_DEFERRAL_CHAIN]] as const) {
    if ((await strapi.db.query(CHAIN as never).count({ where: { subject } })) > 0) continue;
    await strapi.documents(CHAIN as never).create({ data: { name: chain.name, subject, active: true, steps: chain.steps } as never });
  }
}
