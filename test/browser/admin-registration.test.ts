/**
 * Semester registration in the real admin, in headless Chromium (issue 16, "Admin"): a department
 * manager lists only their students' registrations, filters them by state, opens one and reads its
 * conditions with their reasons and its proof, and approves a class's registrations whose
 * conditions are met in one batch on 注册批量审核; academic affairs approves one at its step in the
 * 审批办理 panel, opens 学籍注册统计 (chart, table, 未注册学生名单) and downloads both sheets; a department
 * clerk lists their department's registrations only, reads one's conditions, proof and record, is
 * refused 同意 in Chinese when finance's record changed meanwhile, returns it (the heading stays),
 * and is offered nothing at academic affairs' step. On every page no console error and no English
 * left. Screenshots: docs/screenshots/registration-<step>-<role>.png (the clerk's registration-clerk-<step>.png).
 *
 * Set up as test/browser/admin-integrity.test.ts is: a database of its own, the data made through
 * the API in-process, the admin served by a server process of its own (the build is made by global-setup).
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { setClock } from '../../src/services/clock';
import { createSiblingDatabase, startStrapi, ROOT, type TestApp } from '../helpers/strapi';
import { startServerProcess, type ServerProcess } from '../helpers/processes';
import { AdminSession, englishWords, launchBrowser } from '../helpers/admin-browser';
import { sheetRows } from '../helpers/binary';
import { activeStudent, createWorkflowWorld, type WorkflowWorld } from '../factories/status-changes';
import { createStudentLogin, type StaffActor } from '../factories/actors';
import { closeWindow, createSemester, openSemester, registrationAction, registrationOf, setFee, uploadProof, type TestSemester } from '../factories/registration';

const PASSWORD = 'Actor-Pass-1234'; // test/factories/actors.ts
const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');
const REGISTRATIONS = '/admin/content-manager/collection-types/api::registration.registration';

let database: { url: string; drop(): Promise<void> };
let app: TestApp;
let server: ServerProcess;
let origin: string;
let browser: Browser | undefined;
let world: WorkflowWorld;
let semester: TestSemester;

interface Registered {
  id: number;
  name: string;
  registration: string;
  api: string;
}

/** The department's class: three whose conditions are met, waiting at the department step. */
let ready: Registered[];
/** Waiting there too, owing fees (with a fee proof uploaded): not approvable. */
let owing: Registered;
/** The other department's: waiting at academic affairs' step. */
let atAcademicAffairs: Registered;
/** Another class of the department, for the clerk: one waiting at the department step (with a fee proof), one at academic affairs'. */
let clerkAtDepartment: Registered;
let clerkAtAcademicAffairs: Registered;

const OWING_NAME = '欧阳欠费';
const OTHER_NAME = '司马别系';
const CLERK_NAME = '吴九待初审';
const CLERK_RETURN = '计财处记录为欠费，请缴清学费后重新提交';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function student(classDocumentId: string, name: string, fee: 'paid' | 'owing' | null): Promise<Registered> {
  const admitted = await activeStudent(app, classDocumentId, { name });
  const login = await createStudentLogin(app, admitted.documentId);
  if (fee) await setFee(app, admitted.id, semester.id, fee);
  return { id: admitted.id, name, registration: '', api: login.api };
}

