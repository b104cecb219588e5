/**
 * The home page's charts (GET /student-records/dashboard/:dataset, and all of a caller's at once:
 * GET /student-records/dashboard) and the menu badge's count
 * (GET /student-records/inbox/count), on a database of their own: numbers against the data the
 * tests create, each person's scope, the permission each dataset names, and "this school year"
 * from the school's clock.
 */
import { createClassTree, studentInput, type ClassTree } from '../factories';
import { createStaff, ensureOffices, type StaffActor } from '../factories/actors';
import { act, activeStudent, attachDocuments, createRequest, createWorkflowWorld, suspensionData, type WorkflowWorld } from '../factories/status-changes';
import { binary, sheetRows } from '../helpers/binary';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { setClock } from '../../src/services/clock';
import type { DatasetCell, DatasetResult } from '../../src/domain/dashboard';

let app: TestApp;
let world: WorkflowWorld;

beforeAll(async () => {
  setClock('2026-10-15T10:00:00+08:00');
  app = await startStrapi({ freshDatabase: true });
  await ensureOffices(app);
  world = await createWorkflowWorld(app, { enrollmentYear: 2026 });
});

afterAll(async () => {
  await app.stop();
  setClock(null);
});

async function dataset(person: StaffActor, name: string) {
  return app.http.get(`/student-records/dashboard/${name}`).set('Authorization', person.admin);
}

async function readDataset(person: StaffActor, name: string): Promise<DatasetResult> {
  const response = await dataset(person, name);
  expect(response.status).toBe(200);
  return response.body.data as DatasetResult;
}

/** Every dataset the person may read, by name (GET /student-records/dashboard). */
async function readAll(person: StaffActor): Promise<Record<string, DatasetResult>> {
  const response = await app.http.get('/student-records/dashboard').set('Authorization', person.admin);
  expect(response.status).toBe(200);
  const results = response.body.data as DatasetResult[];
  return Object.fromEntries(results.map((result) => [result.dataset, result]));
}

/** A result with its cells in a fixed order (SQL groups come in any order). */
function sorted(result: DatasetResult): DatasetResult {
  const key = (c: DatasetCell) => `${c.category}|${c.series}|${c.filter ?? ''}`;
  return { ...result, cells: [...result.cells].sort((a, b) => key(a).localeCompare(key(b))) };
}

async function departmentId(tree: ClassTree): Promise<string> {
  const row = (await app.strapi.db.query('api::department.department').findOne({ where: { documentId: tree.department.documentId } })) as { id: number };
  return String(row.id);
}

async function admitWithStatus(tree: ClassTree, status: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const created = (await app.strapi.documents('api::student.student').create({ data: studentInput(tree.schoolClass.documentId) as never })) as unknown as { id: number };
    await app.strapi.db.query('api::student.student').update({ where: { id: created.id }, data: { status } });
  }
}

/** The cells of one category, as { series: value }. */
function countsOf(result: DatasetResult, category: string, filter?: string): Record<string, number> {
  const cells = result.cells.filter((c: DatasetCell) => c.category === category && (filter === undefined || c.filter === filter));
  return Object.fromEntries(cells.map((c) => [c.series, c.value]));
}

describe('students by department and status', () => {
  let north: ClassTree;
  let south: ClassTree;
  let empty: ClassTree;
  let northManager: StaffActor;
  let emptyManager: StaffActor;

  beforeAll(async () => {
    north = await createClassTree(app.strapi, { enrollmentYear: 2026 });
    south = await createClassTree(app.strapi, { enrollmentYear: 2026 });
    empty = await createClassTree(app.strapi, { enrollmentYear: 2026 });
    await admitWithStatus(north, 'active', 3);
    await admitWithStatus(north, 'admitted', 1);
    await admitWithStatus(south, 'active', 2);
    await admitWithStatus(south, 'suspended', 1);
    northManager = await createStaff(app, { adminRole: 'department-manager', department: north.department.documentId });
    emptyManager = await createStaff(app, { adminRole: 'department-manager', department: empty.department.documentId });
  });

  test('academic affairs sees every department, its students counted by status, a department without students at zero', async () => {
    // When academic affairs reads the dataset
    const result = await readDataset(world.academicAffairs, 'students-by-status');
    // Then each department's counts are the students created in it
    expect(result.coverage).toEqual({ kind: 'school' });
    expect(countsOf(result, await departmentId(north))).toEqual({ active: 3, admitted: 1 });
    expect(countsOf(result, await departmentId(south))).toEqual({ active: 2, suspended: 1 });
    expect(countsOf(result, await departmentId(empty))).toEqual({});
    expect(result.categories.map((c) => c.key)).toEqual(expect.arrayContaining([await departmentId(north), await departmentId(south), await departmentId(empty)]));
    expect(result.series.find((s) => s.key === 'active')?.label).toBe('在籍');
  });

  test('a department manager sees only their own department', async () => {
    const result = await readDataset(northManager, 'students-by-status');
    expect(result.categories.map((c) => c.key)).toEqual([await departmentId(north)]);
    expect(result.coverage).toMatchObject({ kind: 'departments', departments: [expect.stringContaining('测试系部')] });
    expect(result.cells.map((c) => c.category)).toEqual(expect.arrayContaining([await departmentId(north)]));
    expect(new Set(result.cells.map((c) => c.category))).toEqual(new Set([await departmentId(north)]));
    expect(countsOf(result, await departmentId(north))).toEqual({ active: 3, admitted: 1 });
  });

  test('all the charts in one request: the same numbers as each chart asked alone, for the school and for a department', async () => {
    for (const person of [world.academicAffairs, northManager]) {
      const all = await readAll(person);
      expect(Object.keys(all)).toEqual(['students-by-status', 'status-changes-by-month']);
      for (const [name, result] of Object.entries(all)) expect(sorted(result)).toEqual(sorted(await readDataset(person, name)));
    }
    // The manager's students chart is still their department alone
    const managers = (await readAll(northManager))['students-by-status'];
    expect(new Set(managers.cells.map((c) => c.category))).toEqual(new Set([await departmentId(north)]));
    expect(countsOf(managers, await departmentId(north))).toEqual({ active: 3, admitted: 1 });
  });

  test('the manager of a department without students sees their department at zero and nobody else', async () => {
    const result = await readDataset(emptyManager, 'students-by-status');
    expect(result.categories.map((c) => c.key)).toEqual([await departmentId(empty)]);
    expect(result.cells).toEqual([]);
  });
});

