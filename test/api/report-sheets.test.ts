/**
 * Reports as Excel (issue 14, "the same for every report"): 学籍异动统计 with `format=xlsx` gives
 * the admin page's table as a sheet (title, what it covers, Chinese headings, a row per
 * department, totals), in the caller's scope, through the content API and the admin alike.
 */
import { activeStudent, createRequest, createWorkflowWorld, suspensionData, type WorkflowWorld } from '../factories/status-changes';
import { binary, sheetRows } from '../helpers/binary';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: WorkflowWorld;
/** The two departments' names, as the sheet shows them. */
let names: { own: string; other: string };
const SEMESTER = '2026-2027-1';

/** A request of each department, filed and then recorded as approved in the semester. */
async function approvedSuspension(classDocumentId: string, auth: string): Promise<void> {
  const student = await activeStudent(app, classDocumentId);
  const request = await createRequest(app, auth, suspensionData(student.documentId));
  await app.strapi.db.query('api::status-change.status-change').update({
    where: { documentId: request.documentId },
    data: { state: 'approved', semester: SEMESTER },
  });
}

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorkflowWorld(app);
  const nameOf = async (documentId: string) => ((await app.strapi.documents('api::department.department').findOne({ documentId })) as unknown as { name: string }).name;
  names = {
    own: await nameOf(world.tree.department.documentId),
    other: await nameOf(world.otherTree.department.documentId),
  };
  await approvedSuspension(world.tree.schoolClass.documentId, world.manager.api);
  await approvedSuspension(world.tree.schoolClass.documentId, world.manager.api);
  await approvedSuspension(world.otherTree.schoolClass.documentId, world.otherManager.api);
  // A draft: no semester until it is submitted
  const draftStudent = await activeStudent(app, world.tree.schoolClass.documentId);
  await createRequest(app, world.manager.api, suspensionData(draftStudent.documentId));
});

afterAll(() => app?.stop());

test('academic affairs: the whole school, a row per department, the same numbers as the JSON answer', async () => {
  // When academic affairs asks for the semester's approved requests as a sheet
  const res = await binary(app.http.get(`/api/status-changes/report?semester=${SEMESTER}&format=xlsx`).set('Authorization', world.academicAffairs.api));
  // Then it is an .xlsx download named in Chinese
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(decodeURIComponent(res.headers['content-disposition'])).toMatch(/学籍异动统计-\d{4}-\d{2}-\d{2}\.xlsx/);
  const rows = await sheetRows(res.body);
  // Its title rows say what is counted and for whom
  expect(rows[0][0]).toBe('学籍异动统计');
  expect(rows[1][0]).toBe('2026-2027学年第一学期 · 已批准 · 范围：全校');
  // The headings are Chinese
  expect(rows[2][0]).toBe('系部');
  expect(rows[2]).toContain('休学');
  expect(rows[2][rows[2].length - 1]).toBe('合计');
  const suspension = rows[2].indexOf('休学');
  const row = (name: string) => rows.find((r) => r[0] === name);
  expect(row(names.own)?.[suspension]).toBe(2);
  expect(row(names.other)?.[suspension]).toBe(1);
  // And the totals row adds up what the JSON answer counts
  const json = await app.http.get(`/api/status-changes/report?semester=${SEMESTER}`).set('Authorization', world.academicAffairs.api);
  const totals = rows[rows.length - 1];
  expect(totals[0]).toBe('合计');
  expect(totals[totals.length - 1]).toBe(json.body.meta.total);
  expect(totals[suspension]).toBe(json.body.meta.byType.suspension);
});

test('a department manager: their own department only, named in the title row', async () => {
  const res = await binary(app.http.get(`/api/status-changes/report?semester=${SEMESTER}&format=xlsx`).set('Authorization', world.manager.api));
  expect(res.status).toBe(200);
  const rows = await sheetRows(res.body);
  expect(rows[1][0]).toBe(`2026-2027学年第一学期 · 已批准 · 范围：${names.own}`);
  expect(rows.slice(3, -1).map((r) => r[0])).toEqual([names.own]);
  expect(rows[rows.length - 1][rows[2].length - 1]).toBe(2);
});

test('drafts (no semester yet): semester=none counts them, as JSON and as a sheet', async () => {
  const json = await app.http.get('/api/status-changes/report?state=draft&semester=none').set('Authorization', world.manager.api);
  expect(json.status).toBe(200);
  expect(json.body.meta.total).toBe(1);
  const res = await binary(app.http.get('/api/status-changes/report?state=draft&semester=none&format=xlsx').set('Authorization', world.manager.api));
  const rows = await sheetRows(res.body);
  expect(rows[1][0]).toContain('未提交（无学期） · 草稿');
  expect(rows[rows.length - 1][rows[2].length - 1]).toBe(1);
});

test('the admin page downloads the same sheet with the admin session', async () => {
  const res = await binary(app.http.get(`/student-records/status-changes/report?semester=${SEMESTER}&format=xlsx`).set('Authorization', world.otherManager.admin));
  expect(res.status).toBe(200);
  const rows = await sheetRows(res.body);
  expect(rows.slice(3, -1).map((r) => r[0])).toEqual([names.other]);
});

test('a format that does not exist is a 400 naming the field, and a student gets no report', async () => {
  const bad = await app.http.get('/api/status-changes/report?format=pdf').set('Authorization', world.academicAffairs.api);
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toContain('format');
  expect(bad.body.error.details.errors[0].path).toEqual(['format']);
  const anonymous = await app.http.get('/api/status-changes/report?format=xlsx');
  expect([401, 403]).toContain(anonymous.status);
});