async function submit(who: Registered): Promise<void> {
  const response = await app.http.post(`/api/me/registrations/${who.registration}/submit`).set('Authorization', who.api).send({});
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  database = await createSiblingDatabase();
  app = await startStrapi({ databaseUrl: database.url });
  world = await createWorkflowWorld(app);
  semester = await createSemester(app);
  const year = Number(semester.code.slice(0, 4));
  // The in-process clock: before the semester opens, then inside its window, then past it.
  setClock(`${year}-08-20T10:00:00+08:00`);
  const tree = world.tree.schoolClass.documentId;
  const other = world.otherTree.schoolClass.documentId;
  // The clerk's class: the department's second, so that the manager's class keeps its counts.
  const second = (await app.strapi.documents('api::school-class.school-class').create({
    data: { name: '测试二班', enrollmentYear: world.tree.schoolClass.enrollmentYear, sequence: '02', major: world.tree.major.documentId } as never,
  })).documentId;
  const people = {
    ready: [await student(tree, '张一注册', 'paid'), await student(tree, '李二注册', 'paid'), await student(tree, '王三注册', 'paid')],
    owing: await student(tree, OWING_NAME, null),
    registered: await student(tree, '赵五已注册', 'paid'),
    absent: await student(tree, '钱六未注册', null),
    other: await student(other, OTHER_NAME, 'paid'),
    otherRegistered: await student(other, '孙七别系已注册', 'paid'),
    otherAbsent: await student(other, '周八别系未注册', null),
    clerkAtDepartment: await student(second, CLERK_NAME, 'paid'),
    clerkAtAcademicAffairs: await student(second, '郑十待教务处', 'paid'),
  };
  const clerks = [people.clerkAtDepartment, people.clerkAtAcademicAffairs];
  expect((await openSemester(app, world.academicAffairs.api, semester.code)).status).toBe(200);
  for (const who of [...people.ready, people.owing, people.registered, people.absent, people.other, people.otherRegistered, people.otherAbsent, ...clerks]) {
    who.registration = (await registrationOf(app, who.id, semester.id)).documentId as string;
  }
  setClock(`${year}-09-02T10:00:00+08:00`);
  for (const who of [...people.ready, people.registered, people.other, people.otherRegistered]) await submit(who);
  expect((await uploadProof(app, people.clerkAtDepartment.api, people.clerkAtDepartment.registration, 'fee-proof', '缴费收据.pdf')).status).toBe(201);
  for (const who of clerks) await submit(who);
  // The owing student uploads a receipt; finance then records the fees as owing.
  expect((await uploadProof(app, people.owing.api, people.owing.registration, 'fee-proof', '学费缴费凭证.pdf')).status).toBe(201);
  await setFee(app, people.owing.id, semester.id, 'owing');
  await submit(people.owing);
  // Two registered the whole way; one waiting at academic affairs.
  for (const [who, manager] of [[people.registered, world.manager], [people.otherRegistered, world.otherManager], [people.other, world.otherManager], [people.clerkAtAcademicAffairs, world.manager]] as const) {
    expect((await registrationAction(app, manager.api, who.registration, 'approve', { step: 1 })).status).toBe(200);
  }
  for (const who of [people.registered, people.otherRegistered]) {
    expect((await registrationAction(app, world.academicAffairs.api, who.registration, 'approve', { step: 2 })).status).toBe(200);
    expect((await app.http.post(`/api/me/registrations/${who.registration}/confirm`).set('Authorization', who.api).send({})).status).toBe(200);
  }
  // Past the window: those who never submitted are missed.
  setClock(`${year}-10-20T10:00:00+08:00`);
  expect((await closeWindow(app, world.academicAffairs.api, semester.code)).status).toBe(200);
  setClock(null);
  ready = people.ready;
  owing = people.owing;
  atAcademicAffairs = people.other;
  clerkAtDepartment = people.clerkAtDepartment;
  clerkAtAcademicAffairs = people.clerkAtAcademicAffairs;
  const port = await freePort();
  server = await startServerProcess(port, { DATABASE_URL: database.url, SERVE_ADMIN: '1' });
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  setClock(null);
  await browser?.close();
  await server?.stop();
  await app?.stop();
  await database?.drop();
});

/** A session whose screenshots are docs/screenshots/registration-<step>-<role>.png (or as `shotName` names them), full page. */
class RegistrationSession extends AdminSession {
  shotName = (step: string) => `registration-${step}-${this.role}`;

  async check(step: string): Promise<void> {
    await this.page.waitForLoadState('networkidle');
    await this.page.waitForFunction(() => !/\bLoading\b/.test(document.body.innerText), undefined, { timeout: 30_000 }).catch(() => undefined);
    const words = englishWords(await this.page.evaluate(() => document.body.innerText));
    if (words.length > 0) this.english.set(step, new Set(words));
    await this.page.screenshot({ path: path.join(SCREENSHOTS, `${this.shotName(step)}.png`), fullPage: true });
  }
}

async function session(role: string, actor: StaffActor): Promise<RegistrationSession> {
  browser = await launchBrowser();
  const context = await browser!.newContext({ viewport: { width: 1440, height: 1400 }, locale: 'zh-CN', acceptDownloads: true });
  const admin = new RegistrationSession(await context.newPage(), origin, role, SCREENSHOTS);
  await admin.login(actor.email, PASSWORD);
  return admin;
}

async function finish(admin: AdminSession): Promise<void> {
  if (admin.problems().length > 0) console.log(`${admin.role}:\n  ${admin.problems().join('\n  ')}`);
  await browser?.close();
}

const rows = (admin: AdminSession, text: string) => admin.page.locator('tbody tr').filter({ hasText: text });