describe('status changes by type and month of this school year', () => {
  /** Files a suspension for a new student of `tree` at `at` (school time), submitted by `filer`. */
  async function fileAt(at: string, tree: ClassTree, filer: StaffActor): Promise<string> {
    setClock(at);
    const student = await activeStudent(app, tree.schoolClass.documentId);
    const request = await createRequest(app, filer.api, suspensionData(student.documentId));
    await attachDocuments(app, request.documentId);
    const submitted = await act(app, filer.api, request.documentId, 'submit');
    if (submitted.status !== 200) throw new Error(`submit at ${at}: ${submitted.status} ${JSON.stringify(submitted.body)}`);
    return request.documentId;
  }

  beforeAll(async () => {
    // Last school year (August 2026): not counted in 2026-2027.
    await fileAt('2026-08-20T10:00:00+08:00', world.tree, world.manager);
    // September: approved by the department, then academic affairs.
    const approved = await fileAt('2026-09-15T10:00:00+08:00', world.tree, world.manager);
    expect((await act(app, world.manager.api, approved, 'approve', { comment: '同意', step: 1 })).status).toBe(200);
    expect((await act(app, world.academicAffairs.api, approved, 'approve', { comment: '同意', step: 2 })).status).toBe(200);
    // 07:30 on 1 October in Beijing is still 30 September in UTC: an October request, pending.
    await fileAt('2026-10-01T07:30:00+08:00', world.tree, world.manager);
    // November: rejected by the department.
    const rejected = await fileAt('2026-11-03T10:00:00+08:00', world.tree, world.manager);
    expect((await act(app, world.manager.api, rejected, 'reject', { comment: '材料不全', step: 1 })).status).toBe(200);
    // Another department's October request.
    await fileAt('2026-10-10T10:00:00+08:00', world.otherTree, world.otherManager);
    // A draft was never filed.
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    await createRequest(app, world.manager.api, suspensionData(student.documentId));
    setClock('2027-01-10T10:00:00+08:00');
  });

  test('the school year is the one the school clock is in, its months from September', async () => {
    const result = await readDataset(world.academicAffairs, 'status-changes-by-month');
    expect(result.period).toBe('2026-2027学年');
    expect(result.categories.map((c) => c.key)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08']);
    expect(result.filters.map((f) => f.label)).toEqual(['已通过', '未通过', '审批中']);
  });

  test('school-wide, each request counted in the month it was filed (school time) under its state', async () => {
    const result = await readDataset(world.leader, 'status-changes-by-month');
    // Then: September approved, October two pending (one of them filed at 07:30 Beijing on 1 October), November rejected
    expect(result.cells).toEqual(
      expect.arrayContaining([
        { category: '2026-09', series: 'suspension', filter: 'approved', value: 1 },
        { category: '2026-10', series: 'suspension', filter: 'pending', value: 2 },
        { category: '2026-11', series: 'suspension', filter: 'rejected', value: 1 },
      ]),
    );
    // And August's request (last school year) and the draft are not counted
    expect(result.cells.reduce((sum, c) => sum + c.value, 0)).toBe(4);
  });

  test('a department manager counts only their own department', async () => {
    const result = await readDataset(world.manager, 'status-changes-by-month');
    expect(countsOf(result, '2026-10', 'pending')).toEqual({ suspension: 1 });
    expect(result.cells.reduce((sum, c) => sum + c.value, 0)).toBe(3);
    const other = await readDataset(world.otherManager, 'status-changes-by-month');
    expect(other.cells).toEqual([{ category: '2026-10', series: 'suspension', filter: 'pending', value: 1 }]);
  });

  test('the chart as an Excel sheet: the table under it, with its filter, over the caller\'s scope', async () => {
    // When the department manager downloads the pending requests' table
    const res = await binary(app.http.get('/student-records/dashboard/status-changes-by-month?format=xlsx&filter=pending').set('Authorization', world.manager.admin));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetRows(res.body);
    // Then the title rows say what and for whom, the headings are the table's
    expect(rows[0][0]).toBe('本学年学籍异动');
    expect(rows[1][0]).toMatch(/^2026-2027学年 · 审批中 · 范围：测试系部.* · 单位：件$/);
    expect(rows[2]).toEqual(['月份', '休学', '合计']);
    // And the numbers are the manager's own: October's one pending request, in total one
    expect(rows.find((r) => r[0] === '2026年10月')).toEqual(['2026年10月', 1, 1]);
    expect(rows[rows.length - 1]).toEqual(['合计', 1, 1]);
    // Academic affairs' sheet of every state counts the school's four
    const school = await binary(app.http.get('/student-records/dashboard/status-changes-by-month?format=xlsx').set('Authorization', world.academicAffairs.admin));
    const schoolRows = await sheetRows(school.body);
    expect(schoolRows[1][0]).toContain('范围：全校');
    expect(schoolRows[schoolRows.length - 1][schoolRows[2].length - 1]).toBe(4);
  });

  test('a sheet with a filter or a format that does not exist is a 400 naming it', async () => {
    const filter = await app.http.get('/student-records/dashboard/status-changes-by-month?format=xlsx&filter=nope').set('Authorization', world.academicAffairs.admin);
    expect(filter.status).toBe(400);
    expect(filter.body.error.details.errors[0].path).toEqual(['filter']);
    const format = await app.http.get('/student-records/dashboard/status-changes-by-month?format=csv').set('Authorization', world.academicAffairs.admin);
    expect(format.status).toBe(400);
    expect(format.body.error.details.errors[0].path).toEqual(['format']);
  });

  test('when the clock reaches the next school year, its chart starts empty', async () => {
    setClock('2027-09-02T09:00:00+08:00');
    try {
      const result = await readDataset(world.academicAffairs, 'status-changes-by-month');
      expect(result.period).toBe('2027-2028学年');
      expect(result.cells).toEqual([]);
    } finally {
      setClock('2027-01-10T10:00:00+08:00');
    }
  });

  test('the menu badge counts what the inbox lists, and the overdue ones', async () => {
    // Given the department's manager with the October request waiting at their step, long past its due date
    const list = await app.http.get('/student-records/inbox').set('Authorization', world.manager.admin);
    const count = await app.http.get('/student-records/inbox/count').set('Authorization', world.manager.admin);
    expect(list.status).toBe(200);
    expect(count.status).toBe(200);
    const items = list.body.data as Array<{ overdue: boolean }>;
    expect(items.length).toBeGreaterThan(0);
    expect(count.body.data).toEqual({ total: items.length, overdue: items.filter((i) => i.overdue).length });
    expect(count.body.data.overdue).toBeGreaterThan(0);
    // And nobody else's requests are counted for another department's manager
    const other = await app.http.get('/student-records/inbox/count').set('Authorization', world.otherManager.admin);
    const otherList = await app.http.get('/student-records/inbox').set('Authorization', world.otherManager.admin);
    expect(other.body.data.total).toBe(otherList.body.data.length);
  });
});

describe('who may read which dataset', () => {
  let statusChangeReader: StaffActor;

  beforeAll(async () => {
    // A role that reads status changes but not students.
    const role = (await app.strapi.db.query('admin::role').create({ data: { name: '异动只读（测试）', code: 'dashboard-test-reader', description: '' } })) as { id: number };
    await app.strapi.db.query('admin::permission').create({
      data: { action: 'plugin::content-manager.explorer.read', subject: 'api::status-change.status-change', role: role.id, properties: { fields: ['type', 'state'] }, conditions: [] },
    });
    statusChangeReader = await createStaff(app, { adminRole: 'dashboard-test-reader', office: 'academic-affairs' });
  });

  test('a role without 读取 on students gets 403 for the students chart, and its status-change chart', async () => {
    const refused = await dataset(statusChangeReader, 'students-by-status');
    expect(refused.status).toBe(403);
    expect(refused.body.data).toBeFalsy();
    expect((await dataset(statusChangeReader, 'status-changes-by-month')).status).toBe(200);
  });

  test('all the charts in one request leave out the one the role may not read', async () => {
    const all = await readAll(statusChangeReader);
    expect(Object.keys(all)).toEqual(['status-changes-by-month']);
    expect(sorted(all['status-changes-by-month'])).toEqual(sorted(await readDataset(statusChangeReader, 'status-changes-by-month')));
  });

  test('an unknown dataset is a 404, and no login is a 401', async () => {
    expect((await dataset(world.academicAffairs, 'graduation-eligibility')).status).toBe(404);
    expect((await app.http.get('/student-records/dashboard/students-by-status')).status).toBe(401);
    expect((await app.http.get('/student-records/dashboard')).status).toBe(401);
  });
});
