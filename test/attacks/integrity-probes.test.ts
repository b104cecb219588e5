/**
 * More of the integrity archive as an attacker sees it (issue 15), beside test/attacks/integrity.test.ts:
 * a source office walking from the records it entered to the students behind them (populate, relation
 * filters on the student's columns, GraphQL, the Content Manager's relation routes, the admin's
 * evidence routes), a student guessing evidence file ids and other people's timelines, writes that try
 * to move a record or hand it to another office, the batch check as an oracle.
 */
import { createStudentLogin } from '../factories/actors';
import { fakeNationalId } from '../factories/index';
import { activeStudent, studentWithLogin } from '../factories/status-changes';
import { confirmedBadRecord, createIntegrityWorld, enterRecord, fileRequest, recordAction, recordRow, type IntegrityWorld, type StudentWithLogin, SAMPLE_PDF, uploadEvidence } from '../factories/integrity';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: IntegrityWorld;
/** Two students of ours with known, different private columns; finance has entered a record for each. */
let older: StudentWithLogin;
let younger: StudentWithLogin;
/** A student of the other department, with a record security entered. */
let theirs: StudentWithLogin;
let olderRecord: string;
let youngerRecord: string;
let securityRecord: string;
let theirEntered: string;

const OLDER_NAME = '赵探针甲';
const YOUNGER_NAME = '钱探针乙';
const OLDER_BIRTH = '2004-01-01';
const YOUNGER_BIRTH = '2007-12-31';
const SECURITY_TITLE = '保卫处机密事项';
const ENTERED_TITLE = '尚未认定的探针记录';
const PDF = SAMPLE_PDF;

const RECORDS = '/api/integrity-records';
const CM = '/content-manager/collection-types/api::integrity-record.integrity-record';
const get = (path: string, auth: string) => app.http.get(path).set('Authorization', auth);
const gql = (auth: string, query: string) => app.http.post('/graphql').set('Authorization', auth).send({ query });
const idsOf = (body: { data?: Array<{ documentId: string }> }) => (body.data ?? []).map((row) => row.documentId);
const uploadRest = (auth: string, documentId: string, filename = '凭证.pdf') => uploadEvidence(app, auth, documentId, filename);
const adminEvidence = (documentId: string) => `/student-records/integrity/records/${documentId}/evidence`;
const uploadAdmin = (auth: string, documentId: string, filename = '凭证.pdf') =>
  app.http.post(adminEvidence(documentId)).set('Authorization', auth).attach('files', PDF, { filename, contentType: 'application/pdf' });

async function studentWith(classDocumentId: string, overrides: Record<string, unknown>): Promise<StudentWithLogin> {
  const student = await activeStudent(app, classDocumentId, overrides);
  return { ...student, ...(await createStudentLogin(app, student.documentId)) };
}

async function evidenceIds(documentId: string): Promise<number[]> {
  const row = (await app.strapi.db.query('api::integrity-record.integrity-record').findOne({ where: { documentId }, populate: { evidence: { select: ['id'] } } })) as { evidence: Array<{ id: number }> | null };
  return (row.evidence ?? []).map((file) => file.id).sort((a, b) => a - b);
}

/** Nothing of the student behind a record beyond what the record itself carries (studentLabel). */
function expectNoStudentData(body: unknown) {
  const text = JSON.stringify(body);
  for (const secret of [OLDER_BIRTH, YOUNGER_BIRTH, older.documentId, younger.documentId, theirs.documentId]) expect(text).not.toContain(secret);
}

beforeAll(async () => {
  app = await startStrapi();
  world = await createIntegrityWorld(app);
  older = await studentWith(world.tree.schoolClass.documentId, { name: OLDER_NAME, nationalId: fakeNationalId({ birthDate: '20040101', gender: 'male' }) });
  younger = await studentWith(world.tree.schoolClass.documentId, { name: YOUNGER_NAME, nationalId: fakeNationalId({ birthDate: '20071231', gender: 'female' }) });
  theirs = await studentWithLogin(app, world.otherTree.schoolClass.documentId);
  olderRecord = (await enterRecord(app, world.finance.api, { student: older.documentId, indicator: 'economic', kind: 'bad', title: '探针T1' })).documentId;
  youngerRecord = (await enterRecord(app, world.finance.api, { student: younger.documentId, indicator: 'economic', kind: 'bad', title: '探针T2' })).documentId;
  securityRecord = (await enterRecord(app, world.security.api, { student: theirs.documentId, indicator: 'daily-life', kind: 'bad', title: SECURITY_TITLE })).documentId;
  theirEntered = (await enterRecord(app, world.finance.api, { student: theirs.documentId, indicator: 'economic', kind: 'bad', title: ENTERED_TITLE })).documentId;
});

