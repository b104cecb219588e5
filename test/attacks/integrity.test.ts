/**
 * The integrity archive as an attacker sees it (issue 15): across departments, from student logins
 * and from a source office, on REST, GraphQL and the Content Manager: relation filters, populate,
 * sort and count oracles, relation arrays, guessed ids, and two people acting at once.
 */
import { createStudentLogin } from '../factories/actors';
import { studentWithLogin } from '../factories/status-changes';
import { confirmedBadRecord, createIntegrityWorld, enterRecord, fileRequest, recordAction, requestAction, type IntegrityWorld, type StudentWithLogin } from '../factories/integrity';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: IntegrityWorld;
/** A student of the department and one of the other department, each with records. */
let ours: StudentWithLogin;
let theirs: StudentWithLogin;
let ourRecord: string;
let theirRecord: string;
let theirEntered: string;
const SECRET = '绝密记录标题';

beforeAll(async () => {
  app = await startStrapi();
  world = await createIntegrityWorld(app);
  ours = await studentWithLogin(app, world.tree.schoolClass.documentId);
  theirs = await studentWithLogin(app, world.otherTree.schoolClass.documentId);
  ourRecord = await confirmedBadRecord(app, world, ours.documentId, '我系学生的记录');
  theirRecord = await confirmedBadRecord(app, world, theirs.documentId, SECRET);
  theirEntered = (await enterRecord(app, world.finance.api, { student: theirs.documentId, indicator: 'economic', kind: 'bad', title: '尚未认定的记录' })).documentId;
});

afterAll(async () => {
  await app.stop();
});

const RECORDS = '/api/integrity-records';
const get = (path: string, auth: string) => app.http.get(path).set('Authorization', auth);
const gql = (auth: string, query: string) => app.http.post('/graphql').set('Authorization', auth).send({ query });
const idsOf = (body: { data?: Array<{ documentId: string }> }) => (body.data ?? []).map((row) => row.documentId);

describe('a department manager of another department', () => {
  test.each([
    ['the list', `${RECORDS}?pagination[pageSize]=100`],
    ['a filter on the student\'s name', () => `${RECORDS}?filters[student][studentNumber][$eq]=${theirs.studentNumber}`],
    ['a filter on the department relation', () => `${RECORDS}?filters[department][documentId][$eq]=${world.otherTree.department.documentId}`],
    ['a filter on the title, bisecting', `${RECORDS}?filters[title][$startsWith]=${encodeURIComponent('绝')}`],
    ['an $or mixing a visible condition', `${RECORDS}?filters[$or][0][title][$eq]=${encodeURIComponent(SECRET)}&filters[$or][1][id][$gt]=0`],
    ['a sort on a hidden column', `${RECORDS}?sort=departmentScope:asc`],
  ])('sees nothing of theirs through %s', async (_, path) => {
    const response = await get(typeof path === 'function' ? path() : path, world.manager.api);
    expect([200, 400]).toContain(response.status);
    expect(idsOf(response.body)).not.toContain(theirRecord);
    expect(JSON.stringify(response.body)).not.toContain(SECRET);
    if (response.status === 200) expect(response.body.meta.pagination.total).toBe(idsOf(response.body).length);
  });

  test('cannot read, confirm, time-line, summarise or check their student', async () => {
    expect((await get(`${RECORDS}/${theirRecord}`, world.manager.api)).status).toBe(404);
    expect((await get(`${RECORDS}/${theirRecord}/timeline`, world.manager.api)).status).toBe(404);
    expect((await recordAction(app, world.manager.api, theirEntered, 'confirm')).status).toBe(404);
    const archive = (await app.strapi.db.query('api::integrity-archive.integrity-archive').findOne({ where: { studentKey: theirs.id } })) as { documentId: string };
    expect((await get(`/api/integrity-archives/${archive.documentId}/summary`, world.manager.api)).status).toBe(404);
    const check = await app.http.post('/api/integrity/checks').set('Authorization', world.manager.api).send({ purpose: 'award', studentNumbers: [theirs.studentNumber] });
    expect(check.body.data[0]).toMatchObject({ found: false, clear: null });
    expect(JSON.stringify(check.body)).not.toContain('经济诚信');
  });

  test('GraphQL: the list, a relation filter and the versions show nothing of theirs', async () => {
    const list = await gql(world.manager.api, `{ integrityRecords(pagination: { pageSize: 100 }) { documentId title } }`);
    expect(JSON.stringify(list.body)).not.toContain(SECRET);
    const filtered = await gql(world.manager.api, `{ integrityRecords(filters: { student: { studentNumber: { eq: "${theirs.studentNumber}" } } }) { documentId } }`);
    expect(filtered.body.data.integrityRecords).toEqual([]);
    const versions = await gql(world.manager.api, `{ integrityRecordVersions(pagination: { pageSize: 200 }) { documentId content record { documentId } } }`);
    expect(JSON.stringify(versions.body)).not.toContain(SECRET);
    const one = await gql(world.manager.api, `{ integrityRecord(documentId: "${theirRecord}") { documentId title } }`);
    expect(one.body.data?.integrityRecord ?? null).toBeNull();
  });

  test('the Content Manager: list, filter and edit view', async () => {
    const base = '/content-manager/collection-types/api::integrity-record.integrity-record';
    const list = await get(`${base}?page=1&pageSize=100`, world.manager.admin);
    expect(JSON.stringify(list.body)).not.toContain(SECRET);
    const filtered = await get(`${base}?page=1&pageSize=10&filters[$and][0][title][$eq]=${encodeURIComponent(SECRET)}`, world.manager.admin);
    expect(filtered.body.pagination?.total ?? 0).toBe(0);
    expect([403, 404]).toContain((await get(`${base}/${theirRecord}`, world.manager.admin)).status);
  });
});

