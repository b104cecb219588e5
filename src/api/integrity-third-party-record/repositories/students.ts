/**
 * The students a sheet names, by student number or national ID, among those the caller may see:
 * the reads are the request's, so the scope decides (src/services/scope). A national ID is found
 * by its keyed blind index, never in clear (src/services/personal-data.ts); that lookup is the
 * system's, and only its ids go on to the caller's scoped read.
 */
import type { Core } from '@strapi/strapi';
import { personalDataCipher } from '../../../services/personal-data';
import { withoutScope } from '../../../services/scope/context';

const STUDENT = 'api::student.student';
const ARCHIVE = 'api::integrity-archive.integrity-archive';

export interface MatchedStudent {
  id: number;
  documentId: string;
  studentNumber: string;
  departmentId: number | null;
  /** The student's integrity archive is closed (graduated, withdrawn, transferred out, cancelled). */
  archiveClosed: boolean;
}

export interface StudentMatches {
  byNumber: Map<string, MatchedStudent>;
  byNationalId: Map<string, MatchedStudent>;
}

type Row = { id: number; documentId: string; studentNumber: string; departmentScope: number | null };

const CHUNK = 1000;

async function inChunks<T, R>(values: T[], read: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const found: R[] = [];
  for (let i = 0; i < values.length; i += CHUNK) found.push(...(await read(values.slice(i, i + CHUNK))));
  return found;
}

/** Scoped: the students among `where` the caller may see. */
function visibleStudents(strapi: Core.Strapi, where: Record<string, unknown>): Promise<Row[]> {
  return strapi.db.query(STUDENT as never).findMany({ where, select: ['id', 'documentId', 'studentNumber', 'departmentScope'] } as never) as Promise<Row[]>;
}

async function closedArchives(strapi: Core.Strapi, studentIds: number[]): Promise<Set<number>> {
  const rows = (await inChunks(studentIds, (ids) =>
    withoutScope(() => strapi.db.query(ARCHIVE as never).findMany({ where: { studentKey: { $in: ids }, state: 'closed' }, select: ['studentKey'] } as never)),
  )) as Array<{ studentKey: number }>;
  return new Set(rows.map((row) => row.studentKey));
}

export async function matchStudents(strapi: Core.Strapi, studentNumbers: string[], nationalIds: string[]): Promise<StudentMatches> {
  const cipher = personalDataCipher();
  const indexOf = new Map(nationalIds.map((id) => [cipher.blindIndex('nationalId', id), id]));
  const indexed = (await inChunks([...indexOf.keys()], (indexes) =>
    withoutScope(() => strapi.db.query(STUDENT as never).findMany({ where: { nationalIdIndex: { $in: indexes } }, select: ['id', 'nationalIdIndex'] } as never)),
  )) as Array<{ id: number; nationalIdIndex: string }>;
  const byNumberRows = await inChunks(studentNumbers, (numbers) => visibleStudents(strapi, { studentNumber: { $in: numbers } }));
  const byIdRows = await inChunks(indexed.map((s) => s.id), (ids) => visibleStudents(strapi, { id: { $in: ids } }));
  const closed = await closedArchives(strapi, [...new Set([...byNumberRows, ...byIdRows].map((s) => s.id))]);
  const matched = (row: Row): MatchedStudent => ({ id: row.id, documentId: row.documentId, studentNumber: row.studentNumber, departmentId: row.departmentScope ?? null, archiveClosed: closed.has(row.id) });
  const visibleById = new Map(byIdRows.map((row) => [row.id, matched(row)]));
  const byNationalId = new Map<string, MatchedStudent>();
  for (const { id, nationalIdIndex } of indexed) {
    const student = visibleById.get(id);
    if (student) byNationalId.set(indexOf.get(nationalIdIndex) as string, student);
  }
  return { byNumber: new Map(byNumberRows.map((row) => [row.studentNumber, matched(row)])), byNationalId };
}
