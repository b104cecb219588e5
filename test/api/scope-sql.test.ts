/**
 * The scope as SQL (src/services/scope/scope-sql.ts) reaches exactly the rows the entity manager
 * reaches with `scopeWhere`, for every scoped type and every kind of scope: the home page's
 * charts count what the caller's lists show, and no row more.
 */
import { SCOPED_TYPES, scopeWhere, type Scope } from '../../src/domain/scope';
import { scopeSql } from '../../src/services/scope/scope-sql';
import { withoutScope } from '../../src/services/scope/context';
import { act, activeStudent, attachDocuments, createRequest, createWorkflowWorld, studentWithLogin, suspensionData, type WorkflowWorld } from '../factories/status-changes';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: WorkflowWorld;
let departments: { ours: number; theirs: number };
let studentUser: number;

const stateOf = async (documentId: string) => ((await app.strapi.db.query('api::status-change.status-change').findOne({ where: { documentId } })) as { state: string }).state;
const idOf = async (uid: string, documentId: string) => ((await app.strapi.db.query(uid as never).findOne({ where: { documentId } })) as { id: number }).id;

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorkflowWorld(app);
  departments = { ours: await idOf('api::department.department', world.tree.department.documentId), theirs: await idOf('api::department.department', world.otherTree.department.documentId) };
  const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
  studentUser = student.userId;
  const theirs = await activeStudent(app, world.otherTree.schoolClass.documentId);
  // A request in each department, decided through its chain: decisions, notifications, status history
  for (const [documentId, manager] of [
    [student.documentId, world.manager],
    [theirs.documentId, world.otherManager],
  ] as const) {
    const request = await createRequest(app, manager.api, suspensionData(documentId));
    await attachDocuments(app, request.documentId);
    expect((await act(app, manager.api, request.documentId, 'submit')).status).toBe(200);
    // Each step approved by whoever of the deciders stands at it, until the request takes effect
    for (let step = 0; step < 6 && (await stateOf(request.documentId)) !== 'approved'; step += 1) {
      let decided = false;
      for (const who of [manager, world.academicAffairs, world.studentAffairs, world.leader]) {
        if ((await act(app, who.api, request.documentId, 'approve', { comment: '同意', step: step + 1 })).status === 200) decided = true;
        if (decided) break;
      }
      expect(decided).toBe(true);
    }
    expect(await stateOf(request.documentId)).toBe('approved');
  }
});

afterAll(() => app?.stop());

function scopes(): Array<[string, Scope]> {
  return [
    ['the whole school', { kind: 'all' }],
    ['no scope', { kind: 'none' }],
    ['our department', { kind: 'departments', departmentIds: [departments.ours] }],
    ['their department', { kind: 'departments', departmentIds: [departments.theirs] }],
    ['both departments', { kind: 'departments', departmentIds: [departments.ours, departments.theirs] }],
    ['no department', { kind: 'departments', departmentIds: [] }],
    ['a student themself', { kind: 'self', userId: studentUser }],
  ];
}

test.each(Object.keys(SCOPED_TYPES))('%s: the SQL condition and scopeWhere find the same rows under every scope', async (uid) => {
  const table = app.strapi.db.metadata.get(uid as never).tableName;
  const all = (await app.strapi.db.connection.raw(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
  expect(all).toBeGreaterThan(0);
  for (const [name, scope] of scopes()) {
    const condition = scopeSql(app.strapi, uid, 'x', scope);
    const bySql = ((await app.strapi.db.connection.raw(`SELECT x.id FROM ${table} x WHERE ${condition.sql} ORDER BY x.id`, condition.bindings as never)).rows as Array<{ id: number }>).map((r) => r.id);
    const where = scopeWhere(uid, scope);
    const found = (await withoutScope(() => app.strapi.db.query(uid as never).findMany({ ...(where ? { where } : {}), select: ['id'], orderBy: { id: 'asc' } }))) as Array<{ id: number }>;
    expect({ scope: name, ids: bySql }).toEqual({ scope: name, ids: found.map((r) => r.id) });
  }
});

test('the departments tell apart: one department reaches some rows of a type, not all of them', async () => {
  const condition = scopeSql(app.strapi, 'api::student.student', 's', { kind: 'departments', departmentIds: [departments.ours] });
  const ours = (await app.strapi.db.connection.raw(`SELECT count(*)::int AS n FROM students s WHERE ${condition.sql}`, condition.bindings as never)).rows[0].n as number;
  const all = (await app.strapi.db.connection.raw('SELECT count(*)::int AS n FROM students')).rows[0].n as number;
  expect(ours).toBeGreaterThan(0);
  expect(ours).toBeLessThan(all);
});
