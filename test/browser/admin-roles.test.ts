/**
 * Each role's daily work in the real admin, in headless Chromium (issue 14, "Browser tests"): log
 * in, the home page (待办 and the charts), find a student by name and by number in 学生学籍, open a
 * request and file or decide it where the role can, export the list to Excel; on every page no
 * console error and no English left. Each page's time to settle is written to
 * docs/screenshots/browser-timings.json (bench/admin-pages.js checks the 3 s target; no timed
 * assertion here). Screenshots: docs/screenshots/browser-<role>-<step>.png.
 *
 * The admin panel is built once per run by global-setup (test/helpers/admin-build.js); the admin is
 * served by a server process of its own, on a database of its own.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { createSiblingDatabase, startStrapi, ROOT, type TestApp } from '../helpers/strapi';
import { sheetRows } from '../helpers/binary';
import { startServerProcess, type ServerProcess } from '../helpers/processes';
import { AdminSession, launchBrowser, type PageRecord } from '../helpers/admin-browser';
import { act, activeStudent, attachDocuments, createRequest, createWorkflowWorld, suspensionData, type ActiveStudent, type WorkflowWorld } from '../factories/status-changes';
import type { StaffActor } from '../factories/actors';

const PASSWORD = 'Actor-Pass-1234'; // test/factories/actors.ts
const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');
const STUDENTS = '/admin/content-manager/collection-types/api::student.student';
const REQUESTS = '/admin/content-manager/collection-types/api::status-change.status-change';

let database: { url: string; drop(): Promise<void> };
let app: TestApp;
let server: ServerProcess;
let origin: string;
let browser: Browser | undefined;
let world: WorkflowWorld;
let findMe: ActiveStudent;
let other: ActiveStudent;
/** A draft the department manager created through the API, to submit in the browser. */
let draft: string;
/** A request waiting at the academic-affairs step, to decide in the browser. */
let atAcademicAffairs: string;
const timings: PageRecord[] = [];

const FIND_ME = '欧阳浏览';
const OTHER = '司马对照';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  database = await createSiblingDatabase();
  app = await startStrapi({ databaseUrl: database.url });
  world = await createWorkflowWorld(app);
  findMe = await activeStudent(app, world.tree.schoolClass.documentId, { name: FIND_ME });
  other = await activeStudent(app, world.tree.schoolClass.documentId, { name: OTHER });
  draft = (await createRequest(app, world.manager.api, suspensionData(findMe.documentId))).documentId;
  await attachDocuments(app, draft);
  const waiting = await activeStudent(app, world.tree.schoolClass.documentId, { name: '上官等候' }); // Chinese: a random Latin name would read as English left in the UI
  atAcademicAffairs = (await createRequest(app, world.manager.api, suspensionData(waiting.documentId))).documentId;
  await attachDocuments(app, atAcademicAffairs);
  expect((await act(app, world.manager.api, atAcademicAffairs, 'submit')).status).toBe(200);
  expect((await act(app, world.clerk.api, atAcademicAffairs, 'approve', { comment: '情况属实' })).status).toBe(200);
  const port = await freePort();
  server = await startServerProcess(port, { DATABASE_URL: database.url, SERVE_ADMIN: '1' });
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await app?.stop();
  await database?.drop();
  if (timings.length > 0) {
    fs.writeFileSync(path.join(SCREENSHOTS, 'browser-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    console.log(`page times (navigation to network idle + heading), ms:\n${timings.map((t) => `  ${t.role.padEnd(18)} ${t.step.padEnd(16)} ${String(t.ms).padStart(6)}  ${t.path}`).join('\n')}`);
  }
});

/** A browser of its own per role (@sparticuz/chromium runs single-process: closing a context ends the browser). */
async function session(role: string, actor: StaffActor): Promise<AdminSession> {
  browser = await launchBrowser();
  const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  const admin = new AdminSession(await context.newPage(), origin, role, SCREENSHOTS);
  await admin.login(actor.email, PASSWORD);
  return admin;
}

