/**
 * The archive's transfer (档案转递, issue 17): applied for, checked for completeness, entered in the
 * transfer register and sent, closed by the receipt; a receipt missing past the school's days puts
 * the transfer on the follow-up list, marks the archive and tells the archive office once; the
 * graduates' archives whose retention has ended are listed. Each step checks the state the
 * database holds, is audited, refuses outside the scope, and writes nothing when it refuses.
 */
import { setClock } from '../../src/services/clock';
import { createClassTree, type ClassTree } from '../factories';
import { createStaff, createStudentLogin, ensureOffices, type StaffActor } from '../factories/actors';
import { activeStudent } from '../factories/status-changes';
import { startStrapi, type TestApp } from '../helpers/strapi';

const NOBODY = 'nosuchdocument0000000000';

let app: TestApp;
let ours: ClassTree;
let theirs: ClassTree;
let clerk: StaffActor;
let otherClerk: StaffActor;
let archiveOffice: StaffActor;
let academicAffairs: StaffActor;

const sql = <T = Record<string, any>>(text: string, bindings: unknown[] = []) => app.strapi.db.connection.raw(text, bindings as never).then((r: { rows: T[] }) => r.rows);
const archiveRow = async (id: number) => (await sql('SELECT id, document_id, state, custody, transferred_at FROM student_archives WHERE id = ?', [id]))[0];
const transferRow = async (documentId: string) => (await sql('SELECT * FROM archive_transfers WHERE document_id = ?', [documentId]))[0];
const auditOf = async (documentId: string) => (await sql<{ action: string }>('SELECT action FROM audit_logs WHERE target_document_id = ? ORDER BY id', [documentId])).map((row) => row.action);
const officeNotices = async () => Number((await sql<{ n: string }>("SELECT count(*) AS n FROM notifications WHERE recipient_office = 'archive'"))[0].n);
const transferCount = async () => Number((await sql<{ n: string }>('SELECT count(*) AS n FROM archive_transfers'))[0].n);

interface Archive {
  id: number;
  documentId: string;
  studentApi: string;
}

/** A student of `tree` with a login, and their archive; `complete` files every material required for the first archive. */
async function newArchive(tree: ClassTree = ours, { complete = true } = {}): Promise<Archive> {
  const student = await activeStudent(app, tree.schoolClass.documentId);
  const [archive] = await sql<{ id: number; document_id: string }>('SELECT id, document_id FROM student_archives WHERE student_key = ?', [student.id]);
  if (complete) {
    const kinds = await sql<{ id: number; name: string }>('SELECT id, name FROM material_kinds WHERE required_for_first_archive');
    for (const kind of kinds) {
      await app.strapi.db.query('api::archive-material.archive-material' as never).create({
        data: { archive: archive.id, archiveKey: archive.id, kind: kind.id, category: 'admission', title: kind.name, materialDate: '2035-09-01', superseded: false, publishedAt: new Date() },
      });
    }
  }
  return { id: archive.id, documentId: archive.document_id, studentApi: (await createStudentLogin(app, student.documentId)).api };
}

const APPLICATION = { reason: 'graduation', receivingUnit: '长沙市人才服务中心', receivingAddress: '长沙市岳麓区银盆南路 1 号' };
const apply = (auth: string, archive: string, data: Record<string, unknown> = {}) => app.http.post('/api/archive-transfers').set('Authorization', auth).send({ data: { archive, ...APPLICATION, ...data } });
const act = (auth: string, documentId: string, action: string, body: Record<string, unknown> = {}) => app.http.post(`/api/archive-transfers/${documentId}/${action}`).set('Authorization', auth).send(body);
let registerSequence = 0;
const sending = (extra: Record<string, unknown> = {}) => ({ registerNumber: `ZD-${Date.now().toString(36)}-${(registerSequence += 1)}`, sealedBy: '王档案', sealNumber: 'F-001', method: 'confidential-mail', trackingNumber: 'JY1234567890', ...extra });

