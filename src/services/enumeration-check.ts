/** The start-up check of src/domain/enumerations.ts against the loaded schemas, the labels and the database. */
import type { Core } from '@strapi/strapi';
import { ARCHIVE_FIELD_LABELS, ENUM_LABELS } from '../domain/enum-labels';
import { ENUMERATIONS, checkedValues, enumerationProblems, type ValueCheck } from '../domain/enumerations';

interface Meta {
  tableName: string;
  attributes: Record<string, { columnName?: string }>;
}

/** The CHECK constraints that list the values of an enumerated column. */
async function valueChecks(strapi: Core.Strapi): Promise<ValueCheck[]> {
  const { rows } = (await strapi.db.connection.raw(
    `SELECT conname AS name, conrelid::regclass::text AS "table", pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace`,
  )) as { rows: Array<{ name: string; table: string; definition: string }> };
  const checks: ValueCheck[] = [];
  for (const { model, field } of ENUMERATIONS) {
    if (!strapi.db.metadata.has(model)) continue;
    const meta = strapi.db.metadata.get(model) as unknown as Meta;
    const column = meta.attributes[field]?.columnName ?? field;
    // The column among the definition's names, not inside one of its values ('in-custody' is no custody column).
    const names = (definition: string) => definition.replace(/'(?:[^']|'')*'/g, "''");
    for (const row of rows.filter((r) => r.table === meta.tableName && new RegExp(`\\b${column}\\b`).test(names(r.definition)))) {
      const values = checkedValues(row.definition);
      if (values) checks.push({ model, field, constraint: row.name, values });
    }
  }
  return checks;
}

export async function enumerationCheckProblems(strapi: Core.Strapi): Promise<string[]> {
  type Model = ReturnType<Parameters<typeof enumerationProblems>[0]>;
  const models = { ...(strapi.components as unknown as Record<string, Model>), ...(strapi.contentTypes as unknown as Record<string, Model>) };
  const modelOf = (uid: string) => models[uid];
  return enumerationProblems(modelOf, ENUM_LABELS, await valueChecks(strapi), ARCHIVE_FIELD_LABELS);
}

export async function assertEnumerationsAgree(strapi: Core.Strapi): Promise<void> {
  const problems = await enumerationCheckProblems(strapi);
  if (problems.length > 0) throw new Error(`The enumerations do not agree; refusing to start:\n  ${problems.join('\n  ')}`);
}
