/**
 * Three holes an independent probe found in the integrity archive (issue 15), each closed and kept
 * here so that it stays closed:
 * - a sort through a relation ordered a source office's records by student columns it cannot read
 *   (REST, GraphQL, the Content Manager): src/services/scope/query-scope.ts scopeSort;
 * - an evidence upload checked before the confirmation committed linked its file to the confirmed
 *   record, and a correction checked the same way changed a confirmed record's title: both now lock
 *   the record and look again inside their transaction, and the database refuses content changes
 *   of a record past `entered` outside the flows (migration 2026.12.01T15.00.00);
 * - the same race for a status change's documents and its submission.
 * The races are ordered by holding the upload's file write, or the correction's transaction, until
 * the other side has committed.
 */
import fs from 'node:fs';
import { createStudentLogin } from '../factories/actors';
import { fakeNationalId } from '../factories/index';
import { act, activeStudent, attachDocuments, createRequest, studentWithLogin, suspensionData } from '../factories/status-changes';
import { createIntegrityWorld, enterRecord, recordAction, recordRow, versionsOf, type IntegrityWorld, type StudentWithLogin, SAMPLE_PDF, uploadEvidence } from '../factories/integrity';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: IntegrityWorld;
let older: StudentWithLogin;
let younger: StudentWithLogin;
let olderRecord: string;
let youngerRecord: string;
const PDF = SAMPLE_PDF;
const RECORDS = '/api/integrity-records';
const CM = '/content-manager/collection-types/api::integrity-record.integrity-record';
const get = (path: string, auth: string) => app.http.get(path).set('Authorization', auth);
const gql = (auth: string, query: string) => app.http.post('/graphql').set('Authorization', auth).send({ query });
const idsOf = (body: { data?: Array<{ documentId: string }> }) => (body.data ?? []).map((row) => row.documentId);
const uploadRest = (auth: string, documentId: string, filename = '凭证.pdf') => uploadEvidence(app, auth, documentId, filename);

async function studentWith(classDocumentId: string, overrides: Record<string, unknown>): Promise<StudentWithLogin> {
  const student = await activeStudent(app, classDocumentId, overrides);
  return { ...student, ...(await createStudentLogin(app, student.documentId)) };
}

async function evidenceIds(documentId: string): Promise<number[]> {
  const row = (await app.strapi.db.query('api::integrity-record.integrity-record').findOne({ where: { documentId }, populate: { evidence: { select: ['id'] } } })) as { evidence: Array<{ id: number }> | null };
  return (row.evidence ?? []).map((file) => file.id).sort((a, b) => a - b);
}

beforeAll(async () => {
  app = await startStrapi();
  world = await createIntegrityWorld(app);
  older = await studentWith(world.tree.schoolClass.documentId, { name: '赵探针甲', nationalId: fakeNationalId({ birthDate: '20040101', gender: 'male' }) });
  younger = await studentWith(world.tree.schoolClass.documentId, { name: '钱探针乙', nationalId: fakeNationalId({ birthDate: '20071231', gender: 'female' }) });
  olderRecord = (await enterRecord(app, world.finance.api, { student: older.documentId, indicator: 'economic', kind: 'bad', title: '探针T1' })).documentId;
  youngerRecord = (await enterRecord(app, world.finance.api, { student: younger.documentId, indicator: 'economic', kind: 'bad', title: '探针T2' })).documentId;
});

afterAll(async () => {
  await app.stop();
});

