/**
 * The per-class counters behind student numbers. Rows are locked with SELECT ... FOR UPDATE in
 * the admitting transaction, so concurrent admissions, from any process, wait for each other.
 */
import type { Knex } from 'knex';

const TABLE = 'student_number_counters';

/** Locks the counters of these class prefixes (creating missing ones) and returns their values. */
export async function lockCounters(trx: Knex.Transaction, prefixes: string[]): Promise<Map<string, number>> {
  const sorted = [...new Set(prefixes)].sort();
  await trx.raw(`INSERT INTO ${TABLE} (prefix, last_sequence) SELECT unnest(?::text[]), 0 ON CONFLICT (prefix) DO NOTHING`, [
    sorted,
  ]);
  const rows: Array<{ prefix: string; last_sequence: number }> = (
    await trx.raw(`SELECT prefix, last_sequence FROM ${TABLE} WHERE prefix = ANY(?::text[]) ORDER BY prefix FOR UPDATE`, [sorted])
  ).rows;
  return new Map(rows.map((row) => [row.prefix.trim(), row.last_sequence]));
}

/** Moves the locked counters forward to the last sequence handed out. */
export async function advanceCounters(trx: Knex.Transaction, last: Map<string, number>): Promise<void> {
  if (last.size === 0) return;
  await trx.raw(
    `UPDATE ${TABLE} AS c SET last_sequence = v.last_sequence, updated_at = now()
     FROM (SELECT unnest(?::text[]) AS prefix, unnest(?::int[]) AS last_sequence) AS v
     WHERE c.prefix = v.prefix`,
    [[...last.keys()], [...last.values()]],
  );
}
