/**
 * Third-party records in bulk, inside the import's transaction: the rows already on record, and
 * one multi-row insert with the student and department links, as bulk admission writes students
 * (src/api/student/repositories/student-rows.ts). Only called with checked rows.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { linkRelation, newDocumentId, type JoinTable } from '../../student/repositories/student-rows';
import { THIRD_PARTY } from '../sheet/columns';

const BATCH = 1000;

/** What a credit agency's line says, as stored. */
export interface ThirdPartyFields {
  category: string;
  agency: string;
  occurredOn: string;
  amount: number | null;
  overdueDays: number | null;
  description: string | null;
}

export interface NewRecord extends ThirdPartyFields {
  studentId: number;
  departmentId: number | null;
}

export interface ImportStamp {
  importBatch: string;
  importedBy: string;
  importedAt: Date;
}

interface ModelMeta {
  tableName: string;
  attributes: Record<string, { columnName?: string; joinTable?: JoinTable }>;
}

const metaOf = (strapi: Core.Strapi) => strapi.db.metadata.get(THIRD_PARTY) as unknown as ModelMeta;

/** Serialises imports: two uploads of one file cannot both pass the check for rows on record. */
export async function lockImports(trx: Knex.Transaction): Promise<void> {
  await trx.raw(`SELECT pg_advisory_xact_lock(hashtext('integrity-third-party-import'))`);
}

/**
 * The indexes of the records that are on record already: the same student, category, agency,
 * date, amount and overdue days (an agency's file sent twice).
 */
export async function recordsOnRecord(strapi: Core.Strapi, trx: Knex.Transaction, records: NewRecord[]): Promise<number[]> {
  const meta = metaOf(strapi);
  const students = meta.attributes.student.joinTable as JoinTable;
  const { rows } = (await trx.raw(
    `SELECT DISTINCT t.i - 1 AS i
       FROM unnest(?::int[], ?::text[], ?::text[], ?::date[], ?::numeric[], ?::int[]) WITH ORDINALITY AS t(student_id, category, agency, occurred_on, amount, overdue_days, i)
       JOIN ?? l ON l.?? = t.student_id
       JOIN ?? r ON r.id = l.??
      WHERE r.category = t.category AND r.agency = t.agency AND r.occurred_on = t.occurred_on
        AND r.amount IS NOT DISTINCT FROM t.amount AND r.overdue_days IS NOT DISTINCT FROM t.overdue_days`,
    [
      records.map((r) => r.studentId), records.map((r) => r.category), records.map((r) => r.agency), records.map((r) => r.occurredOn),
      records.map((r) => r.amount), records.map((r) => r.overdueDays),
      students.name, students.inverseJoinColumn.name, meta.tableName, students.joinColumn.name,
    ],
  )) as { rows: Array<{ i: string | number }> };
  return rows.map((row) => Number(row.i));
}

/** Inserts the records with their student and department links; returns their documentIds in order. */
export async function insertRecords(strapi: Core.Strapi, trx: Knex.Transaction, records: NewRecord[], stamp: ImportStamp): Promise<string[]> {
  const written = new Date();
  const meta = metaOf(strapi);
  const column = (attribute: string) => meta.attributes[attribute]?.columnName ?? attribute;
  const rows = records.map((r) => ({
    [column('documentId')]: newDocumentId(),
    [column('category')]: r.category,
    [column('agency')]: r.agency,
    [column('occurredOn')]: r.occurredOn,
    [column('amount')]: r.amount,
    [column('overdueDays')]: r.overdueDays,
    [column('description')]: r.description,
    [column('importBatch')]: stamp.importBatch,
    [column('importedBy')]: stamp.importedBy,
    [column('importedAt')]: stamp.importedAt,
    [column('departmentScope')]: r.departmentId,
    // The rows' own timestamps are the machine's, as Strapi writes them; importedAt is the school's.
    [column('createdAt')]: written,
    [column('updatedAt')]: written,
    [column('publishedAt')]: written,
    [column('locale')]: null,
  }));
  const columns = Object.keys(rows[0]);
  const list = columns.map(() => '??').join(', ');
  const inserted: Array<{ id: number; document_id: string }> = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const result = await trx.raw(`INSERT INTO ?? (${list}) SELECT ${list} FROM json_populate_recordset(NULL::??, ?) RETURNING id, document_id`, [
      meta.tableName, ...columns, ...columns, meta.tableName, JSON.stringify(rows.slice(i, i + BATCH)),
    ]);
    inserted.push(...(result.rows as typeof inserted));
  }
  // RETURNING order is not promised to follow the input: rows are matched by documentId.
  const idOf = new Map(inserted.map((row) => [row.document_id, row.id]));
  const documentIds = rows.map((row) => row[column('documentId')] as string);
  const owners = documentIds.map((documentId) => idOf.get(documentId) as number);
  const joins = (attribute: string) => meta.attributes[attribute].joinTable as JoinTable;
  await linkRelation(trx, joins('student'), records.map((r, i) => [owners[i], r.studentId]));
  const withDepartment = records.flatMap((r, i): Array<[number, number]> => (r.departmentId === null ? [] : [[owners[i], r.departmentId]]));
  if (withDepartment.length > 0) await linkRelation(trx, joins('department'), withDepartment);
  return documentIds;
}