describe('a source office sorting its records by a student column it cannot read', () => {
  test('a sort on the student\'s birth date does not order its records by it (REST)', async () => {
    const order = async (direction: string) => {
      const response = await get(
        `${RECORDS}?filters[documentId][$in][0]=${olderRecord}&filters[documentId][$in][1]=${youngerRecord}&sort[0]=student.birthDate:${direction}&sort[1]=title:asc`,
        world.finance.api,
      );
      expect([200, 400]).toContain(response.status);
      return response.status === 200 ? idsOf(response.body) : 'refused';
    };
    const [asc, desc] = [await order('asc'), await order('desc')];
    expect({ asc, desc, older: olderRecord }).toEqual({ asc, desc: asc, older: olderRecord });
    // Refused, naming the sort: the students are rows finance reaches none of.
    expect(asc).toBe('refused');
  });

  test('a sort on the student\'s birth date does not order its records by it (GraphQL)', async () => {
    const order = async (direction: string) => {
      const response = await gql(
        world.finance.api,
        `{ integrityRecords(filters: { documentId: { in: ["${olderRecord}", "${youngerRecord}"] } }, sort: ["student.birthDate:${direction}", "title:asc"]) { documentId } }`,
      );
      return response.body.errors ? 'refused' : (response.body.data.integrityRecords as Array<{ documentId: string }>).map((r) => r.documentId);
    };
    const [asc, desc] = [await order('asc'), await order('desc')];
    expect({ asc, desc, older: olderRecord }).toEqual({ asc, desc: asc, older: olderRecord });
  });

  test('a sort on the student\'s birth date in the Content Manager list does not order by it', async () => {
    const order = async (direction: string) => {
      const response = await get(`${CM}?page=1&pageSize=100&sort=student.birthDate:${direction}&filters[$and][0][title][$startsWith]=${encodeURIComponent('探针T')}`, world.finance.admin);
      expect([200, 400]).toContain(response.status);
      return response.status === 200 ? (response.body.results as Array<{ documentId: string }>).map((r) => r.documentId) : 'refused';
    };
    const [asc, desc] = [await order('ASC'), await order('DESC')];
    expect({ asc, desc, older: olderRecord }).toEqual({ asc, desc: asc, older: olderRecord });
  });

  test('student affairs, who reads every student, still sorts by them', async () => {
    const order = async (direction: string) =>
      idsOf((await get(`${RECORDS}?filters[documentId][$in][0]=${olderRecord}&filters[documentId][$in][1]=${youngerRecord}&sort[0]=student.birthDate:${direction}`, world.studentAffairs.api)).body);
    expect(await order('asc')).toEqual([olderRecord, youngerRecord]);
    expect(await order('desc')).toEqual([youngerRecord, olderRecord]);
  });
});

describe('an upload racing the confirmation', () => {
  test('evidence whose upload was checked before the confirmation committed is not linked to the confirmed record', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const record = await enterRecord(app, world.finance.api, { student: student.documentId, indicator: 'economic', kind: 'bad', title: '探针竞速' });
    // The upload has passed its check (the record was 'entered') and is writing the file when the
    // confirmation arrives: the file write waits until student affairs has confirmed.
    const original = fs.promises.writeFile;
    let confirmStatus = 0;
    (fs.promises as { writeFile: unknown }).writeFile = async (...args: Parameters<typeof original>) => {
      if (typeof args[0] === 'string' && /[0-9a-f]{32}\.pdf$/.test(args[0]) && confirmStatus === 0) {
        confirmStatus = (await recordAction(app, world.studentAffairs.api, record.documentId, 'confirm')).status;
      }
      return original(...args);
    };
    let upload;
    try {
      upload = await uploadRest(world.finance.api, record.documentId, '竞速.pdf');
    } finally {
      (fs.promises as { writeFile: unknown }).writeFile = original;
    }
    expect(confirmStatus).toBe(200);
    expect((await recordRow(app, record.documentId)).state).toBe('confirmed');
    // The confirmed record's evidence is what was there at confirmation: none.
    expect({ evidence: await evidenceIds(record.documentId), upload: upload.status, versions: (await recordRow(app, record.documentId)).version }).toEqual({ evidence: [], upload: 403, versions: 2 });
  });
});