afterAll(async () => {
  await app.stop();
});

describe('a source office walking from its records to the students', () => {
  test.each([
    ['populate of the student and everything under it', `${RECORDS}?populate[student][populate]=*&pagination[pageSize]=100`],
    ['populate=*', `${RECORDS}?populate=*&pagination[pageSize]=100`],
    ['populate of the department', `${RECORDS}?populate[department]=*&pagination[pageSize]=100`],
    ['a dotted populate through the student', `${RECORDS}?populate=student.department,student.schoolClass,student.user&pagination[pageSize]=100`],
  ])('REST %s: the records come back, the student and department do not', async (_, path) => {
    const response = await get(path, world.finance.api);
    expect(response.status).toBe(200);
    const rows = response.body.data as Array<Record<string, any>>;
    expect(rows.map((r) => r.documentId)).toEqual(expect.arrayContaining([olderRecord, youngerRecord]));
    for (const row of rows) {
      expect(row.student ?? null).toBeNull();
      expect(row.department ?? null).toBeNull();
    }
    expectNoStudentData(response.body);
    expect(JSON.stringify(response.body)).not.toContain(SECURITY_TITLE);
  });

  test('a relation filter on a student column it cannot read answers the same for true and false', async () => {
    const total = async (filter: string) => {
      const response = await get(`${RECORDS}?filters[documentId][$in][0]=${olderRecord}&filters[documentId][$in][1]=${youngerRecord}&${filter}`, world.finance.api);
      expect([200, 400]).toContain(response.status);
      return response.status === 200 ? response.body.meta.pagination.total : 'refused';
    };
    const answers: unknown[] = [];
    for (const filter of [
      `filters[student][birthDate][$lt]=2006-01-01`,
      `filters[student][birthDate][$gte]=2006-01-01`,
      `filters[student][gender][$eq]=male`,
      `filters[student][gender][$eq]=female`,
      `filters[student][name][$startsWith]=${encodeURIComponent('赵')}`,
      `filters[student][name][$startsWith]=${encodeURIComponent('钱')}`,
      `filters[student][schoolClass][documentId][$eq]=${world.tree.schoolClass.documentId}`,
      `filters[student][department][documentId][$eq]=${world.tree.department.documentId}`,
    ]) answers.push(await total(filter));
    // Each pair splits the two records one and one if the filter reached the student rows.
    for (let i = 0; i < answers.length; i += 2) expect([i, answers[i + 1]]).toEqual([i, answers[i]]);
    expect(answers.filter((answer) => answer !== 'refused' && answer !== 0)).toEqual([]);
    const negated = await get(`${RECORDS}?filters[documentId][$in][0]=${olderRecord}&filters[documentId][$in][1]=${youngerRecord}&filters[$not][student][birthDate][$lt]=2006-01-01`, world.finance.api);
    if (negated.status === 200) expect(idsOf(negated.body).length).not.toBe(1);
  });

  test('GraphQL: nested student, department and appeals come back empty', async () => {
    const response = await gql(
      world.finance.api,
      `{ integrityRecords(pagination: { pageSize: 100 }) { documentId title student { documentId name birthDate gender nationalId phone } department { documentId name } } }`,
    );
    const rows = (response.body.data?.integrityRecords ?? []) as Array<Record<string, any>>;
    expect(rows.map((r) => r.documentId)).toEqual(expect.arrayContaining([olderRecord, youngerRecord]));
    for (const row of rows) {
      expect(row.student).toBeNull();
      expect(row.department).toBeNull();
    }
    expectNoStudentData(response.body);
    const filtered = await gql(world.finance.api, `{ integrityRecords(filters: { student: { birthDate: { lt: "2006-01-01" } } }) { documentId } }`);
    const filteredIds = ((filtered.body.data?.integrityRecords ?? []) as Array<{ documentId: string }>).map((r) => r.documentId);
    expect(filteredIds).not.toContain(olderRecord);
    const other = await gql(world.finance.api, `{ integrityRecord(documentId: "${securityRecord}") { documentId title } }`);
    expect(other.body.data?.integrityRecord ?? null).toBeNull();
    expect(JSON.stringify(other.body)).not.toContain(SECURITY_TITLE);
  });

  test('the Content Manager: its record\'s student relation, another office\'s record and its relation, a filter on the student', async () => {
    const relation = await get(`/content-manager/relations/api::integrity-record.integrity-record/${olderRecord}/student`, world.finance.admin);
    expect([200, 403, 404]).toContain(relation.status);
    expectNoStudentData(relation.body);
    const foreign = await get(`/content-manager/relations/api::integrity-record.integrity-record/${securityRecord}/student`, world.finance.admin);
    expect([200, 403, 404]).toContain(foreign.status);
    expectNoStudentData(foreign.body);
    expect([403, 404]).toContain((await get(`${CM}/${securityRecord}`, world.finance.admin)).status);
    const edit = await get(`${CM}/${olderRecord}`, world.finance.admin);
    expect(edit.status).toBe(200);
    expectNoStudentData(edit.body);
    const total = async (filter: string) => (await get(`${CM}?page=1&pageSize=10&filters[$and][0][title][$startsWith]=${encodeURIComponent('探针T')}&${filter}`, world.finance.admin)).body.pagination?.total ?? 'refused';
    expect(await total('filters[$and][1][student][birthDate][$lt]=2006-01-01')).toEqual(await total('filters[$and][1][student][birthDate][$gte]=2006-01-01'));
  });

  test('appeals of its records: the student and the student behind the record are not populated', async () => {
    const student = await studentWith(world.tree.schoolClass.documentId, { name: '孙探针丙', nationalId: fakeNationalId({ birthDate: '20050203' }) });
    const record = await confirmedBadRecord(app, world, student.documentId, '探针申诉记录');
    const appeal = await fileRequest(app, student.api, 'integrity-appeals', { record, reason: '探针理由' });
    const response = await get('/api/integrity-appeals?populate[student]=*&populate[department]=*&populate[record][populate][student]=*&pagination[pageSize]=100', world.finance.api);
    expect(response.status).toBe(200);
    const row = (response.body.data as Array<Record<string, any>>).find((a) => a.documentId === appeal.documentId);
    expect(row).toBeDefined();
    expect(row?.student ?? null).toBeNull();
    expect(row?.department ?? null).toBeNull();
    expect(row?.record?.student ?? null).toBeNull();
    expect(JSON.stringify(response.body)).not.toContain('2005-02-03');
    expect(JSON.stringify(response.body)).not.toContain(student.documentId);
  });
});

