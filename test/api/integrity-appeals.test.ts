/**
 * Appeals (申诉) and amendments (修定) of integrity records through the approval engine (issue 15):
 * each outcome end to end with the record's history kept, every refusal, and the student's
 * notifications; the summary, the batch check and the student's own archive.
 */
import { studentWithLogin } from '../factories/status-changes';
import { confirmedBadRecord, createIntegrityWorld, enterRecord, fileRequest, recordAction, recordRow, requestAction, versionsOf, type IntegrityWorld, type StudentWithLogin } from '../factories/integrity';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: IntegrityWorld;

beforeAll(async () => {
  app = await startStrapi();
  world = await createIntegrityWorld(app);
});

afterAll(async () => {
  await app.stop();
});

const APPEALS = 'integrity-appeals';
const AMENDMENTS = 'integrity-amendments';

async function appealRow(documentId: string) {
  return (await app.strapi.db.query('api::integrity-appeal.integrity-appeal').findOne({ where: { documentId } })) as Record<string, any>;
}

/** A submitted appeal on a fresh confirmed bad record of a fresh student. */
async function submittedAppeal(): Promise<{ student: StudentWithLogin; record: string; appeal: string }> {
  const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
  const record = await confirmedBadRecord(app, world, student.documentId);
  const appeal = await fileRequest(app, student.api, APPEALS, { record, reason: '学费已于九月缴清，有收据' });
  const submitted = await requestAction(app, student.api, APPEALS, appeal.documentId, 'submit');
  expect(submitted.status).toBe(200);
  return { student, record, appeal: appeal.documentId };
}

