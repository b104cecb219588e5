/**
 * The integrity archive's admin routes (issue 15, "Admin"): a student's 诚信档案 panel, a record's
 * timeline, and the 审批办理 panel of appeals and amendments. Each needs the admin permission of
 * its content-API action, reads within the caller's scope (another department's student is a 404),
 * and a staff member's read leaves an audit line.
 */
import { studentWithLogin } from '../factories/status-changes';
import { confirmedBadRecord, createIntegrityWorld, enterRecord, recordAction, recordRow, versionsOf, type IntegrityWorld, type StudentWithLogin, SAMPLE_PDF } from '../factories/integrity';
import { submittedAppeal as fileAppeal } from '../factories/integrity-requests';
import { auditRows } from '../helpers/audit';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: IntegrityWorld;
let student: StudentWithLogin;
let otherStudent: StudentWithLogin;
let badRecord: string;

const ARCHIVE = 'api::integrity-archive.integrity-archive';
const RECORD_UID = 'api::integrity-record.integrity-record';
const APPEAL_UID = 'api::integrity-appeal.integrity-appeal';
const panel = (documentId: string) => `/student-records/integrity/students/${documentId}`;
const recordTimeline = (documentId: string) => `/student-records/integrity/records/${documentId}/timeline`;
const appealPath = (documentId: string, what: string) => `/student-records/approvals/integrity-appeal/${documentId}/${what}`;

beforeAll(async () => {
  app = await startStrapi();
  world = await createIntegrityWorld(app);
  student = await studentWithLogin(app, world.tree.schoolClass.documentId);
  otherStudent = await studentWithLogin(app, world.otherTree.schoolClass.documentId);
  badRecord = await confirmedBadRecord(app, world, student.documentId, '欠缴住宿费');
  const good = await enterRecord(app, world.manager.api, { student: student.documentId, indicator: 'daily-life', kind: 'good', title: '文明寝室' });
  expect((await recordAction(app, world.manager.api, good.documentId, 'confirm')).status).toBe(200);
  // Entered, not yet confirmed: staff see it in the list, the summary does not count it.
  await enterRecord(app, world.manager.api, { student: student.documentId, indicator: 'academic', kind: 'good', title: '竞赛获奖待认定' });
});

afterAll(async () => {
  await app.stop();
});

async function archiveOf(studentDocumentId: string): Promise<string> {
  const row = (await app.strapi.db.query(ARCHIVE).findOne({ where: { student: { documentId: studentDocumentId } } })) as { documentId: string };
  return row.documentId;
}

/** A submitted appeal of a fresh confirmed bad record of `student`. */
async function submittedAppeal(title: string): Promise<{ appeal: string; record: string }> {
  const record = await confirmedBadRecord(app, world, student.documentId, title);
  return { appeal: await fileAppeal(app, student.api, record, '已于期限内缴清，记录有误'), record };
}