describe('the admin evidence routes across offices and departments', () => {
  let securityFile: number;

  beforeAll(async () => {
    const added = await uploadAdmin(world.security.admin, securityRecord, '保卫处凭证.pdf');
    expect(added.status).toBe(201);
    securityFile = added.body.data.files[0].id as number;
  });

  test('finance can neither list, upload to nor download another office\'s record\'s evidence', async () => {
    const before = await evidenceIds(securityRecord);
    expect((await get(adminEvidence(securityRecord), world.finance.admin)).status).toBe(404);
    expect([403, 404]).toContain((await uploadAdmin(world.finance.admin, securityRecord)).status);
    expect([403, 404]).toContain((await uploadRest(world.finance.api, securityRecord)).status);
    const file = await get(`${adminEvidence(securityRecord)}/${securityFile}`, world.finance.admin);
    expect(file.status).toBe(404);
    expect(file.headers['content-type'] ?? '').not.toContain('application/pdf');
    expect(await evidenceIds(securityRecord)).toEqual(before);
  });

  test('a file id of another record, asked through a record one may read, is 404 (admin and REST)', async () => {
    const viaOwn = await get(`${adminEvidence(olderRecord)}/${securityFile}`, world.finance.admin);
    expect(viaOwn.status).toBe(404);
    expect(viaOwn.headers['content-type'] ?? '').not.toContain('application/pdf');
    expect((await get(`${RECORDS}/${olderRecord}/evidence/${securityFile}`, world.finance.api)).status).toBe(404);
    // Student affairs reads both records, but a file is read only through the record it belongs to.
    expect((await get(`${adminEvidence(olderRecord)}/${securityFile}`, world.studentAffairs.admin)).status).toBe(404);
    const odd: Array<[string, number, string]> = [];
    for (const fileId of [`${securityFile}.0`, `0${securityFile}`, `${securityFile}%00`, '-1', '1e3']) {
      const response = await get(`${RECORDS}/${olderRecord}/evidence/${fileId}`, world.finance.api);
      odd.push([fileId, response.status, response.headers['content-type'] ?? '']);
    }
    // A malformed id may be a 400; no answer is the file.
    expect(odd.filter(([, status, type]) => ![400, 404].includes(status) || type.includes('pdf'))).toEqual([]);
  });

  test('a department clerk cannot add evidence to a source office\'s record of its own student, nor a department manager to another department\'s', async () => {
    const before = await evidenceIds(olderRecord);
    expect([403, 404]).toContain((await uploadAdmin(world.clerk.admin, olderRecord)).status);
    expect([403, 404]).toContain((await uploadRest(world.manager.api, olderRecord)).status);
    const department = await enterRecord(app, world.manager.api, { student: older.documentId, indicator: 'daily-life', kind: 'good', title: '探针系部记录' });
    expect([403, 404]).toContain((await uploadAdmin(world.otherManager.admin, department.documentId)).status);
    expect([403, 404]).toContain((await uploadAdmin(world.finance.admin, department.documentId)).status);
    expect(await evidenceIds(olderRecord)).toEqual(before);
    expect(await evidenceIds(department.documentId)).toEqual([]);
  });

  test('a student login has no door into the admin evidence routes', async () => {
    expect([401, 403]).toContain((await get(adminEvidence(olderRecord), older.api)).status);
    expect([401, 403]).toContain((await uploadAdmin(older.api, olderRecord)).status);
  });
});