describe('appeals', () => {
  it('submitting moves the record to appealed; a modification writes the new content as a new version and tells the student', async () => {
    const { student, record, appeal } = await submittedAppeal();
    expect((await recordRow(app, record)).state).toBe('appealed');
    // Only an approval that says what becomes of the record, with a reason.
    const noReason = await requestAction(app, world.studentAffairs.api, APPEALS, appeal, 'approve', { outcome: { result: 'modify', content: { title: '欠费已结清' } } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.errors[0].path).toEqual(['comment']);
    const badResult = await requestAction(app, world.studentAffairs.api, APPEALS, appeal, 'approve', { comment: '核实', outcome: { result: 'delete' } });
    expect(badResult.status).toBe(400);
    expect(badResult.body.error.details.errors[0].path).toEqual(['outcome', 'result']);
    const badContent = await requestAction(app, world.studentAffairs.api, APPEALS, appeal, 'approve', { comment: '核实', outcome: { result: 'modify', content: { state: 'revoked' } } });
    expect(badContent.status).toBe(400);
    expect(badContent.body.error.details.errors[0].path).toEqual(['outcome', 'content', 'state']);
    const noOutcome = await requestAction(app, world.studentAffairs.api, APPEALS, appeal, 'approve', { comment: '核实' });
    expect(noOutcome.status).toBe(400);
    expect((await appealRow(appeal)).state).toBe('submitted');

    const approved = await requestAction(app, world.studentAffairs.api, APPEALS, appeal, 'approve', { comment: '经核实学费已缴，改为逾期缴费', outcome: { result: 'modify', content: { title: '学费逾期缴纳', description: '九月逾期十天缴清' } } });
    expect(approved.status).toBe(200);
    expect(approved.body.data.state).toBe('approved');
    const row = await recordRow(app, record);
    expect(row).toMatchObject({ state: 'modified', title: '学费逾期缴纳', description: '九月逾期十天缴清' });
    const versions = await versionsOf(app, record);
    expect(versions.map((v) => [v.event, v.state, v.content.title])).toEqual([
      ['enter', 'entered', '欠缴学费'],
      ['confirm', 'confirmed', '欠缴学费'],
      ['appeal', 'appealed', '欠缴学费'],
      ['appeal-modify', 'modified', '学费逾期缴纳'],
    ]);
    expect(versions[3].reason).toBe('经核实学费已缴，改为逾期缴费');
    const notes = await app.http.get('/api/me/notifications').set('Authorization', student.api);
    expect(JSON.stringify(notes.body)).toContain('记录已修改');
  });

  it('a revocation ends the record as revoked: it no longer counts against the student', async () => {
    const { student, record, appeal } = await submittedAppeal();
    const before = await app.http.get('/api/me/integrity').set('Authorization', student.api);
    expect(before.body.data.summary).toMatchObject({ standingBad: 1, openAppeals: 1, clear: false });
    const approved = await requestAction(app, world.studentAffairs.api, APPEALS, appeal, 'approve', { comment: '记录有误，撤销', outcome: { result: 'revoke' } });
    expect(approved.status).toBe(200);
    expect((await recordRow(app, record)).state).toBe('revoked');
    const after = await app.http.get('/api/me/integrity').set('Authorization', student.api);
    expect(after.body.data.summary).toMatchObject({ standingBad: 0, openAppeals: 0, clear: true });
  });

  it('a rejected appeal leaves the record standing (confirmed again), with the reason kept', async () => {
    const { record, appeal } = await submittedAppeal();
    const noReason = await requestAction(app, world.studentAffairs.api, APPEALS, appeal, 'reject', {});
    expect(noReason.status).toBe(400);
    const rejected = await requestAction(app, world.studentAffairs.api, APPEALS, appeal, 'reject', { comment: '未提供缴费凭证' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.data.state).toBe('rejected');
    expect((await recordRow(app, record)).state).toBe('confirmed');
    const last = (await versionsOf(app, record)).at(-1)!;
    expect(last).toMatchObject({ event: 'appeal-reject', state: 'confirmed', reason: '未提供缴费凭证' });
  });

  it('withdrawn by the student after submission, the record stands as it was', async () => {
    const { student, record, appeal } = await submittedAppeal();
    expect((await requestAction(app, student.api, APPEALS, appeal, 'withdraw')).status).toBe(200);
    expect((await recordRow(app, record)).state).toBe('confirmed');
    expect((await versionsOf(app, record)).at(-1)).toMatchObject({ event: 'appeal-withdraw', state: 'confirmed' });
  });

  it('is refused: someone else\'s record, an unconfirmed one, a second open appeal, staff filing, the wrong level deciding', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const other = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const record = await confirmedBadRecord(app, world, student.documentId);
    const entered = await enterRecord(app, world.finance.api, { student: student.documentId, indicator: 'economic', kind: 'bad', title: '未认定' });
    const count = () => app.strapi.db.query('api::integrity-appeal.integrity-appeal').count({});
    const before = await count();
    const foreign = await app.http.post(`/api/${APPEALS}`).set('Authorization', other.api).send({ data: { record, reason: '不是我' } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.errors[0].path).toEqual(['record']);
    const unconfirmed = await app.http.post(`/api/${APPEALS}`).set('Authorization', student.api).send({ data: { record: entered.documentId, reason: '?' } });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error.details.errors[0].path).toEqual(['record']);
    const staff = await app.http.post(`/api/${APPEALS}`).set('Authorization', world.manager.api).send({ data: { record, reason: '代为申诉' } });
    expect(staff.status).toBe(403);
    expect(await count()).toBe(before);
    const first = await fileRequest(app, student.api, APPEALS, { record, reason: '第一次' });
    const second = await app.http.post(`/api/${APPEALS}`).set('Authorization', student.api).send({ data: { record, reason: '第二次' } });
    expect(second.status).toBe(400);
    expect(await count()).toBe(before + 1);
    expect((await requestAction(app, student.api, APPEALS, first.documentId, 'submit')).status).toBe(200);
    // A school-level record's appeal is decided by student affairs, not the department nor the entering office.
    expect((await requestAction(app, world.manager.api, APPEALS, first.documentId, 'approve', { comment: '同意', outcome: { result: 'revoke' } })).status).toBe(403);
    expect((await requestAction(app, world.finance.api, APPEALS, first.documentId, 'reject', { comment: '驳回' })).status).toBe(403);
    // Another department does not even see it.
    expect((await requestAction(app, world.otherManager.api, APPEALS, first.documentId, 'reject', { comment: '驳回' })).status).toBe(404);
    expect((await appealRow(first.documentId)).state).toBe('submitted');
    // Nothing is deleted.
    expect([404, 405]).toContain((await app.http.delete(`/api/${APPEALS}/${first.documentId}`).set('Authorization', student.api)).status);
  });

  it('a department-level record\'s appeal is decided by the department', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const record = await enterRecord(app, world.manager.api, { student: student.documentId, indicator: 'daily-life', kind: 'bad', title: '寝室违规用电' });
    expect((await recordAction(app, world.manager.api, record.documentId, 'confirm')).status).toBe(200);
    const appeal = await fileRequest(app, student.api, APPEALS, { record: record.documentId, reason: '是室友的电器' });
    expect((await requestAction(app, student.api, APPEALS, appeal.documentId, 'submit')).status).toBe(200);
    expect((await requestAction(app, world.studentAffairs.api, APPEALS, appeal.documentId, 'approve', { comment: '撤销', outcome: { result: 'revoke' } })).status).toBe(403);
    const inbox = await app.http.get('/api/me/inbox').set('Authorization', world.manager.api);
    expect(inbox.body.data.map((item: { documentId: string }) => item.documentId)).toContain(appeal.documentId);
    expect((await requestAction(app, world.manager.api, APPEALS, appeal.documentId, 'approve', { comment: '核实为室友所为', outcome: { result: 'revoke' } })).status).toBe(200);
    expect((await recordRow(app, record.documentId)).state).toBe('revoked');
  });
});

