/**
 * Thousands of audit rows in one statement, as bulk admission writes 5,000 students at once.
 * Strapi's createMany re-processes every row (it cost admission a third of its rate); here the
 * columns that differ between rows travel as arrays PostgreSQL unnests, the others once.
 */
import type { Core } from '@strapi/strapi';
import { newDocumentId } from '../../api/student/repositories/student-rows';

type Row = Record<string, unknown>;

/** The columns that differ between rows of one write, with their PostgreSQL types. */
const VARYING = { documentId: 'text', action: 'text', targetType: 'text', targetDocumentId: 'text', fields: 'jsonb', reason: 'text' } as const;
type Varying = keyof typeof VARYING;

function varyingValue(row: Row, name: Varying): unknown {
  if (name === 'documentId') return newDocumentId();
  if (name === 'fields') return JSON.stringify(row.fields);
  return row[name] ?? null;
}

/** Inserts rows that share their actor and moment (all but the VARYING columns), in the current transaction. */
export async function insertAuditRows(strapi: Core.Strapi, uid: string, rows: Row[]): Promise<void> {
  const meta = strapi.db.metadata.get(uid) as unknown as { tableName: string; attributes: Record<string, { columnName?: string }> };
  const column = (name: string) => meta.attributes[name]?.columnName ?? name;
  const first = rows[0];
  const shared = Object.entries({ ...first, createdAt: first.occurredAt, updatedAt: first.occurredAt, locale: null }).filter(([name]) => !(name in VARYING));
  const varying = Object.keys(VARYING) as Varying[];
  const columns = [...varying, ...shared.map(([name]) => name)].map(column);
  const select = [...varying.map((name, i) => `u.c${i}::${VARYING[name]}`), ...shared.map(() => '?')];
  const sql =
    `INSERT INTO ?? (${columns.map(() => '??').join(', ')}) SELECT ${select.join(', ')} ` +
    `FROM unnest(${varying.map(() => '?::text[]').join(', ')}) AS u(${varying.map((_, i) => `c${i}`).join(', ')})`;
  const arrays = varying.map((name) => rows.map((row) => varyingValue(row, name)));
  await strapi.db.transaction(({ trx }) => trx.raw(sql, [meta.tableName, ...columns, ...shared.map(([, value]) => value), ...arrays]));
}