/** The home page: the 待办 widget and, for roles that read them, the charts drawn. */
async function home(admin: AdminSession): Promise<void> {
  await admin.visit('home', '/admin');
  await admin.page.getByText('待办', { exact: true }).first().waitFor({ timeout: 20_000 });
  await admin.page.locator('canvas').first().waitFor({ timeout: 20_000 });
  expect(await admin.page.locator('canvas').count()).toBeGreaterThan(0);
  await admin.page.waitForTimeout(1200); // ECharts grows its bars for 1 s: the screenshot shows them drawn
  // Strapi's own widgets about draft and publish are not offered: the records have none.
  await admin.page.getByText('最近编辑的记录', { exact: true }).first().waitFor({ timeout: 20_000 });
  expect(await admin.page.getByText('最近发布的记录', { exact: true }).count()).toBe(0);
  await admin.check('home');
}

/** Types into the list's search box and waits for the rows. */
async function search(admin: AdminSession, term: string): Promise<void> {
  const page = admin.page;
  const input = page.locator('input[name="search"]');
  if (!(await input.isVisible())) await page.getByRole('button', { name: /搜索/ }).first().click();
  await input.fill(term);
  await input.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('_q') === term);
  await page.waitForLoadState('networkidle');
}

/** 学生学籍: the student found by name, then (from the whole list again) by number; the other student not. */
async function findStudent(admin: AdminSession): Promise<void> {
  const page = admin.page;
  const rows = (text: string) => page.locator('tbody tr').filter({ hasText: text });
  for (const [step, term] of [
    ['search-name', FIND_ME],
    ['search-number', findMe.studentNumber],
  ]) {
    await admin.visit(step === 'search-name' ? 'students' : 'students-again', STUDENTS);
    await rows(OTHER).first().waitFor();
    if (step === 'search-name') await admin.check('students');
    await search(admin, term);
    // The other student's row goes (the list reloads), then the found one is back, alone.
    await rows(OTHER).first().waitFor({ state: 'detached' });
    await rows(FIND_ME).first().waitFor();
    await page.waitForLoadState('networkidle');
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    await expect(rows(FIND_ME).count()).resolves.toBe(1);
    await expect(rows(findMe.studentNumber).count()).resolves.toBe(1);
    await admin.check(step);
  }
}

/** The list's Excel menu: 导出 Excel downloads an .xlsx (a zip: it starts with PK). */
async function exportList(admin: AdminSession): Promise<void> {
  const page = admin.page;
  await admin.visit('export', STUDENTS);
  await page.getByRole('button', { name: 'Excel' }).click();
  const downloading = page.waitForEvent('download', { timeout: 30_000 });
  await page.getByRole('menuitem', { name: '导出 Excel', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = await download.path();
  const head = fs.readFileSync(file).subarray(0, 2).toString('latin1');
  expect(head).toBe('PK');
  await admin.check('export');
}

/** 学籍异动统计: 导出 Excel downloads the page's table as a sheet whose title row names the caller's scope. */
async function exportReport(admin: AdminSession, coverage: RegExp): Promise<void> {
  const page = admin.page;
  await admin.visit('report', '/admin/student-records/status-change-report');
  const button = page.getByRole('button', { name: '导出 Excel', exact: true });
  await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === '导出 Excel' && !b.disabled), undefined, { timeout: 20_000 });
  const downloading = page.waitForEvent('download', { timeout: 30_000 });
  await button.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^学籍异动统计-.*\.xlsx$/);
  const rows = await sheetRows(fs.readFileSync(await download.path()));
  expect(rows[0][0]).toBe('学籍异动统计');
  expect(String(rows[1][0])).toMatch(coverage);
  await admin.check('report');
}

/** Opens a request's edit view and waits for its 审批办理 panel. */
async function openRequest(admin: AdminSession, step: string, documentId: string): Promise<void> {
  await admin.visit(step, `${REQUESTS}/${documentId}`);
  await admin.page.getByText('审批流程').first().waitFor({ timeout: 20_000 });
}

/** The request's fields are disabled and its save button, greyed, names the reason. */
async function formIsLocked(admin: AdminSession, saveLabel: string): Promise<void> {
  await admin.page.locator('[name="reason"][disabled]').waitFor({ timeout: 20_000 });
  const save = admin.page.getByRole('button', { name: saveLabel, exact: true });
  await save.waitFor({ timeout: 20_000 });
  expect(await save.isDisabled()).toBe(true);
}