describe('a student guessing', () => {
  let ownConfirmed: string;
  let ownFile: number;
  let enteredFile: number;
  let otherFile: number;

  beforeAll(async () => {
    const mine = await enterRecord(app, world.finance.api, { student: older.documentId, indicator: 'economic', kind: 'bad', title: '探针己方记录' });
    const mineAdded = await uploadRest(world.finance.api, mine.documentId, '己方.pdf');
    expect(mineAdded.status).toBe(201);
    ownFile = mineAdded.body.data[0].id;
    await recordAction(app, world.studentAffairs.api, mine.documentId, 'confirm').expect(200);
    ownConfirmed = mine.documentId;
    const enteredAdded = await uploadRest(world.finance.api, olderRecord, '未认定.pdf');
    expect(enteredAdded.status).toBe(201);
    enteredFile = enteredAdded.body.data[0].id;
    await confirmedBadRecord(app, world, younger.documentId, '探针他人记录');
    const otherAdded = await uploadRest(world.finance.api, theirEntered, '他人.pdf');
    expect(otherAdded.status).toBe(201);
    otherFile = otherAdded.body.data[0].id;
  });

  test('reads their own confirmed record\'s file, and no other file through it, nor their own record still waiting for confirmation', async () => {
    expect((await get(`${RECORDS}/${ownConfirmed}/evidence/${ownFile}`, older.api)).status).toBe(200);
    for (const fileId of [enteredFile, otherFile, ownFile + 1, ownFile - 1]) {
      if (fileId === ownFile) continue;
      const response = await get(`${RECORDS}/${ownConfirmed}/evidence/${fileId}`, older.api);
      expect(response.status).toBe(404);
      expect(response.headers['content-type'] ?? '').not.toContain('application/pdf');
    }
    // Their own record, entered but not confirmed, does not exist for them yet.
    expect((await get(`${RECORDS}/${olderRecord}/evidence/${enteredFile}`, older.api)).status).toBe(404);
    expect((await get(`${RECORDS}/${olderRecord}/timeline`, older.api)).status).toBe(404);
    expect((await get(`${RECORDS}/${theirEntered}/evidence/${otherFile}`, older.api)).status).toBe(404);
    expect((await get(`${RECORDS}/${theirEntered}/evidence/${otherFile}`, theirs.api)).status).toBe(404);
  });

  test('their own confirmed record\'s timeline starts at confirmation and names no staff login (REST and GraphQL)', async () => {
    const rest = await get(`${RECORDS}/${ownConfirmed}/timeline`, older.api);
    expect(rest.status).toBe(200);
    const versions = (rest.body.data?.versions ?? []) as Array<Record<string, unknown>>;
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) {
      expect(version.state).not.toBe('entered');
      expect(version.actor ?? null).toBeNull();
    }
    const graphql = await gql(older.api, `{ integrityRecordTimeline(documentId: "${ownConfirmed}") { documentId versions { version state actor } } }`);
    for (const body of [rest.body, graphql.body]) {
      const text = JSON.stringify(body);
      for (const email of [world.finance.email, world.studentAffairs.email]) expect(text).not.toContain(email);
    }
  });

  test('another student\'s timeline, summary, record and evidence list through REST and GraphQL', async () => {
    const other = await confirmedBadRecord(app, world, younger.documentId, '乙的已认定记录');
    expect((await get(`${RECORDS}/${other}`, older.api)).status).toBe(404);
    expect((await get(`${RECORDS}/${other}/timeline`, older.api)).status).toBe(404);
    const archive = (await app.strapi.db.query('api::integrity-archive.integrity-archive').findOne({ where: { studentKey: younger.id } })) as { documentId: string };
    expect((await get(`/api/integrity-archives/${archive.documentId}/summary`, older.api)).status).toBe(404);
    expect((await get(`/api/integrity-archives/${archive.documentId}`, older.api)).status).toBe(404);
    const timeline = await gql(older.api, `{ integrityRecordTimeline(documentId: "${other}") { documentId versions { version state } } }`);
    expect(timeline.body.data?.integrityRecordTimeline ?? null).toBeNull();
    const summary = await gql(older.api, `{ integritySummary(documentId: "${archive.documentId}") { standingBad } }`);
    expect(summary.body.data?.integritySummary ?? null).toBeNull();
    const versions = await gql(older.api, `{ integrityRecordVersions(filters: { record: { documentId: { eq: "${other}" } } }) { documentId } }`);
    expect(versions.body.data?.integrityRecordVersions ?? []).toEqual([]);
    expect(JSON.stringify([timeline.body, summary.body, versions.body])).not.toContain('乙的已认定记录');
  });

  test('/api/me/integrity and myIntegrity: no entered record, no other student, no staff login', async () => {
    for (const body of [(await get('/api/me/integrity', older.api)).body, (await gql(older.api, '{ myIntegrity }')).body]) {
      const text = JSON.stringify(body);
      expect(text).toContain('探针己方记录');
      expect(text).not.toContain('探针T1');
      expect(text).not.toContain('探针他人记录');
      for (const email of [world.finance.email, world.studentAffairs.email]) expect(text).not.toContain(email);
    }
  });

  test('populate and filters from their own record reach nobody else', async () => {
    const response = await get(`${RECORDS}?populate[student][populate]=*&populate[department]=*&populate[evidence]=true&filters[student][documentId][$ne]=x&pagination[pageSize]=100`, older.api);
    expect([response.status, response.body.error]).toEqual([200, undefined]);
    expect(idsOf(response.body)).not.toContain(olderRecord);
    const text = JSON.stringify(response.body);
    for (const secret of [YOUNGER_NAME, younger.documentId, theirs.documentId, SECURITY_TITLE, world.finance.email]) expect(text).not.toContain(secret);
    const versions = await get('/api/integrity-record-versions?populate[record][populate]=*&pagination[pageSize]=200', older.api);
    expect(versions.status).toBe(200);
    expect(JSON.stringify(versions.body)).not.toContain(YOUNGER_NAME);
    expect(JSON.stringify(versions.body)).not.toContain('探针T1');
    for (const row of versions.body.data as Array<Record<string, unknown>>) expect(row.actor).toBeUndefined();
  });
});