describe("a student's 诚信档案 panel", () => {
  it('student affairs sees the summary, every record with its words, and its read is audited', async () => {
    // Given a student with a confirmed bad record, a confirmed good one and an entered one
    const archive = await archiveOf(student.documentId);
    const before = (await auditRows(app, archive, 'read')).length;
    // When student affairs opens the student's panel
    const response = await app.http.get(panel(student.documentId)).set('Authorization', world.studentAffairs.admin);
    // Then the summary counts the confirmed records only, the clearance names the bad one, and the list has all three
    expect(response.status).toBe(200);
    const data = response.body.data;
    expect(data.student.studentNumber).toBe(student.studentNumber);
    expect(data).toMatchObject({ good: 1, standingBad: 1, clear: false, levelLabel: expect.any(String) });
    expect(data.reasons.join('')).toContain('经济诚信');
    expect(data.byIndicator.find((row: { indicator: string }) => row.indicator === 'economic')).toMatchObject({ label: '经济诚信' });
    expect(data.total).toBe(3);
    const titles = data.records.map((r: { title: string }) => r.title).sort();
    expect(titles).toEqual(['文明寝室', '欠缴住宿费', '竞赛获奖待认定'].sort());
    expect(data.records.find((r: { title: string }) => r.title === '竞赛获奖待认定')).toMatchObject({ stateLabel: '待认定', kindLabel: '优良记录', indicatorLabel: '学习诚信', levelLabel: '系部级', sourceOfficeLabel: '系部' });
    expect(data.records.find((r: { title: string }) => r.title === '欠缴住宿费')).toMatchObject({ stateLabel: '已认定', levelLabel: '校级', sourceOfficeLabel: '计财处' });
    // And the read is an audit line naming the person and the admin channel
    const lines = await auditRows(app, archive, 'read');
    expect(lines).toHaveLength(before + 1);
    expect(lines.at(-1)).toMatchObject({ actor_type: 'admin', actor_id: world.studentAffairs.adminUserId, channel: 'admin', target_type: ARCHIVE, fields: ['summary'] });
    // And each record listed is a read of it too
    expect((await auditRows(app, badRecord, 'read')).some((row) => row.actor_id === world.studentAffairs.adminUserId && row.channel === 'admin')).toBe(true);
  });

  it("the student's own department manager sees it; another department's is answered 404 and nothing is audited", async () => {
    expect((await app.http.get(panel(student.documentId)).set('Authorization', world.manager.admin)).status).toBe(200);
    const archive = await archiveOf(student.documentId);
    const before = (await auditRows(app, archive)).length;
    const other = await app.http.get(panel(student.documentId)).set('Authorization', world.otherManager.admin);
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain(student.studentNumber);
    expect(await auditRows(app, archive)).toHaveLength(before);
    // Their own student is theirs to read.
    expect((await app.http.get(panel(otherStudent.documentId)).set('Authorization', world.otherManager.admin)).status).toBe(200);
  });

  it.each([
    ['academic affairs', () => world.academicAffairs],
    ['a source office (finance)', () => world.finance],
  ])('%s, whose role cannot read archives, is refused (403) even for a record it entered', async (_name, actor) => {
    const response = await app.http.get(panel(student.documentId)).set('Authorization', actor().admin);
    expect(response.status).toBe(403);
  });

  it('a student that does not exist is 404, and without an admin login the route is 401', async () => {
    expect((await app.http.get(panel('no-such-student-000000000')).set('Authorization', world.studentAffairs.admin)).status).toBe(404);
    expect((await app.http.get(panel(student.documentId))).status).toBe(401);
    // A content-API login is not an admin login.
    expect((await app.http.get(panel(student.documentId)).set('Authorization', world.studentAffairs.api)).status).toBe(401);
  });
});

describe("a record's timeline", () => {
  it('shows every version in words to student affairs, and the read is audited', async () => {
    const before = (await auditRows(app, badRecord, 'read')).length;
    const response = await app.http.get(recordTimeline(badRecord)).set('Authorization', world.studentAffairs.admin);
    expect(response.status).toBe(200);
    expect(response.body.data.versions.map((v: { eventLabel: string; stateLabel: string }) => [v.eventLabel, v.stateLabel])).toEqual([
      ['录入', '待认定'],
      ['认定', '已认定'],
    ]);
    const lines = await auditRows(app, badRecord, 'read');
    expect(lines).toHaveLength(before + 1);
    expect(lines.at(-1)).toMatchObject({ actor_id: world.studentAffairs.adminUserId, channel: 'admin', target_type: RECORD_UID, fields: ['timeline'] });
  });

  it("is 404 to another department's manager, and 403 to a role that cannot read records", async () => {
    expect((await app.http.get(recordTimeline(badRecord)).set('Authorization', world.otherManager.admin)).status).toBe(404);
    // The archive office reads students, not the integrity archive.
    const archiveOffice = await (await import('../factories/actors')).createStaff(app, { adminRole: 'archive-office', office: 'archive' });
    expect((await app.http.get(recordTimeline(badRecord)).set('Authorization', archiveOffice.admin)).status).toBe(403);
  });
});