async function stateOf(who: Registered): Promise<string> {
  return (await registrationOf(app, who.id, semester.id)).state as string;
}

/** Downloads what `click` starts; answers the file's name and bytes. */
async function downloaded(admin: AdminSession, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const downloading = admin.page.waitForEvent('download', { timeout: 30_000 });
  await click();
  const download = await downloading;
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
}

describe('semester registration in the admin, in Chromium', () => {
  test('department manager: their students only, filtered by state; one registration’s conditions and proof; a class approved in one batch', async () => {
    const admin = await session('department-manager', world.manager);
    const page = admin.page;
    try {
      // The list: the department's students only, in Chinese, with the registration's own states.
      await admin.visit('list', `${REGISTRATIONS}?page=1&pageSize=20&sort=deadline:ASC`);
      await rows(admin, OWING_NAME).first().waitFor({ timeout: 20_000 });
      await expect(rows(admin, OTHER_NAME).count()).resolves.toBe(0);
      await rows(admin, '钱六未注册').getByText('未注册', { exact: true }).waitFor();
      await rows(admin, '赵五已注册').getByText('已注册', { exact: true }).waitFor();
      await admin.check('list');
      // The filters offered: per semester, state, department, class and overdue.
      await page.getByRole('button', { name: '筛选器', exact: true }).click();
      await page.getByRole('dialog').getByRole('combobox').first().click();
      for (const name of ['学期', '注册状态', '系部', '班级', '逾期', '条件已满足']) await page.getByRole('option', { name, exact: true }).waitFor({ timeout: 10_000 });
      await expect(page.getByRole('option', { name: '轮次', exact: true }).count()).resolves.toBe(0);
      await page.getByRole('option', { name: '注册状态', exact: true }).click();
      await page.getByRole('dialog').getByRole('combobox', { name: '注册状态' }).click();
      for (const name of ['待系部审核', '待教务处审核', '已注册', '未注册']) await page.getByRole('option', { name, exact: true }).waitFor({ timeout: 10_000 });
      await admin.check('list-filter');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      // Filtered by state and class (the URL the filters write): those of the class waiting at the department step.
      const className = encodeURIComponent('测试班级'); // test/factories/index.ts names every class so
      await admin.visit('list-submitted', `${REGISTRATIONS}?filters[$and][0][state][$eq]=submitted&filters[$and][1][schoolClass][name][$eq]=${className}&page=1&pageSize=20&sort=deadline:ASC`);
      await rows(admin, OWING_NAME).first().waitFor({ timeout: 20_000 });
      for (const who of ready) await rows(admin, who.name).first().waitFor();
      await expect(rows(admin, '赵五已注册').count()).resolves.toBe(0);
      await page.getByText('注册状态 等于 待系部审核').waitFor();
      await page.getByText('班级 等于 测试班级').waitFor();
      await admin.check('list-submitted');

      // One registration: its conditions with their reasons, its proof read back, the form read-only.
      await admin.visit('registration', `${REGISTRATIONS}/${owing.registration}`);
      await page.getByText('注册条件', { exact: true }).waitFor({ timeout: 20_000 });
      await page.getByText(/计财处记录：欠费/).first().waitFor();
      await page.getByText('有条件未满足：不能通过，可退回并写明须补充的材料。').waitFor();
      await page.getByText('学费缴费凭证.pdf', { exact: false }).waitFor();
      const proof = await downloaded(admin, () => page.getByRole('button', { name: '下载' }).first().click());
      expect(proof.name).toBe('学费缴费凭证.pdf');
      expect(proof.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
      // Read-only: written by the flow only, the save button says so and cannot be pressed.
      await expect(page.getByRole('button', { name: '保存', exact: true }).count()).resolves.toBe(0);
      expect(await page.getByRole('button', { name: '由办理流程更新，不能修改', exact: true }).isDisabled()).toBe(true);
      // The heading names the student and the semester.
      await page.getByRole('heading', { name: `${OWING_NAME} · ${semester.code} 学籍注册` }).waitFor({ timeout: 20_000 });
      await admin.check('registration');

      // 注册批量审核: the class, its four waiting with their conditions; the three met approved at once.
      await admin.visit('review', '/admin/student-records/registration-review');
      await page.getByRole('combobox', { name: '班级' }).click();
      await page.getByRole('option', { name: /待审 4 \/ 6/ }).click();
      await rows(admin, OWING_NAME).first().waitFor({ timeout: 20_000 });
      await rows(admin, OWING_NAME).getByText(/✗ 缴费/).waitFor();
      const approve = page.getByRole('button', { name: '通过条件已满足的 3 人', exact: true });
      await approve.waitFor();
      await admin.check('review');
      await approve.click();
      await page.getByText('已通过初审 3 人', { exact: true }).first().waitFor({ timeout: 30_000 });
      for (const who of ready) expect(await stateOf(who)).toBe('department-reviewed');
      expect(await stateOf(owing)).toBe('submitted');
      // What is left: the owing one, which can be returned with a comment.
      await rows(admin, OWING_NAME).first().waitFor({ timeout: 20_000 });
      await expect(page.locator('tbody tr').count()).resolves.toBe(1);
      await admin.check('review-approved');
      await rows(admin, OWING_NAME).getByRole('checkbox').click();
      await page.getByRole('button', { name: '退回所选 1 人', exact: true }).click();
      await page.getByText('退回时必须写明须补充的材料或原因。').waitFor();
      await page.getByRole('textbox', { name: '审核意见' }).fill('计财处记录为欠费，请缴清学费后重新提交');
      await page.getByRole('button', { name: '退回所选 1 人', exact: true }).click();
      await page.getByText('已退回 1 人', { exact: true }).first().waitFor({ timeout: 30_000 });
      expect(await stateOf(owing)).toBe('returned');
      await page.getByText('本班没有待系部初审的注册申请。').waitFor();
      await admin.check('review-returned');
      expect(admin.problems()).toEqual([]);
    } finally {
      await finish(admin);
    }
  });

  test('academic affairs: approves a registration at its step, reads 学籍注册统计 and downloads the report and the unregistered list', async () => {
    const admin = await session('academic-affairs', world.academicAffairs);
    const page = admin.page;
    try {
      await admin.visit('registration', `${REGISTRATIONS}/${atAcademicAffairs.registration}`);
      await page.getByText('注册条件', { exact: true }).waitFor({ timeout: 20_000 });
      await page.getByText('条件均已满足，可以通过。').waitFor();
      await page.getByText('待教务处审核', { exact: true }).first().waitFor();
      await page.getByRole('textbox', { name: '审批意见' }).fill('同意注册');
      await admin.check('registration');
      await page.getByRole('button', { name: '同意', exact: true }).click();
      await page.getByText('教务处审核已通过，待学生确认注册').first().waitFor({ timeout: 20_000 });
      expect(await stateOf(atAcademicAffairs)).toBe('approved');
      await page.getByText('待学生确认', { exact: true }).first().waitFor({ timeout: 20_000 });
      await expect(page.getByRole('button', { name: '同意', exact: true }).count()).resolves.toBe(0);
      await admin.check('registration-approved');

      // 学籍注册统计: both departments and the school, a chart, the unregistered list.
      await admin.visit('report', '/admin/student-records/registration-report');
      await page.locator('canvas').first().waitFor({ timeout: 20_000 });
      await page.getByText('未注册学生名单（', { exact: false }).waitFor();
      await rows(admin, '钱六未注册').first().waitFor();
      await rows(admin, '周八别系未注册').first().waitFor();
      await rows(admin, '合计').first().waitFor();
      await admin.check('report');
      const report = await downloaded(admin, () => page.getByRole('button', { name: '导出 Excel', exact: true }).click());
      expect(report.name).toMatch(/^学籍注册统计.*\.xlsx$/);
      const reportRows = await sheetRows(report.bytes);
      expect(reportRows[0][0]).toBe('学籍注册统计');
      expect(String(reportRows[1][0])).toContain('全校');
      const list = await downloaded(admin, () => page.getByRole('button', { name: '导出未注册学生名单', exact: true }).click());
      expect(list.name).toMatch(/^未注册学生名单.*\.xlsx$/);
      const names = JSON.stringify(await sheetRows(list.bytes));
      for (const name of ['钱六未注册', '周八别系未注册', OWING_NAME]) expect(names).toContain(name);
      expect(names).not.toContain('赵五已注册');
      expect(admin.problems()).toEqual([]);
    } finally {
      await finish(admin);
    }
  });

  test('department clerk: their department’s registrations only; one registration’s conditions, proof and record; 同意 refused in Chinese, 退回 keeps the heading; nothing offered at academic affairs’ step', async () => {
    const admin = await session('department-clerk', world.clerk);
    admin.shotName = (step) => `registration-clerk-${step}`;
    const page = admin.page;
    const buttons = async () => {
      const names = await page.getByRole('button').allInnerTexts();
      return ['提交', '同意', '不同意', '退回', '重新提交', '撤回'].filter((name) => names.some((text) => text.trim() === name));
    };
    try {
      // The list: the department's students, both classes; none of the other department's.
      await admin.visit('list', `${REGISTRATIONS}?page=1&pageSize=20&sort=deadline:ASC`);
      await rows(admin, CLERK_NAME).first().waitFor({ timeout: 20_000 });
      for (const name of [OWING_NAME, '郑十待教务处', '钱六未注册']) await rows(admin, name).first().waitFor();
      for (const name of [OTHER_NAME, '孙七别系已注册', '周八别系未注册']) await expect(rows(admin, name).count()).resolves.toBe(0);
      await admin.check('list');

      // At the department step: conditions met, the proof read back, 同意 and 退回 offered (a registration is never rejected or withdrawn).
      await admin.visit('registration', `${REGISTRATIONS}/${clerkAtDepartment.registration}`);
      await page.getByText('注册条件', { exact: true }).waitFor({ timeout: 20_000 });
      await page.getByText('条件均已满足，可以通过。').waitFor();
      await page.getByRole('heading', { name: `${CLERK_NAME} · ${semester.code} 学籍注册` }).waitFor({ timeout: 20_000 });
      const proof = await downloaded(admin, () => page.getByRole('button', { name: '下载' }).first().click());
      expect(proof.name).toBe('缴费收据.pdf');
      expect(await buttons()).toEqual(['同意', '退回']);
      await admin.check('registration');

      // Finance records the fees as owing meanwhile: the server refuses 同意, and the panel says why in Chinese only.
      await setFee(app, clerkAtDepartment.id, semester.id, 'owing');
      const errorsBefore = admin.consoleErrors.length;
      await page.getByRole('button', { name: '同意', exact: true }).click();
      const refusal = page.getByText(/注册条件未满足，不能通过/).first();
      await refusal.waitFor({ timeout: 20_000 });
      expect(englishWords(await refusal.innerText())).toEqual([]);
      // Chromium logs the refused request (400) as a console error: that one is the refusal tested here.
      const logged = admin.consoleErrors.splice(errorsBefore);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/status of 400/);
      await admin.check('registration-refused');
      expect(await stateOf(clerkAtDepartment)).toBe('submitted');

      // Opened again: the conditions as they stand now, so only 退回; returned with a comment, the heading still names the student.
      await admin.visit('registration-owing', `${REGISTRATIONS}/${clerkAtDepartment.registration}`);
      await page.getByText(/计财处记录：欠费/).first().waitFor({ timeout: 20_000 });
      await page.getByText('有条件未满足：不能通过，可退回并写明须补充的材料。').waitFor();
      expect(await buttons()).toEqual(['退回']);
      await admin.check('registration-owing');
      await page.getByRole('textbox', { name: '审批意见' }).fill(CLERK_RETURN);
      await page.getByRole('button', { name: '退回', exact: true }).click();
      await page.getByText('注册申请已退回学生补充材料').first().waitFor({ timeout: 20_000 });
      expect(await stateOf(clerkAtDepartment)).toBe('returned');
      // The record: the clerk's return with its comment.
      await page.getByText(`意见：${CLERK_RETURN}`).waitFor({ timeout: 20_000 });
      await page.getByText('上次核对时条件均已满足。').waitFor();
      await page.waitForLoadState('networkidle');
      await page.getByRole('heading', { name: `${CLERK_NAME} · ${semester.code} 学籍注册` }).waitFor({ timeout: 20_000 });
      await expect(page.getByRole('heading', { name: '未命名' }).count()).resolves.toBe(0);
      expect(await buttons()).toEqual([]);
      await admin.check('registration-returned');

      // At academic affairs' step: no button, and the words say who decides.
      await admin.visit('registration-academic-affairs-step', `${REGISTRATIONS}/${clerkAtAcademicAffairs.registration}`);
      await page.getByText('注册条件', { exact: true }).waitFor({ timeout: 20_000 });
      await page.getByText('条件均已满足，待教务处审核。').waitFor();
      await expect(page.getByText('条件均已满足，可以通过。').count()).resolves.toBe(0);
      expect(await buttons()).toEqual([]);
      await page.getByText('第 1 步', { exact: false }).first().waitFor();
      await admin.check('registration-academic-affairs-step');
      expect(admin.problems()).toEqual([]);
    } finally {
      await finish(admin);
    }
  });
});