describe('a student', () => {
  test('sees their own confirmed records only: not another\'s, not those still waiting for confirmation, not by filter', async () => {
    const mine = await get(`${RECORDS}?pagination[pageSize]=100`, ours.api);
    expect(idsOf(mine.body)).toEqual([ourRecord]);
    const theirsLogin = await get(`${RECORDS}?pagination[pageSize]=100`, theirs.api);
    expect(idsOf(theirsLogin.body)).toEqual([theirRecord]);
    // Entered records do not exist for the student, whatever the filter or count asks.
    const entered = await get(`${RECORDS}?filters[state][$eq]=entered`, theirs.api);
    expect(entered.body.meta.pagination.total).toBe(0);
    expect((await get(`${RECORDS}/${theirEntered}`, theirs.api)).status).toBe(404);
    const foreign = await get(`${RECORDS}?filters[student][documentId][$eq]=${theirs.documentId}`, ours.api);
    expect(foreign.body.meta.pagination.total).toBe(0);
    const versions = await get('/api/integrity-record-versions?pagination[pageSize]=100', theirs.api);
    expect(versions.body.data.every((v: { state: string }) => v.state !== 'entered')).toBe(true);
    expect(JSON.stringify(versions.body)).not.toContain('尚未认定的记录');
    // Which staff member entered or confirmed it is not the student's to read (the office is).
    const own = await get(`${RECORDS}/${theirRecord}`, theirs.api);
    for (const body of [own.body, versions.body]) {
      expect(JSON.stringify(body)).not.toContain(world.finance.email);
      expect(JSON.stringify(body)).not.toContain(world.studentAffairs.email);
    }
  });

  test('GraphQL: own records only, and no populated path to another student', async () => {
    const response = await gql(ours.api, `{ integrityRecords(pagination: { pageSize: 100 }) { documentId title student { studentNumber } } }`);
    expect(response.body.data.integrityRecords.map((r: { documentId: string }) => r.documentId)).toEqual([ourRecord]);
    expect(JSON.stringify(response.body)).not.toContain(SECRET);
    const summary = await gql(ours.api, '{ myIntegrity }');
    expect(summary.body.data.myIntegrity.summary.standingBad).toBe(1);
  });

  test('cannot enter, confirm, write the archive or the third party\'s records, or delete anything', async () => {
    expect((await app.http.post(RECORDS).set('Authorization', ours.api).send({ data: { student: ours.documentId, indicator: 'academic', kind: 'good', title: '自封', occurredOn: '2026-10-01' } })).status).toBe(403);
    expect((await recordAction(app, ours.api, ourRecord, 'confirm')).status).toBe(403);
    expect((await app.http.put(`${RECORDS}/${ourRecord}`).set('Authorization', ours.api).send({ data: { title: '改掉' } })).status).toBe(403);
    const createSelf = await gql(ours.api, `mutation { createIntegritySelfEntry(data: { category: certificate, title: "x" }) { documentId } }`);
    expect(JSON.stringify(createSelf.body)).toMatch(/Forbidden|FORBIDDEN|Cannot query/);
    const deleteAppeal = await gql(ours.api, `mutation { deleteIntegrityAppeal(documentId: "x") { documentId } }`);
    expect(deleteAppeal.body.errors).toBeDefined();
  });

  test('an appeal naming another student\'s record by numeric id is refused as if it did not exist', async () => {
    const row = (await app.strapi.db.query('api::integrity-record.integrity-record').findOne({ where: { documentId: theirRecord } })) as { id: number };
    const byId = await app.http.post('/api/integrity-appeals').set('Authorization', ours.api).send({ data: { record: { connect: [{ id: row.id }] }, reason: '试探' } });
    expect(byId.status).toBe(400);
    expect(JSON.stringify(byId.body)).not.toContain(SECRET);
    const several = await app.http.post('/api/integrity-appeals').set('Authorization', ours.api).send({ data: { record: { connect: [ourRecord, theirRecord] }, reason: '两条' } });
    expect(several.status).toBe(400);
  });
});

