/**
 * A request's tier (domain.md 3): the type's default, escalated by rules kept as data. The highest
 * tier any matching rule gives wins.
 */
import { monthsBetween, isIsoDate } from './calendar-months';
import { DEFAULT_TIERS, TIERS, type ChangeType, type SuspensionCause, type Tier, type WithdrawalKind } from './status-change';
import type { StatusChangeSettings } from './status-change-settings';

export interface TierFacts {
  type: ChangeType;
  targetMajorPopular: boolean;
  suspensionCause: SuspensionCause | null;
  suspensionStart: string | null;
  suspensionEnd: string | null;
  receivingProvince: string | null;
  withdrawalKind: WithdrawalKind | null;
}

export interface TierRule {
  type: ChangeType;
  tier: Tier;
  /** Why, shown beside the tier in the admin. */
  because: string;
  applies(facts: TierFacts, settings: StatusChangeSettings): boolean;
}

export const TIER_RULES: readonly TierRule[] = [
  { type: 'change-of-major', tier: 'important', because: '转入热门专业', applies: (f) => f.targetMajorPopular },
  {
    type: 'suspension',
    tier: 'important',
    because: '休学超过规定月数',
    applies: (f, s) => isIsoDate(f.suspensionStart) && isIsoDate(f.suspensionEnd) && monthsBetween(f.suspensionStart, f.suspensionEnd) > s.importantSuspensionOverMonths,
  },
  {
    type: 'transfer-out',
    tier: 'special',
    because: '跨省转学',
    applies: (f, s) => typeof f.receivingProvince === 'string' && f.receivingProvince.trim() !== '' && f.receivingProvince.trim() !== s.schoolProvince,
  },
  { type: 'withdrawal', tier: 'special', because: '处分退学', applies: (f) => f.withdrawalKind === 'disciplinary' },
];

const rank = (tier: Tier) => TIERS.indexOf(tier);

/** The tier of a request, and the reasons it was escalated. */
export function tierOf(facts: TierFacts, settings: StatusChangeSettings): { tier: Tier; because: string[] } {
  let tier = DEFAULT_TIERS[facts.type];
  const because: string[] = [];
  for (const rule of TIER_RULES) {
    if (rule.type !== facts.type || !rule.applies(facts, settings)) continue;
    because.push(rule.because);
    if (rank(rule.tier) > rank(tier)) tier = rule.tier;
  }
  return { tier, because };
}