describe('writes that try to move a record or take it over', () => {
  test('a student appeals or applies to amend another student\'s record by documentId or set: refused, nothing filed', async () => {
    const other = await confirmedBadRecord(app, world, younger.documentId, '乙的申诉靶子');
    const count = async () => app.strapi.db.query('api::integrity-appeal.integrity-appeal').count({ where: { record: { documentId: other } } });
    for (const record of [other, { set: [{ documentId: other }] }, { documentId: other }]) {
      const response = await app.http.post('/api/integrity-appeals').set('Authorization', older.api).send({ data: { record, reason: '冒名申诉' } });
      expect([400, 403, 404]).toContain(response.status);
      expect(JSON.stringify(response.body)).not.toContain('乙的申诉靶子');
    }
    const amendment = await app.http.post('/api/integrity-amendments').set('Authorization', older.api).send({ data: { record: other, reason: '冒名修定' } });
    expect([400, 403, 404]).toContain(amendment.status);
    const viaGraphql = await gql(older.api, `mutation { createIntegrityAppeal(data: { record: "${other}", reason: "冒名" }) { documentId } }`);
    expect(viaGraphql.body.errors).toBeDefined();
    expect(await count()).toBe(0);
  });

  test('a student\'s own appeal cannot be pointed at another record or student afterwards', async () => {
    const mine = await confirmedBadRecord(app, world, older.documentId, '甲的申诉记录');
    const other = await confirmedBadRecord(app, world, younger.documentId, '乙的另一记录');
    const appeal = await fileRequest(app, older.api, 'integrity-appeals', { record: mine, reason: '原因' });
    for (const data of [{ record: other }, { record: { connect: [{ documentId: other }] } }, { student: younger.documentId }, { state: 'approved' }, { sourceOffice: 'security' }]) {
      const response = await app.http.put(`/api/integrity-appeals/${appeal.documentId}`).set('Authorization', older.api).send({ data });
      expect([400, 403]).toContain(response.status);
    }
    const row = (await app.strapi.db.query('api::integrity-appeal.integrity-appeal').findOne({ where: { documentId: appeal.documentId }, populate: ['record', 'student'] })) as Record<string, any>;
    expect(row.record.documentId).toBe(mine);
    expect(row.student.documentId).toBe(older.documentId);
    expect(row.state).toBe('draft');
  });

  test('finance cannot move its record to another student or department, or hand it to another office, before or after confirmation', async () => {
    const entered = await enterRecord(app, world.finance.api, { student: older.documentId, indicator: 'economic', kind: 'bad', title: '探针移动' });
    const confirmed = await confirmedBadRecord(app, world, older.documentId, '探针已认定移动');
    const attempts: Array<Record<string, unknown>> = [
      { student: { connect: [{ documentId: theirs.documentId }] } },
      { student: { set: [{ documentId: theirs.documentId }] } },
      { student: theirs.documentId },
      { student: { disconnect: [{ documentId: older.documentId }] } },
      { student: null },
      { department: { connect: [{ documentId: world.otherTree.department.documentId }] } },
      { sourceOffice: 'security' },
      { level: 'department' },
      { state: 'revoked' },
      { version: 9 },
      { studentLabel: '别人' },
      { confirmedBy: 'x' },
    ];
    for (const documentId of [entered.documentId, confirmed]) {
      const before = await recordRow(app, documentId);
      const accepted: unknown[] = [];
      for (const data of attempts) {
        const response = await app.http.put(`${RECORDS}/${documentId}`).set('Authorization', world.finance.api).send({ data });
        if (![400, 403].includes(response.status)) accepted.push([data, response.status]);
      }
      expect(accepted).toEqual([]);
      const after = await recordRow(app, documentId);
      for (const column of ['state', 'version', 'sourceOffice', 'level', 'departmentScope', 'studentLabel', 'confirmedBy']) expect(after[column]).toEqual(before[column]);
      const student = (await app.strapi.db.query('api::integrity-record.integrity-record').findOne({ where: { documentId }, populate: ['student', 'department'] })) as Record<string, any>;
      expect(student.student.documentId).toBe(older.documentId);
      expect(student.department.documentId).toBe(world.tree.department.documentId);
    }
    for (const mutation of [
      `updateIntegrityRecord(documentId: "${entered.documentId}", data: { sourceOffice: security }) { documentId }`,
      `updateIntegrityRecord(documentId: "${entered.documentId}", data: { student: "${theirs.documentId}" }) { documentId }`,
      `updateIntegrityRecord(documentId: "${confirmed}", data: { title: "改标题" }) { documentId }`,
    ]) {
      const response = await gql(world.finance.api, `mutation { ${mutation} }`);
      expect(response.body.errors).toBeDefined();
    }
    expect((await recordRow(app, confirmed)).title).toBe('探针已认定移动');
    expect((await recordRow(app, entered.documentId)).sourceOffice).toBe('finance');
  });

  test('the Content Manager: finance cannot move a record to another student, nor edit another office\'s', async () => {
    const entered = await enterRecord(app, world.finance.api, { student: older.documentId, indicator: 'economic', kind: 'bad', title: '探针CM移动' });
    const moved = await app.http.put(`${CM}/${entered.documentId}`).set('Authorization', world.finance.admin).send({ title: '探针CM移动', student: { connect: [{ documentId: theirs.documentId }] } });
    expect([400, 403]).toContain(moved.status);
    const foreign = await app.http.put(`${CM}/${securityRecord}`).set('Authorization', world.finance.admin).send({ title: '改别人的' });
    expect([403, 404]).toContain(foreign.status);
    expect((await recordRow(app, securityRecord)).title).toBe(SECURITY_TITLE);
    const row = (await app.strapi.db.query('api::integrity-record.integrity-record').findOne({ where: { documentId: entered.documentId }, populate: ['student'] })) as Record<string, any>;
    expect(row.student.documentId).toBe(older.documentId);
  });
});

