/** Direct looks at the database, for asserting what was (not) written. */
import type { Core } from '@strapi/strapi';

export async function countStudents(strapi: Core.Strapi, where: Record<string, unknown> = {}): Promise<number> {
  return strapi.db.query('api::student.student').count({ where });
}

export async function studentsOfClass(strapi: Core.Strapi, classDocumentId: string) {
  return (await strapi.db.query('api::student.student').findMany({
    where: { schoolClass: { documentId: classDocumentId } },
    orderBy: { studentNumber: 'asc' },
  })) as Array<Record<string, any>>;
}

export async function counterOf(strapi: Core.Strapi, prefix: string): Promise<number | null> {
  const { rows } = await strapi.db.connection.raw('SELECT last_sequence FROM student_number_counters WHERE prefix = ?', [prefix]);
  return rows[0]?.last_sequence ?? null;
}