/** An audit entry of the decision just made opens under a title naming the action and the request, not 未命名. */
async function auditEntry(admin: AdminSession): Promise<void> {
  const entry = (await app.strapi.db.query('api::audit-log.audit-log').findOne({ where: { targetDocumentId: atAcademicAffairs, action: 'approve' } })) as { documentId: string };
  await admin.visit('audit-entry', `/admin/content-manager/collection-types/api::audit-log.audit-log/${entry.documentId}`);
  await admin.page.getByRole('heading', { level: 1, name: '同意 · 上官等候 休学' }).waitFor({ timeout: 20_000 });
  await admin.check('audit-entry');
}

/** Keeps the page times, shows what went wrong even when a step failed, and closes the context. */
async function finish(admin: AdminSession): Promise<void> {
  timings.push(...admin.timings);
  if (admin.problems().length > 0) console.log(`${admin.role}:\n  ${admin.problems().join('\n  ')}`);
  await browser?.close();
}

describe('each role in the admin, in Chromium', () => {
  test('department manager: home, finds a student, submits the request it created through the API, exports the list', async () => {
    const admin = await session('department-manager', world.manager);
    try {
      await home(admin);
      await findStudent(admin);
      await openRequest(admin, 'request', draft);
      await admin.check('request');
      const upload = admin.page.getByRole('button', { name: '上传材料', exact: true });
      await expect(upload.count()).resolves.toBe(1);
      await admin.page.getByRole('button', { name: '提交', exact: true }).click();
      await admin.page.getByText('申请已提交审批').first().waitFor({ timeout: 20_000 });
      await admin.check('submitted');
      const stored = (await app.strapi.db.query('api::status-change.status-change').findOne({ where: { documentId: draft } })) as { state: string };
      expect(stored.state).toBe('submitted');
      // Without a reload: the form is read-only and its save button says why (the document was refetched).
      await formIsLocked(admin, '审批中，不能修改');
      await admin.page.getByText('表单已设为只读').first().waitFor();
      await expect(upload.count()).resolves.toBe(0); // the server's rule: documents only while editable
      // Returned to its filer (this manager decides the department step): editable again, still without a reload.
      await admin.page.getByRole('textbox', { name: '审批意见' }).fill('请补充休学期间安排');
      await admin.page.getByRole('button', { name: '退回', exact: true }).click();
      await admin.page.getByText('申请已退回修改').first().waitFor({ timeout: 20_000 });
      await admin.page.locator('[name="reason"]:not([disabled])').waitFor({ timeout: 20_000 });
      await admin.page.getByRole('button', { name: '保存', exact: true }).waitFor();
      await expect(upload.count()).resolves.toBe(1);
      await admin.check('returned');
      await exportList(admin);
      await exportReport(admin, /范围：测试系部/);
      expect(admin.problems()).toEqual([]);
    } finally {
      await finish(admin);
    }
  });

  test('academic affairs: home, finds a student, approves the academic-affairs step, exports the list', async () => {
    const admin = await session('academic-affairs', world.academicAffairs);
    try {
      await home(admin);
      await findStudent(admin);
      await openRequest(admin, 'request', atAcademicAffairs);
      await admin.check('request');
      await admin.page.getByRole('button', { name: '同意', exact: true }).click();
      await admin.page.getByText('已同意，申请已批准，学籍变动已生效').first().waitFor({ timeout: 20_000 });
      await admin.check('decided');
      const stored = (await app.strapi.db.query('api::status-change.status-change').findOne({ where: { documentId: atAcademicAffairs } })) as { state: string };
      expect(stored.state).toBe('approved');
      await formIsLocked(admin, '已办结，不能修改');
      await auditEntry(admin);
      await exportList(admin);
      await exportReport(admin, /范围：全校/);
      expect(admin.problems()).toEqual([]);
    } finally {
      await finish(admin);
    }
  });

  // Roles that read requests without a step to decide in them: the panel shows, no action button.
  const readers: Array<[string, () => StaffActor]> = [
    ['department-clerk', () => world.clerk],
    ['student-affairs', () => world.studentAffairs],
    ['school-leadership', () => world.leader],
  ];
  test.each(readers)('%s: home, finds a student, opens a request, exports the list', async (role, actor) => {
    const admin = await session(role, actor());
    try {
      await home(admin);
      await findStudent(admin);
      await openRequest(admin, 'request', atAcademicAffairs);
      await expect(admin.page.getByRole('button', { name: '同意', exact: true }).count()).resolves.toBe(0);
      await admin.check('request');
      await exportList(admin);
      expect(admin.problems()).toEqual([]);
    } finally {
      await finish(admin);
    }
  });
});