describe("a record's evidence in the admin (证明材料)", () => {
  const PDF = SAMPLE_PDF;
  const evidence = (documentId: string) => `/student-records/integrity/records/${documentId}/evidence`;
  const upload = (auth: string, documentId: string, bytes: Buffer, filename: string) =>
    app.http.post(evidence(documentId)).set('Authorization', auth).attach('files', bytes, { filename, contentType: 'application/pdf' });

  it('the entering office uploads before confirmation, every reader downloads, and the upload is offered to that office only', async () => {
    // Given a record finance has entered and nobody has confirmed
    const record = await enterRecord(app, world.finance.api, { student: student.documentId, indicator: 'economic', kind: 'bad', title: '欠缴教材费' });
    const listed = async (auth: string) => app.http.get(evidence(record.documentId)).set('Authorization', auth);
    expect((await listed(world.finance.admin)).body.data).toEqual({ documentId: record.documentId, files: [], canAttach: true });
    // Student affairs confirms it but did not enter it: no upload offered, and none accepted.
    expect((await listed(world.studentAffairs.admin)).body.data.canAttach).toBe(false);
    expect((await upload(world.studentAffairs.admin, record.documentId, PDF, '催缴单.pdf')).status).toBe(403);
    const notPdf = await upload(world.finance.admin, record.documentId, Buffer.from('<html>no</html>'), 'x.pdf');
    expect(notPdf.status).toBe(400);
    expect(notPdf.body.error.details.errors[0].path).toEqual(['files']);
    // When finance uploads a PDF through the admin
    const added = await upload(world.finance.admin, record.documentId, PDF, '催缴单.pdf');
    // Then the answer is the new list, and the file reads back byte for byte to whoever sees the record
    expect(added.status).toBe(201);
    expect(added.body.data.files).toEqual([expect.objectContaining({ name: '催缴单.pdf', mime: 'application/pdf' })]);
    const fileId = added.body.data.files[0].id as number;
    const read = await app.http.get(`${evidence(record.documentId)}/${fileId}`).set('Authorization', world.manager.admin).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(read.status).toBe(200);
    expect(Buffer.compare(read.body as Buffer, PDF)).toBe(0);
    // Another department sees neither the list nor the file; a role without records, 403.
    expect((await listed(world.otherManager.admin)).status).toBe(404);
    expect((await app.http.get(`${evidence(record.documentId)}/${fileId}`).set('Authorization', world.otherManager.admin)).status).toBe(404);
    const archiveOffice = await (await import('../factories/actors')).createStaff(app, { adminRole: 'archive-office', office: 'archive' });
    expect((await listed(archiveOffice.admin)).status).toBe(403);
    // Once confirmed, the evidence is part of what was confirmed: no upload offered or accepted.
    expect((await recordAction(app, world.studentAffairs.api, record.documentId, 'confirm')).status).toBe(200);
    expect((await listed(world.finance.admin)).body.data.canAttach).toBe(false);
    expect((await upload(world.finance.admin, record.documentId, PDF, '补充.pdf')).status).toBe(403);
    expect((await listed(world.finance.admin)).body.data.files).toHaveLength(1);
  });

  it("a staff member's look at the list and at a file each leave an audit line", async () => {
    const record = await enterRecord(app, world.finance.api, { student: student.documentId, indicator: 'economic', kind: 'bad', title: '欠缴体检费' });
    const added = await upload(world.finance.admin, record.documentId, PDF, '体检费.pdf');
    expect(added.status).toBe(201);
    const before = (await auditRows(app, record.documentId, 'read')).length;
    expect((await app.http.get(evidence(record.documentId)).set('Authorization', world.manager.admin)).status).toBe(200);
    expect((await app.http.get(`${evidence(record.documentId)}/${added.body.data.files[0].id}`).set('Authorization', world.manager.admin)).status).toBe(200);
    const lines = await auditRows(app, record.documentId, 'read');
    expect(lines).toHaveLength(before + 2);
    expect(lines.slice(-2).map((line) => [line.actor_id, line.channel, line.fields])).toEqual([
      [world.manager.adminUserId, 'admin', ['evidence']],
      [world.manager.adminUserId, 'admin', ['evidence']],
    ]);
  });
});

