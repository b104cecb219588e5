/**
 * The integrity archive in the real admin, in headless Chromium (issue 15, "Admin"): student
 * affairs and a department manager filter the record list, read a student's 诚信档案 panel (summary,
 * records by indicator, a record's versions) and decide an appeal in its 审批办理 panel (修改 with a
 * new title; 驳回申诉); a role without the archive's read permission gets no panel. On every page no
 * console error and no English left. Screenshots: docs/screenshots/integrity-<step>-<role>.png.
 *
 * Set up as test/browser/admin-roles.test.ts is: a database of its own, the admin served by a
 * server process of its own (the build is made by global-setup).
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { createSiblingDatabase, startStrapi, ROOT, type TestApp } from '../helpers/strapi';
import { startServerProcess, type ServerProcess } from '../helpers/processes';
import { AdminSession, englishWords, launchBrowser } from '../helpers/admin-browser';
import { activeStudent } from '../factories/status-changes';
import { createStaff, createStudentLogin, type StaffActor } from '../factories/actors';
import { confirmedBadRecord, createIntegrityWorld, enterRecord, fileRequest, recordAction, recordRow, requestAction, type IntegrityWorld, SAMPLE_PDF } from '../factories/integrity';
import { submittedAppeal } from '../factories/integrity-requests';

const PASSWORD = 'Actor-Pass-1234'; // test/factories/actors.ts
const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');
const CM = '/admin/content-manager/collection-types';
const RECORDS = `${CM}/api::integrity-record.integrity-record`;
const STUDENTS = `${CM}/api::student.student`;
const APPEALS = `${CM}/api::integrity-appeal.integrity-appeal`;

let database: { url: string; drop(): Promise<void> };
let app: TestApp;
let server: ServerProcess;
let origin: string;
let browser: Browser | undefined;
let world: IntegrityWorld;
let student: { documentId: string; studentNumber: string; api: string };
/** A school-level appeal (unpaid fees, from finance), for student affairs to decide: 修改. */
let schoolAppeal: { appeal: string; record: string };
/** A department-level appeal, for the department manager to decide: 驳回申诉. */
let departmentAppeal: { appeal: string; record: string };
/** Entered and not yet confirmed: finance's (school level) and the department's, for their evidence. */
let financeEntered: string;
let departmentEntered: string;
let clerk: StaffActor;
/** An amendment the department has approved: finance, the record's source office, reviews it next. */
let amendment: { documentId: string; record: string };

const STUDENT_NAME = '欧阳诚信';
const OTHER_NAME = '司马别系';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function confirmedDepartmentRecord(title: string, kind: 'good' | 'bad', indicator = 'daily-life'): Promise<string> {
  const record = await enterRecord(app, world.manager.api, { student: student.documentId, indicator, kind, title });
  expect((await recordAction(app, world.manager.api, record.documentId, 'confirm')).status).toBe(200);
  return record.documentId;
}

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  database = await createSiblingDatabase();
  app = await startStrapi({ databaseUrl: database.url });
  world = await createIntegrityWorld(app);
  const admitted = await activeStudent(app, world.tree.schoolClass.documentId, { name: STUDENT_NAME });
  student = { ...admitted, ...(await createStudentLogin(app, admitted.documentId)) };
  // Records in several states and indicators: confirmed bad and good, one still to confirm.
  await confirmedBadRecord(app, world, student.documentId, '欠缴学费');
  await confirmedDepartmentRecord('文明寝室', 'good');
  departmentEntered = (await enterRecord(app, world.manager.api, { student: student.documentId, indicator: 'academic', kind: 'good', title: '技能竞赛三等奖' })).documentId;
  financeEntered = (await enterRecord(app, world.finance.api, { student: student.documentId, indicator: 'economic', kind: 'bad', title: '欠缴实训耗材费' })).documentId;
  clerk = await createStaff(app, { adminRole: 'department-clerk', department: world.tree.department.documentId });
  const makeUp = await confirmedBadRecord(app, world, student.documentId, '欠缴补考费');
  const filed = await fileRequest(app, student.api, 'integrity-amendments', { record: makeUp, reason: '已缴清补考费并写出书面检查', reformEvidence: '缴费收据与检查书' });
  expect((await requestAction(app, student.api, 'integrity-amendments', filed.documentId, 'submit')).status).toBe(200);
  expect((await requestAction(app, world.manager.api, 'integrity-amendments', filed.documentId, 'approve', { comment: '该生表现良好', step: 1 })).status).toBe(200);
  amendment = { documentId: filed.documentId, record: makeUp };
  const fees = await confirmedBadRecord(app, world, student.documentId, '欠缴住宿费');
  schoolAppeal = { appeal: await submittedAppeal(app, student.api, fees, '住宿费已于九月缴清，附缴费凭证'), record: fees };
  const lateNight = await confirmedDepartmentRecord('晚归未登记', 'bad');
  departmentAppeal = { appeal: await submittedAppeal(app, student.api, lateNight, '当晚参加学院组织的志愿活动'), record: lateNight };
  // Another department's student and record: not in the department manager's list.
  const other = await activeStudent(app, world.otherTree.schoolClass.documentId, { name: OTHER_NAME });
  await confirmedBadRecord(app, world, other.documentId, '欠缴教材费');
  const port = await freePort();
  server = await startServerProcess(port, { DATABASE_URL: database.url, SERVE_ADMIN: '1' });
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await app?.stop();
  await database?.drop();
});

