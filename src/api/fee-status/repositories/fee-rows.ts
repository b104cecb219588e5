/**
 * Fee statuses in bulk, inside the import's transaction: one set-based upsert per 1,000 rows on
 * the one-per-student-and-semester index, the keys the registration conditions read
 * (student_key, semester_key) and the student's department taken in the same statement, then the
 * student and semester links of the rows that are new. Only called with checked rows.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { linkRelation, newDocumentId, type JoinTable } from '../../student/repositories/student-rows';
import { FEE_STATUS } from '../sheet/columns';
import type { MatchedFeeRow } from '../sheet/students';

const BATCH = 1000;

interface ModelMeta {
  tableName: string;
  attributes: Record<string, { columnName?: string; joinTable?: JoinTable }>;
}

export interface Upserted {
  id: number;
  documentId: string;
  studentId: number;
  created: boolean;
}

const metaOf = (strapi: Core.Strapi, uid: string) => strapi.db.metadata.get(uid) as unknown as ModelMeta;

/** Serialises imports: two uploads for one semester cannot interleave their upserts. */
export async function lockImports(trx: Knex.Transaction): Promise<void> {
  await trx.raw(`SELECT pg_advisory_xact_lock(hashtext('fee-status-import'))`);
}

/** Writes one status per row for the semester, as source `import`: new rows inserted, existing ones updated. */
export async function upsertFeeStatuses(strapi: Core.Strapi, trx: Knex.Transaction, semesterId: number, rows: MatchedFeeRow[], at: Date): Promise<Upserted[]> {
  const meta = metaOf(strapi, FEE_STATUS);
  const students = metaOf(strapi, 'api::student.student');
  const column = (attribute: string) => meta.attributes[attribute]?.columnName ?? attribute;
  const written = ['documentId', 'studentKey', 'semesterKey', 'departmentScope', 'status', 'amountOwed', 'note', 'source', 'createdAt', 'updatedAt', 'publishedAt'].map(column);
  const updated = ['departmentScope', 'status', 'amountOwed', 'note', 'source', 'updatedAt'].map(column);
  const result: Upserted[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const input = rows.slice(i, i + BATCH).map((r) => ({ document_id: newDocumentId(), student_id: r.studentId, status: r.status, amount_owed: r.amountOwed, note: r.note }));
    const { rows: returned } = (await trx.raw(
      `INSERT INTO ?? (${written.map(() => '??').join(', ')})
       SELECT t.document_id, t.student_id, ?::int, s.??, t.status, t.amount_owed, t.note, 'import', ?::timestamp, ?::timestamp, ?::timestamp
         FROM json_to_recordset(?::json) AS t(document_id text, student_id int, status text, amount_owed numeric, note text)
         JOIN ?? s ON s.id = t.student_id
       ON CONFLICT (??, ??) DO UPDATE SET ${updated.map(() => '?? = EXCLUDED.??').join(', ')}
       RETURNING id, ?? AS document_id, ?? AS student_id, (xmax = 0) AS created`,
      [
        meta.tableName, ...written,
        semesterId, students.attributes.departmentScope?.columnName ?? 'department_scope', at, at, at,
        JSON.stringify(input),
        students.tableName,
        column('studentKey'), column('semesterKey'),
        ...updated.flatMap((c) => [c, c]),
        column('documentId'), column('studentKey'),
      ],
    )) as { rows: Array<{ id: number; document_id: string; student_id: number; created: boolean }> };
    result.push(...returned.map((r) => ({ id: r.id, documentId: r.document_id, studentId: r.student_id, created: r.created })));
  }
  const fresh = result.filter((r) => r.created);
  if (fresh.length > 0) {
    const joins = (attribute: string) => meta.attributes[attribute].joinTable as JoinTable;
    await linkRelation(trx, joins('student'), fresh.map((r) => [r.id, r.studentId]));
    await linkRelation(trx, joins('semester'), fresh.map((r) => [r.id, semesterId]));
  }
  return result;
}