describe('an edit racing the confirmation', () => {
  test('a correction checked while the record was entered does not change it once confirmed', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const record = await enterRecord(app, world.finance.api, { student: student.documentId, indicator: 'economic', kind: 'bad', title: '探针原标题' });
    // The correction has passed its check (the record was 'entered') and opens its transaction when
    // the confirmation arrives: the transaction waits until student affairs has confirmed.
    const db = app.strapi.db as unknown as { transaction: (...args: unknown[]) => Promise<unknown> };
    const original = db.transaction;
    let confirmStatus = 0;
    let armed = true;
    db.transaction = async function (this: unknown, ...args: unknown[]) {
      if (armed && (new Error().stack ?? '').includes('integrity-writes')) {
        armed = false;
        confirmStatus = (await recordAction(app, world.studentAffairs.api, record.documentId, 'confirm')).status;
      }
      return original.apply(this, args);
    };
    let edit;
    try {
      edit = await app.http.put(`${RECORDS}/${record.documentId}`).set('Authorization', world.finance.api).send({ data: { title: '探针确认后改的标题' } });
    } finally {
      db.transaction = original;
    }
    expect(confirmStatus).toBe(200);
    const row = await recordRow(app, record.documentId);
    const versions = { rows: (await versionsOf(app, record.documentId)).map(({ version, event, state }) => ({ version, event, state })) };
    expect({ edit: edit.status, state: row.state, title: row.title, version: row.version, versions: versions.rows }).toEqual({
      edit: expect.any(Number),
      state: 'confirmed',
      title: '探针原标题',
      version: 2,
      versions: [
        { version: 1, event: 'enter', state: 'entered' },
        { version: 2, event: 'confirm', state: 'confirmed' },
      ],
    });
    expect(edit.status).toBe(409);
  });

  test('the database itself refuses a content change of a confirmed record outside the flows', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const record = await enterRecord(app, world.finance.api, { student: student.documentId, indicator: 'economic', kind: 'bad', title: '库内原标题' });
    expect((await recordAction(app, world.studentAffairs.api, record.documentId, 'confirm')).status).toBe(200);
    const id = (await recordRow(app, record.documentId)).id as number;
    await expect(app.strapi.db.connection.raw('UPDATE integrity_records SET title = ? WHERE id = ?', ['库内改写', id])).rejects.toMatchObject({ code: '42501' });
    // The columns the flows own still move (a state, a department that follows its student).
    await app.strapi.db.connection.raw('UPDATE integrity_records SET department_scope = department_scope WHERE id = ?', [id]);
    expect((await recordRow(app, record.documentId)).title).toBe('库内原标题');
  });
});

describe('a status change\'s documents racing its submission', () => {
  test('a document whose upload was checked before the submission committed is not linked to the submitted request', async () => {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const request = await createRequest(app, world.manager.api, suspensionData(student.documentId));
    await attachDocuments(app, request.documentId);
    const documents = async () =>
      ((await app.strapi.db.query('api::status-change.status-change').findOne({ where: { documentId: request.documentId }, populate: { documents: { select: ['id'] } } })) as { documents: unknown[] | null }).documents ?? [];
    expect(await documents()).toHaveLength(1);
    const original = fs.promises.writeFile;
    let submitStatus = 0;
    (fs.promises as { writeFile: unknown }).writeFile = async (...args: Parameters<typeof original>) => {
      if (typeof args[0] === 'string' && /[0-9a-f]{32}\.pdf$/.test(args[0]) && submitStatus === 0) {
        submitStatus = (await act(app, world.manager.api, request.documentId, 'submit')).status;
      }
      return original(...args);
    };
    let upload;
    try {
      upload = await app.http.post(`/api/status-changes/${request.documentId}/documents`).set('Authorization', world.manager.api).attach('files', PDF, { filename: '补充.pdf', contentType: 'application/pdf' });
    } finally {
      (fs.promises as { writeFile: unknown }).writeFile = original;
    }
    expect(submitStatus).toBe(200);
    expect(upload.status).toBe(403);
    expect(await documents()).toHaveLength(1);
  });
});