describe('the batch check as an oracle', () => {
  const NO_SUCH = '99999999999';

  test('a department manager learns the same of another department\'s student as of a number that does not exist (REST and GraphQL)', async () => {
    await confirmedBadRecord(app, world, theirs.documentId, '他系不良记录');
    const check = await app.http.post('/api/integrity/checks').set('Authorization', world.manager.api).send({ purpose: 'award', studentNumbers: [theirs.studentNumber, NO_SUCH, older.studentNumber] });
    expect(check.status).toBe(200);
    const [foreign, none, own] = check.body.data as Array<Record<string, unknown>>;
    expect({ ...foreign, studentNumber: null }).toEqual({ ...none, studentNumber: null });
    expect(own).toMatchObject({ found: true });
    expect(check.body.meta.notFound).toBe(2);
    expect(JSON.stringify(check.body)).not.toContain('他系不良记录');
    const viaGraphql = await gql(world.manager.api, `mutation { integrityChecks(purpose: "award", studentNumbers: ["${theirs.studentNumber}", "${NO_SUCH}"]) { studentNumber found clear reasons } }`);
    const [gForeign, gNone] = (viaGraphql.body.data?.integrityChecks ?? [{}, {}]) as Array<Record<string, unknown>>;
    expect({ ...gForeign, studentNumber: null }).toEqual({ ...gNone, studentNumber: null });
  });

  test('a source office learns nothing of a student through the check (refused, or as if unknown)', async () => {
    const check = await app.http.post('/api/integrity/checks').set('Authorization', world.finance.api).send({ purpose: 'aid', studentNumbers: [theirs.studentNumber, NO_SUCH] });
    expect([200, 403]).toContain(check.status);
    if (check.status === 200) {
      const [known, none] = check.body.data as Array<Record<string, unknown>>;
      expect({ ...known, studentNumber: null }).toEqual({ ...none, studentNumber: null });
    }
  });

  test('a student checks nobody, not even themselves by number', async () => {
    const check = await app.http.post('/api/integrity/checks').set('Authorization', older.api).send({ purpose: 'award', studentNumbers: [younger.studentNumber] });
    expect(check.status).toBe(403);
  });
});

