/**
 * Who may enter which indicator and kind, at which level: content an admin edits (诚信信息来源规则),
 * seeded once from 第六条 and 第七条 (DEFAULT_ENTRY_RULES in src/domain/integrity.ts).
 */
import type { Core } from '@strapi/strapi';
import { DEFAULT_ENTRY_RULES, type EntryRule, type RecordKind } from '../../domain/integrity';
import { withoutScope } from '../scope/context';
import { INTEGRITY_ENTRY_RULE } from './uids';

export async function loadEntryRules(strapi: Core.Strapi): Promise<EntryRule[]> {
  const rows = (await withoutScope(() => strapi.db.query(INTEGRITY_ENTRY_RULE as never).findMany({ where: { active: true } }))) as Array<EntryRule & { kinds: unknown }>;
  return rows.map((row) => ({ source: row.source, indicator: row.indicator, level: row.level, note: row.note ?? '', kinds: Array.isArray(row.kinds) ? (row.kinds as RecordKind[]) : [] }));
}

/** On a database that has none yet: the regulation's rules. */
export async function seedEntryRules(strapi: Core.Strapi): Promise<void> {
  const count = await withoutScope(() => strapi.db.query(INTEGRITY_ENTRY_RULE as never).count({}));
  if (count > 0) return;
  for (const rule of DEFAULT_ENTRY_RULES) {
    await withoutScope(() => strapi.documents(INTEGRITY_ENTRY_RULE as never).create({ data: { ...rule, kinds: [...rule.kinds], active: true } as never }));
  }
}