/** A session whose screenshots are docs/screenshots/integrity-<step>-<role>.png, full page. */
class IntegritySession extends AdminSession {
  async check(step: string): Promise<void> {
    await this.page.waitForLoadState('networkidle');
    // Strapi's own loaders say "Loading" for a moment after the network is idle; one that stays is reported below.
    await this.page.waitForFunction(() => !/\bLoading\b/.test(document.body.innerText), undefined, { timeout: 30_000 }).catch(() => undefined);
    const words = englishWords(await this.page.evaluate(() => document.body.innerText));
    if (words.length > 0) this.english.set(step, new Set(words));
    await this.page.screenshot({ path: path.join(SCREENSHOTS, `integrity-${step}-${this.role}.png`), fullPage: true });
  }
}

async function session(role: string, actor: StaffActor): Promise<IntegritySession> {
  browser = await launchBrowser();
  const context = await browser!.newContext({ viewport: { width: 1440, height: 1300 }, locale: 'zh-CN' });
  const admin = new IntegritySession(await context.newPage(), origin, role, SCREENSHOTS);
  await admin.login(actor.email, PASSWORD);
  return admin;
}

async function finish(admin: AdminSession): Promise<void> {
  if (admin.problems().length > 0) console.log(`${admin.role}:\n  ${admin.problems().join('\n  ')}`);
  await browser?.close();
}

const rows = (admin: AdminSession, text: string) => admin.page.locator('tbody tr').filter({ hasText: text });

/**
 * The record list filtered by indicator and state through the URL the filters write (their tags
 * name the values in Chinese); the 筛选器 offers 诚信指标, 记录状态 and 系部, the state's values by name.
 */