describe("an appeal's 审批办理 panel", () => {
  it('offers student affairs the decision on a school-level appeal, with the record and the reason', async () => {
    const { appeal, record } = await submittedAppeal('欠缴教材费');
    const response = await app.http.get(appealPath(appeal, 'timeline')).set('Authorization', world.studentAffairs.admin);
    expect(response.status).toBe(200);
    const data = response.body.data;
    expect(data).toMatchObject({ state: 'submitted', subject: 'integrity-appeal', reason: '已于期限内缴清，记录有误' });
    expect(data.record).toMatchObject({ documentId: record, title: '欠缴教材费', stateLabel: '申诉中', levelLabel: '校级', sourceOfficeLabel: '计财处' });
    expect(data.allowedActions).toEqual(expect.arrayContaining(['approve', 'reject', 'return']));
    // The department manager reads it (their student) but the school-level step is not theirs.
    const manager = await app.http.get(appealPath(appeal, 'timeline')).set('Authorization', world.manager.admin);
    expect(manager.status).toBe(200);
    expect(manager.body.data.allowedActions).toEqual([]);
    expect((await app.http.get(appealPath(appeal, 'timeline')).set('Authorization', world.otherManager.admin)).status).toBe(404);
    expect((await app.http.post(appealPath(appeal, 'approve')).set('Authorization', world.otherManager.admin).send({ comment: '同意', outcome: { result: 'revoke' } })).status).toBe(404);
  });

  it('approving needs a reason and a result; 修改 with a new title writes a new version and keeps the old ones', async () => {
    const { appeal, record } = await submittedAppeal('欠缴住宿押金');
    const noReason = await app.http.post(appealPath(appeal, 'approve')).set('Authorization', world.studentAffairs.admin).send({ outcome: { result: 'revoke' }, step: 1 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.errors[0].path).toEqual(['comment']);
    const badResult = await app.http.post(appealPath(appeal, 'approve')).set('Authorization', world.studentAffairs.admin).send({ comment: '理由', outcome: { result: 'delete' }, step: 1 });
    expect(badResult.status).toBe(400);
    expect(badResult.body.error.details.errors[0].path).toEqual(['outcome', 'result']);
    expect((await recordRow(app, record)).state).toBe('appealed');

    const modified = await app.http
      .post(appealPath(appeal, 'approve'))
      .set('Authorization', world.studentAffairs.admin)
      .send({ comment: '金额有误，按实际欠缴更正', outcome: { result: 'modify', content: { title: '欠缴住宿押金（已部分缴纳）', description: '欠缴 200 元' } }, step: 1 });
    expect(modified.status).toBe(200);
    expect(modified.body.data).toMatchObject({ state: 'approved', effect: { result: 'modify', recordState: 'modified' } });
    expect(modified.body.data.decisions.at(-1)).toMatchObject({ decision: 'approve', comment: '金额有误，按实际欠缴更正', outcome: { result: 'modify' } });
    expect(await recordRow(app, record)).toMatchObject({ state: 'modified', title: '欠缴住宿押金（已部分缴纳）', description: '欠缴 200 元' });
    const versions = await versionsOf(app, record);
    expect(versions.map((v) => v.event)).toEqual(['enter', 'confirm', 'appeal', 'appeal-modify']);
    expect(versions[1].content.title).toBe('欠缴住宿押金');
  });

  it('驳回: rejecting needs a reason, and leaves the record standing', async () => {
    const { appeal, record } = await submittedAppeal('欠缴网费');
    const noReason = await app.http.post(appealPath(appeal, 'reject')).set('Authorization', world.studentAffairs.admin).send({ step: 1 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.errors[0].path).toEqual(['comment']);
    const rejected = await app.http.post(appealPath(appeal, 'reject')).set('Authorization', world.studentAffairs.admin).send({ comment: '经核实确有欠费', step: 1 });
    expect(rejected.status).toBe(200);
    expect(rejected.body.data.state).toBe('rejected');
    expect((await recordRow(app, record)).state).toBe('confirmed');
  });

  it('a role without the action is refused (403) before anything moves; an unknown subject or action is 404', async () => {
    const { appeal, record } = await submittedAppeal('欠缴体检费');
    // School leadership reads appeals but may not decide them.
    const leader = await app.http.post(appealPath(appeal, 'approve')).set('Authorization', world.leader.admin).send({ comment: '同意', outcome: { result: 'revoke' }, step: 1 });
    expect(leader.status).toBe(403);
    expect((await recordRow(app, record)).state).toBe('appealed');
    expect((await app.http.get(`/student-records/approvals/status-change/${appeal}/timeline`).set('Authorization', world.studentAffairs.admin)).status).toBe(404);
    expect((await app.http.post(appealPath(appeal, 'delete')).set('Authorization', world.studentAffairs.admin).send({})).status).toBe(404);
    // Revoked through the panel's route: the record's last version says so.
    const revoked = await app.http.post(appealPath(appeal, 'approve')).set('Authorization', world.studentAffairs.admin).send({ comment: '已缴清', outcome: { result: 'revoke' }, step: 1 });
    expect(revoked.status).toBe(200);
    expect((await recordRow(app, record)).state).toBe('revoked');
    expect(APPEAL_UID).toBe(revoked.body.data.uid);
  });
});
