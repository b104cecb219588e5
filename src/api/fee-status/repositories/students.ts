/**
 * The students a fee sheet names, by student number, among those the importer's fee-status scope
 * reaches. Finance's own scope reaches no student rows (it sees every fee status, not the student
 * records), so the lookup is the system's, and the fee-status scope decides which rows count.
 */
import type { Core } from '@strapi/strapi';
import { feeScopeReaches } from '../../../domain/fee-status';
import type { Actor } from '../../../services/scope/actor';
import { withoutScope } from '../../../services/scope/context';

const STUDENT = 'api::student.student';
const CHUNK = 1000;

export interface MatchedStudent {
  id: number;
  documentId: string;
  studentNumber: string;
  name: string;
  departmentId: number | null;
}

type Row = { id: number; documentId: string; studentNumber: string; name: string; departmentScope: number | null };

/** The students of these numbers that the actor may keep fee statuses of, by number. */
export async function studentsByNumber(strapi: Core.Strapi, actor: Actor, numbers: string[]): Promise<Map<string, MatchedStudent>> {
  const found: Row[] = [];
  for (let i = 0; i < numbers.length; i += CHUNK) {
    const chunk = numbers.slice(i, i + CHUNK);
    found.push(
      ...((await withoutScope(() =>
        strapi.db.query(STUDENT as never).findMany({ where: { studentNumber: { $in: chunk } }, select: ['id', 'documentId', 'studentNumber', 'name', 'departmentScope'] } as never),
      )) as Row[]),
    );
  }
  const reached = found.filter((row) => feeScopeReaches(actor.scope, row.departmentScope ?? null));
  return new Map(reached.map((row) => [row.studentNumber, { id: row.id, documentId: row.documentId, studentNumber: row.studentNumber, name: row.name, departmentId: row.departmentScope ?? null }]));
}