describe('amendments', () => {
  it('the department, the source office, then student affairs: the record ends amended, its history kept', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const record = await confirmedBadRecord(app, world, student.documentId, '拖欠学费');
    const amendment = await fileRequest(app, student.api, AMENDMENTS, { record, reason: '已缴清并写出检查', reformEvidence: '缴费收据' });
    expect((await requestAction(app, student.api, AMENDMENTS, amendment.documentId, 'submit')).status).toBe(200);
    // Out of turn: student affairs before the department.
    expect((await requestAction(app, world.studentAffairs.api, AMENDMENTS, amendment.documentId, 'approve', { comment: '同意' })).status).toBe(403);
    expect((await requestAction(app, world.manager.api, AMENDMENTS, amendment.documentId, 'approve', { comment: '表现良好' })).status).toBe(200);
    // The record's source office (finance), not another office.
    expect((await requestAction(app, world.security.api, AMENDMENTS, amendment.documentId, 'approve', { comment: '同意' })).status).toBe(404);
    const financeInbox = await app.http.get('/api/me/inbox').set('Authorization', world.finance.api);
    expect(financeInbox.body.data.map((item: { documentId: string }) => item.documentId)).toContain(amendment.documentId);
    expect((await requestAction(app, world.finance.api, AMENDMENTS, amendment.documentId, 'approve', { comment: '已缴清' })).status).toBe(200);
    expect((await recordRow(app, record)).state).toBe('confirmed');
    expect((await requestAction(app, world.studentAffairs.api, AMENDMENTS, amendment.documentId, 'approve', { comment: '准予修定' })).status).toBe(200);
    expect((await recordRow(app, record)).state).toBe('amended');
    expect((await versionsOf(app, record)).map((v) => v.event)).toEqual(['enter', 'confirm', 'amend']);
    const summary = await app.http.get('/api/me/integrity').set('Authorization', student.api);
    expect(summary.body.data.summary.standingBad).toBe(0);
    const notes = await app.http.get('/api/me/notifications').set('Authorization', student.api);
    expect(JSON.stringify(notes.body)).toContain('诚信记录修定已办结');
  });

  it('only a standing bad record can be amended', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const good = await enterRecord(app, world.manager.api, { student: student.documentId, indicator: 'daily-life', kind: 'good', title: '优秀寝室' });
    await recordAction(app, world.manager.api, good.documentId, 'confirm').expect(200);
    const refused = await app.http.post(`/api/${AMENDMENTS}`).set('Authorization', student.api).send({ data: { record: good.documentId, reason: '?' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors[0].path).toEqual(['record']);
  });
});