describe('a source office', () => {
  test('sees the records it entered and no other office\'s, and cannot enter in another office\'s name', async () => {
    const security = await enterRecord(app, world.security.api, { student: ours.documentId, indicator: 'daily-life', kind: 'bad', title: '保卫处记录' });
    const finance = idsOf((await get(`${RECORDS}?pagination[pageSize]=100`, world.finance.api)).body);
    expect(finance).toEqual(expect.arrayContaining([ourRecord, theirRecord]));
    expect(finance).not.toContain(security.documentId);
    const oracle = await get(`${RECORDS}?filters[sourceOffice][$eq]=security`, world.finance.api);
    expect(oracle.body.meta.pagination.total).toBe(0);
    const archives = await get('/api/integrity-archives', world.finance.api);
    expect(archives.status).toBe(403);
  });

  test('a relation array naming two students on a record is refused', async () => {
    const response = await app.http.post(RECORDS).set('Authorization', world.finance.api).send({ data: { student: { connect: [ours.documentId, theirs.documentId] }, indicator: 'economic', kind: 'bad', title: '两人', occurredOn: '2026-10-01' } });
    expect(response.status).toBe(400);
  });
});

describe('two at once', () => {
  test('two confirmations of one record: one succeeds, the other finds it moved (409); one version', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const record = await enterRecord(app, world.finance.api, { student: student.documentId, indicator: 'economic', kind: 'bad', title: '并发认定' });
    const other = await (async () => {
      const { createStaff } = await import('../factories/actors');
      return createStaff(app, { adminRole: 'student-affairs', office: 'student-affairs' });
    })();
    const answers = await Promise.all([recordAction(app, world.studentAffairs.api, record.documentId, 'confirm'), recordAction(app, other.api, record.documentId, 'confirm')]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const row = (await app.strapi.db.query('api::integrity-record.integrity-record').findOne({ where: { documentId: record.documentId } })) as { id: number; version: number };
    expect(row.version).toBe(2);
    expect(await app.strapi.db.query('api::integrity-record-version.integrity-record-version').count({ where: { record: { id: row.id } } })).toBe(2);
  });

  test('two appeals of one record filed at once: one is kept', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const record = await confirmedBadRecord(app, world, student.documentId, '并发申诉');
    const answers = await Promise.all([0, 1].map(() => app.http.post('/api/integrity-appeals').set('Authorization', student.api).send({ data: { record, reason: '同时' } })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 400]);
  });

  test('a decision on an appeal and the student\'s withdrawal at once: one wins, the record agrees with it', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const record = await confirmedBadRecord(app, world, student.documentId, '并发撤回');
    const appeal = await fileRequest(app, student.api, 'integrity-appeals', { record, reason: '有误' });
    await requestAction(app, student.api, 'integrity-appeals', appeal.documentId, 'submit').expect(200);
    const [decided, withdrawn] = await Promise.all([
      requestAction(app, world.studentAffairs.api, 'integrity-appeals', appeal.documentId, 'approve', { comment: '撤销', outcome: { result: 'revoke' } }),
      requestAction(app, student.api, 'integrity-appeals', appeal.documentId, 'withdraw'),
    ]);
    const state = ((await app.strapi.db.query('api::integrity-record.integrity-record').findOne({ where: { documentId: record } })) as { state: string }).state;
    expect([decided.status, withdrawn.status].filter((s) => s === 200)).toHaveLength(1);
    expect(state).toBe(decided.status === 200 ? 'revoked' : 'confirmed');
  });
});

describe('a student with a login of their own', () => {
  test('a second login linked to the same student sees the same archive, another student\'s login does not', async () => {
    const extra = await createStudentLogin(app, ours.documentId).catch(() => null);
    // Linking moves the login: the first login no longer reaches the record.
    if (extra) {
      expect(idsOf((await get(`${RECORDS}?pagination[pageSize]=100`, extra.api)).body)).toEqual([ourRecord]);
    }
    expect(idsOf((await get(`${RECORDS}?pagination[pageSize]=100`, theirs.api)).body)).not.toContain(ourRecord);
  });
});
