/**
 * Writes admitted students in bulk: one multi-row insert per batch, then the relation rows.
 * Only called with rows that prepareAdmissions has validated and numbered.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { createId } from '@paralleldrive/cuid2';
import type { PreparedStudent } from '../services/admissions';

const UID = 'api::student.student';

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  inverseOrderColumnName?: string;
}

/** Inserts link rows for one to-one-target relation, appending to the target's ordered list. */
async function linkRelation(strapi: Core.Strapi, trx: Knex.Transaction, attribute: string, pairs: Array<[number, number]>) {
  const joinTable = (strapi.db.metadata.get(UID).attributes[attribute] as unknown as { joinTable: JoinTable }).joinTable;
  const query = () => trx(joinTable.name);
  const order = new Map<number, number>();
  const orderColumn = joinTable.inverseOrderColumnName;
  if (orderColumn) {
    const targets = [...new Set(pairs.map(([, target]) => target))];
    const rows: Array<{ target: number; max: number | null }> = await query()
      .select(`${joinTable.inverseJoinColumn.name} as target`)
      .max(`${orderColumn} as max`)
      .whereIn(joinTable.inverseJoinColumn.name, targets)
      .groupBy(joinTable.inverseJoinColumn.name);
    for (const row of rows) order.set(row.target, Number(row.max ?? 0));
  }
  const links = pairs.map(([owner, target]) => {
    const link: Record<string, number> = { [joinTable.joinColumn.name]: owner, [joinTable.inverseJoinColumn.name]: target };
    if (orderColumn) {
      const next = (order.get(target) ?? 0) + 1;
      order.set(target, next);
      link[orderColumn] = next;
    }
    return link;
  });
  for (let i = 0; i < links.length; i += 5000) await query().insert(links.slice(i, i + 5000));
}

/** Inserts the students and their class, major and department links; returns their numbers. */
export async function insertAdmittedStudents(strapi: Core.Strapi, trx: Knex.Transaction, prepared: PreparedStudent[]) {
  const now = new Date();
  const rows: Array<Record<string, unknown> & { documentId: string }> = prepared.map((p) => ({
    ...p.fields,
    documentId: createId(),
    createdAt: now,
    updatedAt: now,
    publishedAt: now,
  }));
  await strapi.db.query(UID).createMany({ data: rows });
  const ids = (await strapi.db.query(UID).findMany({
    where: { documentId: { $in: rows.map((r) => r.documentId) } },
    select: ['id', 'documentId'],
  })) as Array<{ id: number; documentId: string }>;
  const idOf = new Map(ids.map((r) => [r.documentId, r.id]));
  const owner = rows.map((r) => idOf.get(r.documentId) as number);
  await linkRelation(strapi, trx, 'schoolClass', prepared.map((p, i) => [owner[i], p.classFacts.id]));
  await linkRelation(strapi, trx, 'major', prepared.map((p, i) => [owner[i], p.classFacts.major.id]));
  await linkRelation(strapi, trx, 'department', prepared.map((p, i) => [owner[i], p.classFacts.department.id]));
  return rows.map((r) => ({ documentId: r.documentId, studentNumber: r.studentNumber as string }));
}