describe('one request under way per record, appeal or amendment', () => {
  const open = async (uid: string, record: string) => {
    const row = await recordRow(app, record);
    return app.strapi.db.query(uid).count({ where: { openRecordId: row.id, state: { $in: ['draft', 'submitted', 'returned'] } } });
  };

  it('an amendment under way refuses an appeal (400 naming record, nothing written), and the other way round; once it ends, the other may be filed', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const record = await confirmedBadRecord(app, world, student.documentId, '欠缴考试费');
    const amendment = await fileRequest(app, student.api, AMENDMENTS, { record, reason: '已缴清', reformEvidence: '收据' });
    expect((await requestAction(app, student.api, AMENDMENTS, amendment.documentId, 'submit')).status).toBe(200);
    const appeal = await app.http.post(`/api/${APPEALS}`).set('Authorization', student.api).send({ data: { record, reason: '记录有误' } });
    expect(appeal.status).toBe(400);
    expect(appeal.body.error.details.errors[0]).toMatchObject({ path: ['record'], message: expect.stringContaining('修定申请正在办理') });
    expect(await open('api::integrity-appeal.integrity-appeal', record)).toBe(0);
    // Withdrawn: the record is free for an appeal, and then not for a second amendment.
    expect((await requestAction(app, student.api, AMENDMENTS, amendment.documentId, 'withdraw')).status).toBe(200);
    const draft = await fileRequest(app, student.api, APPEALS, { record, reason: '记录有误' });
    const again = await app.http.post(`/api/${AMENDMENTS}`).set('Authorization', student.api).send({ data: { record, reason: '再次申请', reformEvidence: '收据' } });
    expect(again.status).toBe(400);
    expect(again.body.error.details.errors[0]).toMatchObject({ path: ['record'], message: expect.stringContaining('申诉正在办理') });
    expect(await open('api::integrity-amendment.integrity-amendment', record)).toBe(0);
    expect(await open('api::integrity-appeal.integrity-appeal', record)).toBe(1);
    expect(draft.documentId).toBeTruthy();
  });

  it('filed at the same moment, an appeal and an amendment of one record: exactly one is kept', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    for (let round = 0; round < 3; round += 1) {
      const record = await confirmedBadRecord(app, world, student.documentId, `欠缴费用${round}`);
      const [appeal, amendment] = await Promise.all([
        app.http.post(`/api/${APPEALS}`).set('Authorization', student.api).send({ data: { record, reason: '记录有误' } }),
        app.http.post(`/api/${AMENDMENTS}`).set('Authorization', student.api).send({ data: { record, reason: '已缴清', reformEvidence: '收据' } }),
      ]);
      const statuses = [appeal.status, amendment.status];
      expect(statuses.filter((status) => status === 200 || status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 400)).toHaveLength(1);
      expect((await open('api::integrity-appeal.integrity-appeal', record)) + (await open('api::integrity-amendment.integrity-amendment', record))).toBe(1);
    }
  });
});