async function recordList(admin: AdminSession, expectOther: boolean): Promise<void> {
  const page = admin.page;
  await admin.visit('records', `${RECORDS}?filters[$and][0][indicator][$eq]=economic&filters[$and][1][state][$eq]=confirmed&page=1&pageSize=10&sort=occurredOn:DESC`);
  await rows(admin, '欠缴学费').first().waitFor({ timeout: 20_000 });
  // Filtered: the good record and the one under appeal are not listed.
  await expect(rows(admin, '文明寝室').count()).resolves.toBe(0);
  await expect(rows(admin, '欠缴住宿费').count()).resolves.toBe(0);
  await expect(rows(admin, '欠缴教材费').count()).resolves.toBe(expectOther ? 1 : 0);
  await page.getByText('诚信指标 等于 经济诚信').waitFor();
  await page.getByText('记录状态 等于 已认定').waitFor();
  await admin.check('records');
  await page.getByRole('button', { name: '筛选器', exact: true }).click();
  await page.getByRole('dialog').getByRole('combobox').first().click();
  for (const name of ['诚信指标', '记录状态', '系部']) await page.getByRole('option', { name, exact: true }).waitFor({ timeout: 10_000 });
  await page.getByRole('option', { name: '记录状态', exact: true }).click();
  await page.getByRole('dialog').getByRole('combobox', { name: '记录状态' }).click();
  for (const name of ['待认定', '已认定', '申诉中', '已撤销']) await page.getByRole('option', { name, exact: true }).waitFor({ timeout: 10_000 });
  await admin.check('records-filter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
}

/** A student's edit view: the 诚信档案 panel with its summary, the records by indicator, and a record's versions. */
async function studentPanel(admin: AdminSession): Promise<void> {
  const page = admin.page;
  await admin.visit('student', `${STUDENTS}/${student.documentId}`);
  await page.getByText('诚信档案', { exact: true }).first().waitFor({ timeout: 20_000 });
  await page.getByText('不能通过诚信审查').waitFor({ timeout: 20_000 });
  for (const text of ['经济诚信（4 条）', '生活诚信（2 条）', '学习诚信（1 条）', '技能竞赛三等奖']) await page.getByText(text, { exact: true }).first().waitFor();
  // The record under appeal: its versions, in words.
  const entry = page.locator('li').filter({ has: page.getByRole('button', { name: /查看记录版本/ }) }).filter({ hasText: '欠缴住宿费' });
  await entry.getByRole('button', { name: /查看记录版本/ }).click();
  await page.getByText('第 3 版 · 提出申诉 → 申诉中').waitFor({ timeout: 20_000 });
  // The screenshot starts at the panel's title: the summary, then the records.
  await page.getByText('诚信档案', { exact: true }).first().evaluate((title) => title.scrollIntoView({ block: 'start' }));
  await admin.check('student');
}

const PDF = SAMPLE_PDF;

/**
 * An entered record's edit view as its entering source: the 证明材料 section offers 上传证明材料,
 * the file chosen is uploaded, listed and linked to the record (the server checked it is a PDF).
 */
async function uploadEvidence(admin: AdminSession, record: string, title: string, fileName: string): Promise<void> {
  const page = admin.page;
  await admin.visit('record-evidence', `${RECORDS}/${record}`);
  await page.getByText('记录状态与版本', { exact: true }).waitFor({ timeout: 20_000 });
  expect(await page.locator('[name="title"]').inputValue()).toBe(title);
  await page.getByText('尚未上传材料').waitFor({ timeout: 20_000 });
  await page.getByRole('button', { name: '上传证明材料', exact: true }).waitFor();
  await page.locator('input[type="file"]').setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: PDF });
  await page.getByText('已上传 1 个文件').first().waitFor({ timeout: 20_000 });
  await page.getByText(`${fileName}（1 KB）`).waitFor({ timeout: 20_000 });
  const stored = (await app.strapi.db.query('api::integrity-record.integrity-record').findOne({ where: { documentId: record }, populate: ['evidence'] })) as { evidence: Array<{ name: string }> | null };
  expect((stored.evidence ?? []).map((file) => file.name)).toEqual([fileName]);
  await admin.check('record-evidence');
}

/** An appeal's edit view: the 审批办理 panel with the record and the reason. */
async function openAppeal(admin: AdminSession, step: string, appeal: string, title: string): Promise<void> {
  await admin.visit(step, `${APPEALS}/${appeal}`);
  await admin.page.getByText('所涉诚信记录').waitFor({ timeout: 20_000 });
  await admin.page.getByText(title, { exact: true }).first().waitFor();
  await admin.page.getByText('审批流程').first().waitFor();
}

