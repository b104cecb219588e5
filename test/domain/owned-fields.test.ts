/**
 * The fields the rules own are locked in the Content-Type Builder, and the start-up check refuses
 * content types where one was renamed, deleted or unlocked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { OWNED_FIELDS, ownedFieldProblems } from '../../src/domain/owned-fields';

/** The schemas as the repository has them, keyed by uid. */
function schemas(): Record<string, { attributes: Record<string, { configurable?: boolean }> }> {
  const api = path.join(__dirname, '..', '..', 'src', 'api');
  const found: Record<string, { attributes: Record<string, { configurable?: boolean }> }> = {};
  for (const name of fs.readdirSync(api)) {
    const file = path.join(api, name, 'content-types', name, 'schema.json');
    if (fs.existsSync(file)) found[`api::${name}.${name}`] = JSON.parse(fs.readFileSync(file, 'utf8'));
  }
  return found;
}

test('every owned field is in its schema and locked', () => {
  expect(ownedFieldProblems(schemas())).toEqual([]);
});

test('a renamed field, an unlocked field and a missing type are each named', () => {
  const broken = schemas();
  const student = broken['api::student.student'].attributes;
  student.matriculationNumber = student.studentNumber;
  delete student.studentNumber;
  broken['api::status-change.status-change'].attributes.state = { ...broken['api::status-change.status-change'].attributes.state, configurable: true };
  delete broken['api::semester.semester'];
  expect(ownedFieldProblems(broken)).toEqual([
    'api::student.student.studentNumber is missing (renamed or deleted?)',
    'api::status-change.status-change.state must be "configurable": false',
    'api::semester.semester is missing',
  ]);
});

test('the engine-written fields of a status change are among the owned ones', () => {
  expect(OWNED_FIELDS['api::status-change.status-change']).toEqual(expect.arrayContaining(['state', 'round', 'currentStep', 'chainSteps']));
});
