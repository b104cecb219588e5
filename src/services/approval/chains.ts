/**
 * Which chain a request follows: the active chain of its subject (and tier, where the subject has
 * tiers) made for its sub-type, else the one for all sub-types. The steps are copied onto the
 * request when it is submitted, so that later edits to the chain do not touch it.
 */
import type { Core } from '@strapi/strapi';
import type { ChainStep } from '../../domain/approval';
import { withoutScope } from '../scope/context';

const CHAIN = 'api::approval-chain.approval-chain';

interface StoredStep {
  unit: ChainStep['unit'];
  offices?: Array<{ office: string }> | null;
  deadlineDays: number;
  label: string;
}

/** A chain's steps as a request keeps them (the offices of an `offices` step by kind). */
export function snapshotSteps(steps: readonly StoredStep[]): ChainStep[] {
  return steps.map((s) => ({
    unit: s.unit,
    ...(s.unit === 'offices' ? { offices: (s.offices ?? []).map((entry) => entry.office) } : {}),
    deadlineDays: s.deadlineDays,
    label: s.label,
  }));
}

export async function activeChain(
  strapi: Core.Strapi,
  subject: string,
  key: { tier?: string | null; subType?: string | null },
): Promise<{ id: number; steps: ChainStep[] } | null> {
  const chains = (await withoutScope(() =>
    strapi.db.query(CHAIN as never).findMany({
      where: {
        subject,
        active: true,
        ...(key.tier !== undefined ? { tier: key.tier } : {}),
        $or: [{ subType: key.subType ?? null }, { subType: null }],
      },
      populate: { steps: { populate: ['offices'] } },
      orderBy: [{ id: 'asc' }],
    }),
  )) as Array<{ id: number; subType: string | null; steps: StoredStep[] }>;
  const chain = chains.find((c) => key.subType && c.subType === key.subType) ?? chains.find((c) => c.subType === null);
  if (!chain || chain.steps.length === 0) return null;
  return { id: chain.id, steps: snapshotSteps(chain.steps) };
}