async function applied(archive: Archive): Promise<string> {
  const response = await apply(clerk.api, archive.documentId);
  if (response.status !== 201) throw new Error(`apply: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data.documentId;
}
async function checked(archive: Archive): Promise<string> {
  const documentId = await applied(archive);
  const response = await act(archiveOffice.api, documentId, 'check');
  if (response.status !== 200) throw new Error(`check: ${response.status} ${JSON.stringify(response.body)}`);
  return documentId;
}
async function sent(archive: Archive): Promise<string> {
  const documentId = await checked(archive);
  const response = await act(archiveOffice.api, documentId, 'send', sending());
  if (response.status !== 200) throw new Error(`send: ${response.status} ${JSON.stringify(response.body)}`);
  return documentId;
}

beforeAll(async () => {
  app = await startStrapi();
  await ensureOffices(app);
  ours = await createClassTree(app.strapi);
  theirs = await createClassTree(app.strapi);
  clerk = await createStaff(app, { adminRole: 'department-clerk', department: ours.department.documentId });
  otherClerk = await createStaff(app, { adminRole: 'department-clerk', department: theirs.department.documentId });
  archiveOffice = await createStaff(app, { adminRole: 'archive-office', office: 'archive' });
  academicAffairs = await createStaff(app, { adminRole: 'academic-affairs', office: 'academic-affairs' });
});

afterEach(() => setClock(null));

afterAll(async () => {
  await app.stop();
});

describe('a transfer from application to receipt', () => {
  test('the department applies, the archive office checks, registers and sends it, then records the receipt; the archive moves with it', async () => {
    const archive = await newArchive();
    // Given the department's application while it keeps the archive
    const application = await apply(clerk.api, archive.documentId, { note: '已毕业，派遣至长沙' });
    expect(application.status).toBe(201);
    const { documentId } = application.body.data;
    expect(application.body.data).toMatchObject({ state: 'requested', reason: 'graduation', receivingUnit: APPLICATION.receivingUnit, appliedBy: clerk.email, applicationNote: '已毕业，派遣至长沙' });
    expect(application.body.data.archiveKey).toBeUndefined();
    expect(await archiveRow(archive.id)).toMatchObject({ state: 'transfer-requested', custody: 'department' });
    // When the archive office checks it (every required material filed)
    const check = await act(archiveOffice.api, documentId, 'check');
    expect(check.status).toBe(200);
    expect(check.body.data).toMatchObject({ state: 'checked', checkResult: 'complete', checkedBy: archiveOffice.email, checkMissing: null });
    // ... registers and sends it
    const send = await act(archiveOffice.api, documentId, 'send', sending({ method: 'courier', trackingNumber: 'SF1234567890' }));
    expect(send.status).toBe(200);
    expect(send.body.data).toMatchObject({ state: 'sent', method: 'courier', trackingNumber: 'SF1234567890', sealedBy: '王档案', sentBy: archiveOffice.email, sentOn: '2035-12-31' });
    const out = await archiveRow(archive.id);
    expect(out).toMatchObject({ state: 'transferred', custody: 'transferred' });
    expect(out.transferred_at).toBeInstanceOf(Date);
    // Then the department no longer sees it (custody left it), the student still does, read-only
    expect((await app.http.get(`/api/archive-transfers/${documentId}`).set('Authorization', clerk.api)).status).toBe(404);
    const own = await app.http.get(`/api/archive-transfers/${documentId}`).set('Authorization', archive.studentApi);
    expect(own.status).toBe(200);
    expect(own.body.data.state).toBe('sent');
    expect((await act(archive.studentApi, documentId, 'receipt', { receivedOn: '2035-12-31' })).status).toBe(403);
    // When the receipt comes back
    const receipt = await act(archiveOffice.api, documentId, 'receipt', { receivedOn: '2035-12-31', receiptNumber: 'HZ-88', notes: '已收到，档案完整' });
    expect(receipt.status).toBe(200);
    expect(receipt.body.data).toMatchObject({ state: 'received', receivedOn: '2035-12-31', receiptNumber: 'HZ-88', receiptRecordedBy: archiveOffice.email });
    // Then the archive is closed, and every step is in the audit log
    expect(await archiveRow(archive.id)).toMatchObject({ state: 'closed', custody: 'transferred' });
    expect(await auditOf(documentId)).toEqual(['transfer-apply', 'transfer-check', 'transfer-send', 'transfer-receipt']);
    expect(await auditOf(archive.documentId)).toEqual(['update', 'update', 'update']);
  });

  test('a check with required first-archive materials missing needs a note that explains; without one nothing is written', async () => {
    const archive = await newArchive(ours, { complete: false });
    const documentId = await applied(archive);
    const refused = await act(archiveOffice.api, documentId, 'check');
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors[0].path).toEqual(['note']);
    expect(refused.body.error.message).toContain('录取通知书复印件');
    expect((await transferRow(documentId)).state).toBe('requested');
    expect(await auditOf(documentId)).toEqual(['transfer-apply']);
    const explained = await act(archiveOffice.api, documentId, 'check', { note: '录取通知书原件遗失，已附招生办证明' });
    expect(explained.status).toBe(200);
    expect(explained.body.data).toMatchObject({ state: 'checked', checkResult: 'explained', checkNote: '录取通知书原件遗失，已附招生办证明' });
    expect(explained.body.data.checkMissing.split('\n')).toEqual(expect.arrayContaining(['录取通知书复印件', '身份证复印件', '健康检查报告']));
  });

  test('cancelling one not yet sent gives the archive back its state, and it may be applied for again', async () => {
    const archive = await newArchive();
    const documentId = await checked(archive);
    expect((await act(archiveOffice.api, documentId, 'cancel', {})).body.error.details.errors[0].path).toEqual(['reason']);
    const cancel = await act(archiveOffice.api, documentId, 'cancel', { reason: '学生改为自行办理' });
    expect(cancel.status).toBe(200);
    expect(cancel.body.data).toMatchObject({ state: 'cancelled', cancelReason: '学生改为自行办理', cancelledBy: archiveOffice.email });
    // Every required material is filed: the state it had before the application, as the database judged it.
    expect((await archiveRow(archive.id)).state).toBe('complete');
    expect((await apply(clerk.api, archive.documentId)).status).toBe(201);
  });
});

describe('the state the database holds decides', () => {
  test.each([
    ['sending before the check', async (a: Archive) => applied(a), 'send', sending(), '已申请'],
    ['a receipt before sending', async (a: Archive) => checked(a), 'receipt', { receivedOn: '2035-12-31' }, '已审核'],
    ['checking twice', async (a: Archive) => checked(a), 'check', {}, '已审核'],
    ['cancelling once sent', async (a: Archive) => sent(a), 'cancel', { reason: '误操作' }, '已寄出'],
  ] as const)('%s is a 409 naming the state, and nothing is written', async (_case, setup, action, body, stateLabel) => {
    const archive = await newArchive();
    const documentId = await setup(archive);
    const [before, archiveBefore, audit] = [await transferRow(documentId), await archiveRow(archive.id), await auditOf(documentId)];
    const response = await act(archiveOffice.api, documentId, action, body as Record<string, unknown>);
    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain(`“${stateLabel}”`);
    expect(await transferRow(documentId)).toEqual(before);
    expect(await archiveRow(archive.id)).toEqual(archiveBefore);
    expect(await auditOf(documentId)).toEqual(audit);
  });

  test('two sends at once: one is sent, the other is told it was (409); one register entry', async () => {
    const archive = await newArchive();
    const documentId = await checked(archive);
    const answers = await Promise.all([act(archiveOffice.api, documentId, 'send', sending()), act(archiveOffice.api, documentId, 'send', sending())]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await auditOf(documentId)).toEqual(['transfer-apply', 'transfer-check', 'transfer-send']);
  });

  test('an archive with a transfer under way cannot be applied for again (409), nor one already sent out (403)', async () => {
    const archive = await newArchive();
    await applied(archive);
    const count = await transferCount();
    const again = await apply(archiveOffice.api, archive.documentId);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('已申请转递');
    const gone = await newArchive();
    await sent(gone);
    expect((await apply(archiveOffice.api, gone.documentId)).status).toBe(403);
    expect(await transferCount()).toBe(count + 1);
  });

  test('a register number already in the transfer register is refused (spaces and case aside), naming the field; the transfer stays checked', async () => {
    const first = await newArchive();
    const taken = sending().registerNumber;
    expect((await act(archiveOffice.api, await checked(first), 'send', sending({ registerNumber: taken }))).status).toBe(200);
    const second = await newArchive();
    const documentId = await checked(second);
    const response = await act(archiveOffice.api, documentId, 'send', sending({ registerNumber: ` ${taken.toLowerCase()} ` }));
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['registerNumber']);
    expect((await transferRow(documentId)).state).toBe('checked');
    expect(await archiveRow(second.id)).toMatchObject({ custody: 'department', state: 'transfer-requested' });
  });
});

describe('who may see and act', () => {
  test('another department neither sees nor acts on our transfers; guessed documentIds are 404', async () => {
    const archive = await newArchive();
    const documentId = await applied(archive);
    expect((await app.http.get(`/api/archive-transfers/${documentId}`).set('Authorization', otherClerk.api)).status).toBe(404);
    const list = await app.http.get('/api/archive-transfers?pagination[pageSize]=100').set('Authorization', otherClerk.api);
    expect(list.body.data.map((t: { documentId: string }) => t.documentId)).not.toContain(documentId);
    expect((await apply(otherClerk.api, (await newArchive()).documentId)).status).toBe(404);
    expect((await act(otherClerk.api, documentId, 'check')).status).toBe(403);
    expect((await act(archiveOffice.api, NOBODY, 'check')).status).toBe(404);
    expect((await apply(archiveOffice.api, NOBODY)).status).toBe(404);
    expect((await transferRow(documentId)).state).toBe('requested');
  });

  test('the department applies only while it keeps the archive; the student and academic affairs do not act', async () => {
    const archive = await newArchive();
    await sql("UPDATE student_archives SET custody = 'archive-office', state = 'in-custody' WHERE id = ?", [archive.id]);
    const count = await transferCount();
    expect((await apply(clerk.api, archive.documentId)).status).toBe(404);
    expect((await apply(archive.studentApi, archive.documentId)).status).toBe(403);
    expect((await apply(academicAffairs.api, archive.documentId)).status).toBe(403);
    expect(await transferCount()).toBe(count);
    const documentId = (await apply(archiveOffice.api, archive.documentId)).body.data.documentId;
    expect((await act(academicAffairs.api, documentId, 'check')).status).toBe(403);
    expect((await app.http.get(`/api/archive-transfers/${documentId}`).set('Authorization', academicAffairs.api)).status).toBe(200);
    expect((await act(archive.studentApi, documentId, 'cancel', { reason: 'x' })).status).toBe(403);
  });

  test('a student reads only their own transfers', async () => {
    const mine = await newArchive();
    const theirsArchive = await newArchive();
    const own = await applied(mine);
    const other = await applied(theirsArchive);
    const list = await app.http.get('/api/archive-transfers').set('Authorization', mine.studentApi);
    expect(list.status).toBe(200);
    expect(list.body.data.map((t: { documentId: string }) => t.documentId)).toEqual([own]);
    expect((await app.http.get(`/api/archive-transfers/${other}`).set('Authorization', mine.studentApi)).status).toBe(404);
  });
});

describe('bad input is a 400 naming the field, and nothing is written', () => {
  test.each([
    ['no data', null, ['data']],
    ['no reason', { reason: undefined }, ['data', 'reason']],
    ['a reason not in the list', { reason: 'expelled' }, ['data', 'reason']],
    ['no receiving unit', { receivingUnit: ' ' }, ['data', 'receivingUnit']],
    ['an address over 200 characters', { receivingAddress: '路'.repeat(201) }, ['data', 'receivingAddress']],
    ['a field the application does not have', { state: 'sent' }, ['data', 'state']],
    ['an archive that is not a documentId', { archive: 42 }, ['data', 'archive']],
  ])('applying with %s', async (_case, data, path) => {
    const archive = await newArchive();
    const count = await transferCount();
    const body = data === null ? {} : { data: { archive: archive.documentId, ...APPLICATION, ...data } };
    const response = await app.http.post('/api/archive-transfers').set('Authorization', clerk.api).send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(path);
    expect(await transferCount()).toBe(count);
    expect((await archiveRow(archive.id)).state).toBe('complete');
  });

  test.each([
    ['no register number', { registerNumber: '' }, 'registerNumber'],
    ['a method that is neither', { method: 'pigeon' }, 'method'],
    ['no tracking number', { trackingNumber: undefined }, 'trackingNumber'],
    ['a sending day after today', { sentOn: '2036-01-01' }, 'sentOn'],
    ['an impossible day', { sentOn: '2035-02-30' }, 'sentOn'],
    ['a field sending does not have', { custody: 'department' }, 'custody'],
  ])('sending with %s', async (_case, extra, field) => {
    const archive = await newArchive();
    const documentId = await checked(archive);
    const response = await act(archiveOffice.api, documentId, 'send', sending(extra));
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual([field]);
    expect((await transferRow(documentId)).state).toBe('checked');
    expect((await archiveRow(archive.id)).custody).toBe('department');
  });

  test('a receipt dated before the sending is refused', async () => {
    const documentId = await sent(await newArchive());
    const response = await act(archiveOffice.api, documentId, 'receipt', { receivedOn: '2035-12-30' });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['receivedOn']);
    expect((await transferRow(documentId)).state).toBe('sent');
  });
});

describe('the receipt follow-up', () => {
  test('31 days without receipt: on the follow-up list, the archive receipt-overdue, the archive office told once however often it runs', async () => {
    // Given a transfer sent today
    const archive = await newArchive();
    const documentId = await sent(archive);
    const onList = async () => {
      const response = await app.http.get('/api/archive-transfers/follow-up').set('Authorization', archiveOffice.api);
      expect(response.status).toBe(200);
      return (response.body.data as Array<{ documentId: string; daysSinceSent: number }>).find((row) => row.documentId === documentId);
    };
    // When 30 days have passed: not yet
    setClock('2036-01-30T09:00:00+08:00');
    expect(await onList()).toBeUndefined();
    // When 31 days have passed
    setClock('2036-01-31T09:00:00+08:00');
    expect(await onList()).toMatchObject({ daysSinceSent: 31, sentOn: '2035-12-31' });
    const notices = await officeNotices();
    const run = await app.http.post('/api/archive-transfers/follow-up/run').set('Authorization', archiveOffice.api).send({});
    expect(run.status).toBe(200);
    expect(run.body.data.transfers).toContain(documentId);
    expect(await officeNotices()).toBe(notices + 1);
    expect((await archiveRow(archive.id)).state).toBe('receipt-overdue');
    expect((await transferRow(documentId)).overdue_notified_at).toBeInstanceOf(Date);
    // Then running again (or two at once) tells nobody twice
    const again = await Promise.all([1, 2].map(() => app.http.post('/api/archive-transfers/follow-up/run').set('Authorization', archiveOffice.api).send({})));
    expect(again.map((r) => [r.status, r.body.data.newlyOverdue])).toEqual([[200, 0], [200, 0]]);
    expect(await officeNotices()).toBe(notices + 1);
    expect(await auditOf(documentId)).toEqual(['transfer-apply', 'transfer-check', 'transfer-send', 'transfer-follow-up']);
    // The archive office reads its notice in the admin; a department there, and the student at /api, do not
    const inAdmin = async (auth: string) => {
      const response = await app.http.get('/content-manager/collection-types/api::notification.notification?page=1&pageSize=100').set('Authorization', auth);
      expect(response.status).toBe(200);
      return (response.body.results as Array<{ recipientOffice: string | null; body: string }>).filter((n) => n.recipientOffice === 'archive');
    };
    const { register_number: registerNumber } = await transferRow(documentId);
    expect((await inAdmin(archiveOffice.admin)).some((n) => n.body.includes(registerNumber))).toBe(true);
    expect(await inAdmin(clerk.admin)).toEqual([]);
    const studentNotices = await app.http.get('/api/notifications?pagination[pageSize]=100').set('Authorization', archive.studentApi);
    expect(studentNotices.status).toBe(200);
    expect(studentNotices.body.data.filter((n: { recipientOffice: string | null }) => n.recipientOffice === 'archive')).toEqual([]);
    // The follow-up list and its run are the archive office's (a department sees none of it; it may not run it)
    expect((await app.http.post('/api/archive-transfers/follow-up/run').set('Authorization', clerk.api).send({})).status).toBe(403);
    // When the receipt comes at last, it leaves the list and the archive is closed
    expect((await act(archiveOffice.api, documentId, 'receipt', { receivedOn: '2036-01-31' })).status).toBe(200);
    expect(await onList()).toBeUndefined();
    expect((await archiveRow(archive.id)).state).toBe('closed');
  });
});

describe('the retention list', () => {
  test('a graduate\'s archive is due for transfer once two years have passed since graduation, until it is transferred', async () => {
    const archive = await newArchive();
    const gone = await newArchive();
    await sql("UPDATE student_archives SET graduated_on = '2034-07-01', custody = 'archive-office', state = 'in-custody' WHERE id IN (?, ?)", [archive.id, gone.id]);
    await sql("UPDATE student_archives SET custody = 'transferred', state = 'transferred' WHERE id = ?", [gone.id]);
    const due = async (auth: string) => {
      const response = await app.http.get('/api/student-archives/retention-due').set('Authorization', auth);
      return { status: response.status, rows: (response.body.data ?? []) as Array<{ documentId: string; retentionEndsOn: string; graduatedOn: string }> };
    };
    // The day before the two years end: not due
    setClock('2036-06-30T12:00:00+08:00');
    expect((await due(archiveOffice.api)).rows.map((r) => r.documentId)).not.toContain(archive.documentId);
    // On the day: due, with its dates; the one transferred is not listed
    setClock('2036-07-01T08:00:00+08:00');
    const listed = await due(archiveOffice.api);
    expect(listed.status).toBe(200);
    expect(listed.rows.find((r) => r.documentId === archive.documentId)).toMatchObject({ graduatedOn: '2034-07-01', retentionEndsOn: '2036-07-01' });
    expect(listed.rows.map((r) => r.documentId)).not.toContain(gone.documentId);
    expect((await due(academicAffairs.api)).rows.map((r) => r.documentId)).toContain(archive.documentId);
    // A department and a student may not read it
    expect((await due(clerk.api)).status).toBe(403);
    expect((await due(archive.studentApi)).status).toBe(403);
    // The school's setting moves the line
    await sql('UPDATE school_settings SET archive_retention_years = 3');
    try {
      expect((await due(archiveOffice.api)).rows.map((r) => r.documentId)).not.toContain(archive.documentId);
    } finally {
      await sql('UPDATE school_settings SET archive_retention_years = 2');
    }
  });
});