describe('the integrity archive in the admin, in Chromium', () => {
  test('student affairs: filters the records, reads a student’s 诚信档案, and modifies a record by deciding its appeal', async () => {
    const admin = await session('student-affairs', world.studentAffairs);
    try {
      await recordList(admin, true);
      await studentPanel(admin);
      await openAppeal(admin, 'appeal', schoolAppeal.appeal, '欠缴住宿费');
      const page = admin.page;
      // Approving needs a result and a reason: without them the panel says so and sends nothing.
      await page.getByRole('button', { name: '同意申诉', exact: true }).click();
      await page.getByText('同意申诉时必须填写处理理由。').waitFor();
      await page.getByRole('textbox', { name: '处理理由' }).fill('核实缴费凭证，九月已缴清部分费用');
      await page.getByRole('button', { name: '同意申诉', exact: true }).click();
      await page.getByText('请选择处理结果：修改记录或撤销记录。').waitFor();
      await page.getByRole('radio', { name: /修改记录/ }).click();
      await page.getByRole('textbox', { name: '事项' }).fill('欠缴住宿费（已缴清部分）');
      await admin.check('appeal');
      expect((await recordRow(app, schoolAppeal.record)).state).toBe('appealed');
      await page.getByRole('button', { name: '同意申诉', exact: true }).click();
      await page.getByText('已同意申诉，记录已按所选结果处理并另存一版').first().waitFor({ timeout: 20_000 });
      await page.getByText('处理结果：修改记录', { exact: false }).first().waitFor({ timeout: 20_000 });
      expect(await recordRow(app, schoolAppeal.record)).toMatchObject({ state: 'modified', title: '欠缴住宿费（已缴清部分）' });
      await admin.check('appeal-decided');
      // The record's own edit view: where it stands, and its versions with what the appeal changed.
      await admin.visit('record', `${RECORDS}/${schoolAppeal.record}`);
      await page.getByText('记录状态与版本', { exact: true }).waitFor({ timeout: 20_000 });
      await page.getByText('第 4 版 · 申诉处理：修改 → 已修改').waitFor({ timeout: 20_000 });
      await page.getByText('事项：“欠缴住宿费” → “欠缴住宿费（已缴清部分）”').waitFor();
      // Confirmed and then modified: its form is read-only, as the server has it (第十九条).
      await page.locator('[name="title"][disabled]').waitFor({ timeout: 20_000 });
      await admin.check('record');
      expect(admin.problems()).toEqual([]);
    } finally {
      await finish(admin);
    }
  });

  test('department manager: its own department’s records only, the 诚信档案 panel, and 驳回申诉 on a department-level appeal', async () => {
    const admin = await session('department-manager', world.manager);
    try {
      await recordList(admin, false);
      await studentPanel(admin);
      await openAppeal(admin, 'appeal', departmentAppeal.appeal, '晚归未登记');
      const page = admin.page;
      await page.getByRole('textbox', { name: '处理理由' }).fill('经查宿舍登记记录，当晚未报备');
      await admin.check('appeal');
      await page.getByRole('button', { name: '驳回申诉', exact: true }).click();
      await page.getByRole('button', { name: '确定驳回申诉', exact: true }).click();
      await page.getByText('已驳回申诉，记录维持原认定').first().waitFor({ timeout: 20_000 });
      expect((await recordRow(app, departmentAppeal.record)).state).toBe('confirmed');
      // In the appeal's own words: the state, the step and the decision.
      await page.getByText('已驳回申诉', { exact: true }).first().waitFor({ timeout: 20_000 });
      await expect(page.getByText('不同意', { exact: true }).count()).resolves.toBe(0);
      await admin.check('appeal-rejected');
      expect(admin.problems()).toEqual([]);
    } finally {
      await finish(admin);
    }
  });

  test('a source office (finance): only the records it entered, and evidence added to one before confirmation', async () => {
    const admin = await session('integrity-source', world.finance);
    try {
      const page = admin.page;
      await admin.visit('records', `${RECORDS}?page=1&pageSize=10&sort=occurredOn:DESC`);
      await rows(admin, '欠缴实训耗材费').first().waitFor({ timeout: 20_000 });
      // What finance entered, in both departments; not the department's own records.
      for (const title of ['欠缴学费', '欠缴教材费']) await expect(rows(admin, title).count()).resolves.toBe(1);
      for (const title of ['文明寝室', '技能竞赛三等奖', '晚归未登记']) await expect(rows(admin, title).count()).resolves.toBe(0);
      await admin.check('records');
      await uploadEvidence(admin, financeEntered, '欠缴实训耗材费', '实训耗材费催缴单.pdf');
      // A confirmed record of finance's: the form read-only, no upload offered.
      const confirmed = (await app.strapi.db.query('api::integrity-record.integrity-record').findOne({ where: { title: '欠缴学费' } })) as { documentId: string };
      await admin.visit('record', `${RECORDS}/${confirmed.documentId}`);
      await page.getByText('记录状态与版本', { exact: true }).waitFor({ timeout: 20_000 });
      await page.getByText('第 2 版 · 认定 → 已认定').waitFor({ timeout: 20_000 });
      await page.getByText('尚未上传材料').waitFor();
      await expect(page.getByRole('button', { name: '上传证明材料' }).count()).resolves.toBe(0);
      await admin.check('record');
      // The amendment of one of its records, at finance's step: the 审批办理 panel, approved with a comment.
      await admin.visit('amendment', `${CM}/api::integrity-amendment.integrity-amendment/${amendment.documentId}`);
      await page.getByText('所涉诚信记录').waitFor({ timeout: 20_000 });
      await page.getByText('欠缴补考费', { exact: true }).first().waitFor();
      await page.getByText('已缴清补考费并写出书面检查').first().waitFor();
      await page.getByRole('textbox', { name: '审批意见' }).fill('补考费已全部缴清，同意修定');
      await admin.check('amendment');
      await page.getByRole('button', { name: '同意', exact: true }).click();
      await page.getByText('已同意，申请进入下一步').first().waitFor({ timeout: 20_000 });
      const stored = (await app.strapi.db.query('api::integrity-amendment.integrity-amendment').findOne({ where: { documentId: amendment.documentId } })) as { state: string; currentStep: number };
      expect(stored).toMatchObject({ state: 'submitted', currentStep: 3 });
      await expect(page.getByRole('button', { name: '同意', exact: true }).count()).resolves.toBe(0);
      await admin.check('amendment-approved');
      expect(admin.problems()).toEqual([]);
    } finally {
      await finish(admin);
    }
  });

  test('department clerk: its department’s records and 诚信档案 panel, and evidence for a department-level record it may enter', async () => {
    const admin = await session('department-clerk', clerk);
    try {
      await recordList(admin, false);
      await studentPanel(admin);
      await uploadEvidence(admin, departmentEntered, '技能竞赛三等奖', '竞赛获奖证书.pdf');
      // Finance's record of the same student: the clerk reads it, but only finance adds its evidence.
      await admin.visit('record', `${RECORDS}/${financeEntered}`);
      await admin.page.getByText('记录状态与版本', { exact: true }).waitFor({ timeout: 20_000 });
      await admin.page.getByRole('button', { name: '下载' }).or(admin.page.getByText('尚未上传材料')).first().waitFor({ timeout: 20_000 });
      await expect(admin.page.getByRole('button', { name: '上传证明材料' }).count()).resolves.toBe(0);
      await admin.check('record');
      expect(admin.problems()).toEqual([]);
    } finally {
      await finish(admin);
    }
  });

  test('academic affairs, whose role cannot read the archive: the student’s edit view has no 诚信档案 panel and asks nothing of it', async () => {
    const admin = await session('academic-affairs', world.academicAffairs);
    const asked: string[] = [];
    admin.page.on('request', (request) => {
      if (request.url().includes('/student-records/integrity/')) asked.push(request.url());
    });
    try {
      await admin.visit('student', `${STUDENTS}/${student.documentId}`);
      await admin.page.getByText('学籍异动与变动记录', { exact: true }).first().waitFor({ timeout: 20_000 });
      await admin.page.waitForLoadState('networkidle');
      await expect(admin.page.getByText('诚信档案', { exact: true }).count()).resolves.toBe(0);
      expect(asked).toEqual([]);
      await admin.check('student');
      expect(admin.problems()).toEqual([]);
    } finally {
      await finish(admin);
    }
  });
});
