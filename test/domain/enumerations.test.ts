/**
 * One definition per enumeration: the schemas, the Chinese labels and the database's CHECKs must
 * agree with the domain constants, or the server refuses to start naming the difference.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ARCHIVE_FIELD_LABELS, ENUM_LABELS } from '../../src/domain/enum-labels';
import { ENUMERATIONS, checkedValues, enumerationProblems } from '../../src/domain/enumerations';

type Model = { attributes: Record<string, { type?: string; enum?: string[] }> };

/** The schemas of the repository, by uid (content types and components). */
function models(): Record<string, Model> {
  const root = path.join(__dirname, '..', '..', 'src');
  const found: Record<string, Model> = {};
  for (const name of fs.readdirSync(path.join(root, 'api'))) {
    const file = path.join(root, 'api', name, 'content-types', name, 'schema.json');
    if (fs.existsSync(file)) found[`api::${name}.${name}`] = JSON.parse(fs.readFileSync(file, 'utf8'));
  }
  for (const category of fs.readdirSync(path.join(root, 'components'))) {
    for (const file of fs.readdirSync(path.join(root, 'components', category))) {
      found[`${category}.${file.replace(/\.json$/, '')}`] = JSON.parse(fs.readFileSync(path.join(root, 'components', category, file), 'utf8'));
    }
  }
  return found;
}

test('the schemas and labels of the repository agree with the rules', () => {
  const all = models();
  expect(enumerationProblems((uid) => all[uid], ENUM_LABELS, [], ARCHIVE_FIELD_LABELS)).toEqual([]);
});

test('every enumeration of every schema is in the registry', () => {
  const all = models();
  const inSchemas = Object.entries(all).flatMap(([uid, model]) =>
    Object.entries(model.attributes).filter(([, a]) => a.type === 'enumeration').map(([field]) => `${uid}.${field}`),
  );
  expect(inSchemas.sort()).toEqual(ENUMERATIONS.map((e) => `${e.model}.${e.field}`).sort());
});

test('a value added in a schema, a missing label and a stale database CHECK are each named', () => {
  const all = models();
  all['api::student.student'].attributes.status.enum = [...(all['api::student.student'].attributes.status.enum ?? []), 'expelled'];
  const { holiday: _holiday, ...labels } = ENUM_LABELS;
  const problems = enumerationProblems((uid) => all[uid], labels, [
    { model: 'api::status-change.status-change', field: 'state', constraint: 'status_changes_state_values', values: ['draft', 'submitted'] },
  ], ARCHIVE_FIELD_LABELS);
  expect(problems).toEqual([
    expect.stringMatching(/^api::student\.student\.status lists \[.*expelled\] but the rules know \[admitted, .*deregistered\]$/),
    'api::calendar-day.calendar-day.kind: no Chinese label for holiday (src/domain/enum-labels.ts)',
    expect.stringMatching(/^the database constraint status_changes_state_values allows \[draft, submitted\] for api::status-change\.status-change\.state/),
  ]);
});

test.each([
  ["CHECK (((state)::text = ANY ((ARRAY['draft'::character varying, 'submitted'::character varying])::text[])))", ['draft', 'submitted']],
  ["CHECK ((kind = ANY (ARRAY['holiday'::text, 'make-up-workday'::text])))", ['holiday', 'make-up-workday']],
  ['CHECK ((round >= 0))', null],
])('the values of %s', (definition, values) => {
  expect(checkedValues(definition)).toEqual(values);
});