describe('counts a caller should not be able to evaluate', () => {
  test('a department manager: versions and appeals filtered through another department\'s record', async () => {
    const versions = await get(`/api/integrity-record-versions?filters[record][title][$eq]=${encodeURIComponent(SECURITY_TITLE)}`, world.manager.api);
    expect([200, 400]).toContain(versions.status);
    if (versions.status === 200) expect(versions.body.meta.pagination.total).toBe(0);
    const appeals = await get(`/api/integrity-appeals?filters[record][student][documentId][$eq]=${theirs.documentId}`, world.manager.api);
    if (appeals.status === 200) expect(appeals.body.meta.pagination.total).toBe(0);
  });

  test('finance: versions filtered through another office\'s record, or by the student behind its own', async () => {
    const versions = await get(`/api/integrity-record-versions?filters[record][title][$eq]=${encodeURIComponent(SECURITY_TITLE)}`, world.finance.api);
    if (versions.status === 200) expect(versions.body.meta.pagination.total).toBe(0);
    const older1 = await get(`/api/integrity-record-versions?filters[record][student][birthDate][$eq]=${OLDER_BIRTH}`, world.finance.api);
    const older2 = await get(`/api/integrity-record-versions?filters[record][student][birthDate][$eq]=1900-01-01`, world.finance.api);
    if (older1.status === 200 && older2.status === 200) expect(older1.body.meta.pagination.total).toBe(older2.body.meta.pagination.total);
  });
});