describe('summary and checks', () => {
  it('the summary counts good and standing bad records per indicator and sets the level by the settings\' thresholds', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    for (const title of ['表彰一', '表彰二']) {
      const good = await enterRecord(app, world.manager.api, { student: student.documentId, indicator: 'daily-life', kind: 'good', title });
      await recordAction(app, world.manager.api, good.documentId, 'confirm').expect(200);
    }
    // Entered but unconfirmed: not counted.
    await enterRecord(app, world.finance.api, { student: student.documentId, indicator: 'economic', kind: 'bad', title: '待认定' });
    const archive = (await app.strapi.db.query('api::integrity-archive.integrity-archive').findOne({ where: { studentKey: student.id } })) as { documentId: string };
    const summary = async (auth: string) => app.http.get(`/api/integrity-archives/${archive.documentId}/summary`).set('Authorization', auth);
    const excellent = await summary(world.manager.api);
    expect(excellent.status).toBe(200);
    expect(excellent.body.data).toMatchObject({ level: 'excellent', levelLabel: '诚信优秀', good: 2, standingBad: 0, clear: true });
    expect(excellent.body.data.byIndicator.find((row: { indicator: string }) => row.indicator === 'daily-life')).toMatchObject({ good: 2, standingBad: 0 });
    await app.strapi.db.query('api::school-setting.school-setting').updateMany({ where: {}, data: { integrityGoodForExcellent: 3 } });
    expect((await summary(world.studentAffairs.api)).body.data.level).toBe('good');
    await app.strapi.db.query('api::school-setting.school-setting').updateMany({ where: {}, data: { integrityGoodForExcellent: 2 } });
    await confirmedBadRecord(app, world, student.documentId);
    expect((await summary(student.api)).body.data).toMatchObject({ level: 'fair', standingBad: 1, clear: false });
    // Another department does not reach the archive; a source office's role does not read archives.
    expect((await summary(world.otherManager.api)).status).toBe(404);
    expect((await summary(world.finance.api)).status).toBe(403);
    const other = await studentWithLogin(app, world.tree.schoolClass.documentId);
    expect((await summary(other.api)).status).toBe(404);
  });

  it('the batch check answers clear / not clear with reasons, in order; numbers out of reach read as unknown', async () => {
    const clean = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const bad = await studentWithLogin(app, world.tree.schoolClass.documentId);
    await confirmedBadRecord(app, world, bad.documentId);
    const elsewhere = await studentWithLogin(app, world.otherTree.schoolClass.documentId);
    const numbers = [bad.studentNumber, clean.studentNumber, 'NO-SUCH', elsewhere.studentNumber];
    const asManager = await app.http.post('/api/integrity/checks').set('Authorization', world.manager.api).send({ purpose: 'award', studentNumbers: numbers });
    expect(asManager.status).toBe(200);
    expect(asManager.body.data.map((r: { studentNumber: string; clear: boolean | null }) => [r.studentNumber, r.clear])).toEqual([
      [bad.studentNumber, false],
      [clean.studentNumber, true],
      ['NO-SUCH', null],
      [elsewhere.studentNumber, null],
    ]);
    expect(asManager.body.data[0].reasons[0]).toContain('经济诚信');
    expect(asManager.body.meta).toMatchObject({ count: 4, clear: 1, notClear: 1, notFound: 2 });
    const asStudentAffairs = await app.http.post('/api/integrity/checks').set('Authorization', world.studentAffairs.api).send({ purpose: 'aid', studentNumbers: [elsewhere.studentNumber] });
    expect(asStudentAffairs.body.data[0]).toMatchObject({ found: true, clear: true });
    for (const body of [{ studentNumbers: numbers }, { purpose: 'award', studentNumbers: [] }, { purpose: 'award', studentNumbers: Array(5001).fill('x') }, { purpose: 'award', studentNumbers: [1] }, { purpose: 'award', studentNumbers: ['a'], extra: 1 }]) {
      const refused = await app.http.post('/api/integrity/checks').set('Authorization', world.studentAffairs.api).send(body);
      expect(refused.status).toBe(400);
    }
    expect((await app.http.post('/api/integrity/checks').set('Authorization', clean.api).send({ purpose: 'award', studentNumbers: [bad.studentNumber] })).status).toBe(403);
  });

  it('the student\'s own archive: signing the current commitment, their own part reviewed by the department', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const mine = await app.http.get('/api/me/integrity').set('Authorization', student.api);
    expect(mine.status).toBe(200);
    expect(mine.body.data.archive.commitment).toMatchObject({ version: null, needsSigning: true });
    const current = mine.body.data.archive.commitment.currentVersion as string;
    const wrong = await app.http.post('/api/me/integrity/sign').set('Authorization', student.api).send({ document: 'commitment', version: 'old' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.errors[0].path).toEqual(['version']);
    expect((await app.http.post('/api/me/integrity/sign').set('Authorization', student.api).send({ document: 'commitment', version: current })).status).toBe(200);
    expect((await app.http.get('/api/me/integrity').set('Authorization', student.api)).body.data.archive.commitment).toMatchObject({ version: current, needsSigning: false });
    expect((await app.http.post('/api/me/integrity/sign').set('Authorization', world.manager.api).send({ document: 'commitment', version: current })).status).toBe(403);

    const created = await app.http.post('/api/me/integrity/self-entries').set('Authorization', student.api).send({ data: { category: 'position', title: '班长', organisation: '计算机系', startedOn: '2026-09-01' } });
    expect(created.status).toBe(201);
    const entry = created.body.data.documentId as string;
    const badCategory = await app.http.post('/api/me/integrity/self-entries').set('Authorization', student.api).send({ data: { category: 'hobby', title: 'x' } });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.error.details.errors[0].path).toEqual(['category']);
    const noReason = await app.http.post(`/api/integrity-self-entries/${entry}/review`).set('Authorization', world.manager.api).send({ result: 'returned' });
    expect(noReason.status).toBe(400);
    expect((await app.http.post(`/api/integrity-self-entries/${entry}/review`).set('Authorization', world.otherManager.api).send({ result: 'reviewed' })).status).toBe(404);
    expect((await app.http.post(`/api/integrity-self-entries/${entry}/review`).set('Authorization', student.api).send({ result: 'reviewed' })).status).toBe(403);
    const returned = await app.http.post(`/api/integrity-self-entries/${entry}/review`).set('Authorization', world.manager.api).send({ result: 'returned', comment: '请写明任职起止时间' });
    expect(returned.status).toBe(200);
    expect(returned.body.data).toMatchObject({ review: 'returned', reviewComment: '请写明任职起止时间' });
    const edited = await app.http.put(`/api/me/integrity/self-entries/${entry}`).set('Authorization', student.api).send({ data: { endedOn: '2027-06-30' } });
    expect(edited.status).toBe(200);
    expect(edited.body.data.review).toBe('pending');
    const other = await studentWithLogin(app, world.tree.schoolClass.documentId);
    expect((await app.http.put(`/api/me/integrity/self-entries/${entry}`).set('Authorization', other.api).send({ data: { title: '篡改' } })).status).toBe(404);
  });
});
