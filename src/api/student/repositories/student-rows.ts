/**
 * Writes admitted students in bulk: multi-row inserts straight to the table (Strapi's
 * createMany re-processes every row and cannot return ids with documentIds), then the relation
 * rows. Only called with rows that prepareAdmissions has validated and numbered.
 */
import { randomBytesFromPool } from '../../../services/random-pool';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { PreparedStudent } from '../services/admissions';

const UID = 'api::student.student';
const BATCH = 1000;

export interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  inverseOrderColumnName?: string;
}

interface ModelMeta {
  tableName: string;
  attributes: Record<string, { columnName?: string; joinTable?: JoinTable }>;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A documentId in Strapi's shape (24 lower-case letters and digits, starting with a letter): the
 * time in base 36 after a letter, then 14 random characters (about 72 bits). Rows written
 * together sit side by side in the document indexes, so a bulk write appends to them instead of
 * touching a random page per row; the random part keeps the ids unguessable.
 */
export function newDocumentId(): string {
  const bytes = randomBytesFromPool(14);
  let id = `d${Date.now().toString(36).padStart(9, '0')}`;
  for (let i = 0; i < 14; i += 1) id += ALPHABET[bytes[i] % 36];
  return id;
}

/** The link table of a relation attribute of a type, as Strapi's metadata names it. */
export function joinTableOf(strapi: Core.Strapi, uid: string, attribute: string): JoinTable {
  const attributes = (strapi.db.metadata.get(uid as never) as unknown as ModelMeta).attributes;
  const joinTable = attributes[attribute]?.joinTable;
  if (!joinTable) throw new Error(`${uid}.${attribute} has no link table`);
  return joinTable;
}

/** Inserts link rows for a to-one relation, appending to the target's ordered list. */
export async function linkRelation(trx: Knex.Transaction, joinTable: JoinTable, pairs: Array<[number, number]>) {
  const owner = joinTable.joinColumn.name;
  const target = joinTable.inverseJoinColumn.name;
  const orderColumn = joinTable.inverseOrderColumnName;
  const order = new Map<number, number>();
  if (orderColumn) {
    const rows: Array<{ target: number; max: number | null }> = await trx(joinTable.name)
      .select(`${target} as target`)
      .max(`${orderColumn} as max`)
      .whereIn(target, [...new Set(pairs.map(([, t]) => t))])
      .groupBy(target);
    for (const row of rows) order.set(row.target, Number(row.max ?? 0));
  }
  const orders = pairs.map(([, targetId]) => {
    const next = (order.get(targetId) ?? 0) + 1;
    order.set(targetId, next);
    return next;
  });
  const columns = [owner, target, ...(orderColumn ? [orderColumn] : [])];
  const arrays = [pairs.map(([o]) => o), pairs.map(([, t]) => t), ...(orderColumn ? [orders] : [])];
  await trx.raw(
    `INSERT INTO ?? (${columns.map(() => '??').join(', ')}) SELECT * FROM unnest(${arrays.map(() => '?::int[]').join(', ')})`,
    [joinTable.name, ...columns, ...arrays],
  );
}

function toColumns(meta: ModelMeta, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [attribute, value] of Object.entries(row)) out[meta.attributes[attribute]?.columnName ?? attribute] = value;
  return out;
}

/**
 * Each student's picker label as the database makes it (student_picker_label(), with the class's
 * name), in one query: the rows go in with it, so nothing rewrites them after their class links.
 */
async function pickerLabels(trx: Knex.Transaction, prepared: PreparedStudent[]): Promise<string[]> {
  const { rows } = (await trx.raw(
    `SELECT student_picker_label(t.name, t.number, c.name) AS label
       FROM unnest(?::text[], ?::text[], ?::int[]) WITH ORDINALITY AS t(name, number, class_id, i)
       LEFT JOIN school_classes c ON c.id = t.class_id
      ORDER BY t.i`,
    [prepared.map((p) => String(p.fields.name ?? '')), prepared.map((p) => String(p.fields.studentNumber ?? '')), prepared.map((p) => p.classFacts.id)],
  )) as { rows: Array<{ label: string }> };
  return rows.map((row) => row.label);
}

const columnTypesOf = new Map<string, Map<string, string>>();

/** Each column of `table` with its PostgreSQL type, read once per process. */
async function columnTypes(trx: Knex.Transaction, table: string): Promise<Map<string, string>> {
  const known = columnTypesOf.get(table);
  if (known) return known;
  const { rows } = (await trx.raw(
    'SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped',
    [table],
  )) as { rows: Array<{ name: string; type: string }> };
  const types = new Map(rows.map((row) => [row.name, row.type]));
  columnTypesOf.set(table, types);
  return types;
}

/** A value as PostgreSQL reads it from text (dates as ISO strings, JSON columns as JSON). */
function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Inserts the students and their class, major and department links; returns their numbers. */
export async function insertAdmittedStudents(strapi: Core.Strapi, trx: Knex.Transaction, prepared: PreparedStudent[]) {
  const meta = strapi.db.metadata.get(UID) as unknown as ModelMeta;
  const now = new Date();
  const labels = await pickerLabels(trx, prepared);
  const rows = prepared.map((p, i) =>
    toColumns(meta, { ...p.fields, pickerLabel: labels[i], documentId: newDocumentId(), locale: null, createdAt: now, updatedAt: now, publishedAt: now }),
  );
  // The rows carry their picker labels: the triggers keep them (this transaction only).
  await trx.raw(`SELECT set_config('student_records.bulk_picker_label', 'on', true)`);
  // One text array per column instead of tens of thousands of bound values: PostgreSQL unnests
  // them and casts each to its column's type (faster than unpacking one JSON document per row).
  const columns = Object.keys(rows[0]);
  const types = await columnTypes(trx, meta.tableName);
  const casts = columns.map((column, i) => `u.c${i}::${types.get(column) ?? 'text'}`).join(', ');
  const sql =
    `INSERT INTO ?? (${columns.map(() => '??').join(', ')}) SELECT ${casts} ` +
    `FROM unnest(${columns.map(() => '?::text[]').join(', ')}) AS u(${columns.map((_, i) => `c${i}`).join(', ')}) RETURNING id, document_id, student_number`;
  const inserted: Array<{ id: number; document_id: string; student_number: string }> = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const slice = rows.slice(i, i + BATCH);
    const result = await trx.raw(sql, [meta.tableName, ...columns, ...columns.map((column) => slice.map((row) => asText(row[column])))]);
    inserted.push(...result.rows);
  }
  // RETURNING order is not promised to follow the input, so rows are matched by documentId.
  const idOf = new Map(inserted.map((row) => [row.document_id, row.id]));
  const owners = rows.map((row) => idOf.get(row.document_id as string) as number);
  const joins = (attribute: string) => meta.attributes[attribute].joinTable as JoinTable;
  await linkRelation(trx, joins('schoolClass'), prepared.map((p, i) => [owners[i], p.classFacts.id]));
  await trx.raw(`SELECT set_config('student_records.bulk_picker_label', 'off', true)`);
  await linkRelation(trx, joins('major'), prepared.map((p, i) => [owners[i], p.classFacts.major.id]));
  // The rows already carry department_scope: the link trigger may skip them (this transaction only).
  await trx.raw(`SELECT set_config('student_records.bulk_department_scope', 'on', true)`);
  await linkRelation(trx, joins('department'), prepared.map((p, i) => [owners[i], p.classFacts.department.id]));
  await trx.raw(`SELECT set_config('student_records.bulk_department_scope', 'off', true)`);
  return rows.map((row) => ({ documentId: row.document_id as string, studentNumber: row.student_number as string }));
}
