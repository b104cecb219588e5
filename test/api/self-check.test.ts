/**
 * The start-up self-check: the department scope's wrapper, the trigger that keeps
 * students.department_scope and the append-only triggers must be in place, or the server refuses
 * to start, saying which is missing.
 */
import path from 'node:path';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
// The compiled module the running server uses (its query counter is the one the server moves).
const { scopeSelfCheckProblems, assertScopeInPlace } = require(path.join(ROOT, 'dist', 'src', 'services', 'self-check')) as typeof import('../../src/services/self-check');

beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app.stop();
});

const sql = (text: string) => app.strapi.db.connection.raw(text);

test('in place: nothing to report', async () => {
  expect(await scopeSelfCheckProblems(app.strapi)).toEqual([]);
});

test('a Document Service read that no longer passes through the scope wrapper is refused', async () => {
  type Layer = { unwrapped?: Layer };
  const entityManager = app.strapi.db.entityManager as unknown as Record<string, Layer>;
  const wrapped = entityManager.findMany;
  // Strapi's own method, under every wrapper (scope, protected search): as if an upgrade moved the call
  let bare = wrapped;
  while (bare.unwrapped) bare = bare.unwrapped;
  entityManager.findMany = bare;
  try {
    await expect(assertScopeInPlace(app.strapi)).rejects.toThrow(/did not pass through the department scope/);
  } finally {
    entityManager.findMany = wrapped;
  }
});

test('the department-scope trigger missing from the link table is named', async () => {
  await sql('DROP TRIGGER students_department_scope_sync ON students_department_lnk');
  try {
    expect(await scopeSelfCheckProblems(app.strapi)).toEqual([expect.stringMatching(/students_department_scope_sync is not on the student-department link table \(students_department_lnk\)/)]);
  } finally {
    await sql('CREATE TRIGGER students_department_scope_sync AFTER INSERT OR UPDATE OR DELETE ON students_department_lnk FOR EACH ROW EXECUTE FUNCTION students_department_scope_sync()');
  }
  expect(await scopeSelfCheckProblems(app.strapi)).toEqual([]);
});

test('an append-only trigger missing is named', async () => {
  await sql('ALTER TABLE approval_decisions DISABLE TRIGGER USER');
  await sql('DROP TRIGGER approval_decisions_append_only_rows ON approval_decisions');
  try {
    expect(await scopeSelfCheckProblems(app.strapi)).toEqual(['the trigger approval_decisions_append_only_rows is missing: approval_decisions could be changed']);
  } finally {
    await sql('CREATE TRIGGER approval_decisions_append_only_rows BEFORE UPDATE OR DELETE ON approval_decisions FOR EACH ROW EXECUTE FUNCTION refuse_change_of_record()');
    await sql('ALTER TABLE approval_decisions ENABLE TRIGGER USER');
  }
});

describe('enumerations against the database', () => {
  const { enumerationCheckProblems } = require(path.join(ROOT, 'dist', 'src', 'services', 'enumeration-check')) as typeof import('../../src/services/enumeration-check');

  test('the CHECK constraints of the running database agree with the rules', async () => {
    expect(await enumerationCheckProblems(app.strapi)).toEqual([]);
  });

  test('a CHECK left behind by a migration (a state the rules do not know) is named', async () => {
    const { rows } = await sql("SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'status_changes'::regclass AND pg_get_constraintdef(oid) LIKE '%state%ANY%'");
    const [{ conname, def }] = rows as Array<{ conname: string; def: string }>;
    await sql(`ALTER TABLE status_changes DROP CONSTRAINT ${conname}`);
    await sql(`ALTER TABLE status_changes ADD CONSTRAINT ${conname} CHECK (state IN ('draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn', 'archived')) NOT VALID`);
    try {
      expect(await enumerationCheckProblems(app.strapi)).toEqual([expect.stringContaining(`the database constraint ${conname} allows [draft, submitted, returned, approved, rejected, withdrawn, archived]`)]);
    } finally {
      await sql(`ALTER TABLE status_changes DROP CONSTRAINT ${conname}`);
      await sql(`ALTER TABLE status_changes ADD CONSTRAINT ${conname} ${def}`);
    }
  });
});
