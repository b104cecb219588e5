/**
 * Idempotency-Key on bulk admission and the workflow actions: a client that lost an answer sends
 * the request again with the same key and gets the first answer, and the action happens once.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { studentInput } from '../factories';
import { act, activeStudent, attachDocuments, createRequest, createWorkflowWorld, suspensionData, type WorkflowWorld } from '../factories/status-changes';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: WorkflowWorld;

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorkflowWorld(app);
});

afterAll(async () => {
  await app.stop();
});

const STUDENT = 'api::student.student';
const admissions = (auth: string, key: string | null, data: unknown[]) => {
  const request = app.http.post('/api/students/admissions').set('Authorization', auth);
  return (key === null ? request : request.set('Idempotency-Key', key)).send({ data });
};
const countNamed = (names: string[]) => app.strapi.db.query(STUDENT).count({ where: { name: { $in: names } } });
const tag = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 6);

function newStudents(count: number, prefix: string) {
  const names = Array.from({ length: count }, (_, i) => `${prefix}${tag()}${i}`);
  return { names, rows: names.map((name) => studentInput(world.tree.schoolClass.documentId, { name })) };
}

async function keyRows(key: string): Promise<number> {
  const { rows } = (await app.strapi.db.connection.raw('SELECT count(*)::int AS n FROM idempotency_keys WHERE key = ?', [key])) as { rows: Array<{ n: number }> };
  return rows[0].n;
}

describe('bulk admission', () => {
  test('a repeat with the same key and body returns the first answer and admits no one again', async () => {
    const { names, rows } = newStudents(3, '幂等录取');
    const key = randomUUID();
    const first = await admissions(app.auth, key, rows);
    expect(first.status).toBe(201);
    const again = await admissions(app.auth, key, rows);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await countNamed(names)).toBe(3);
    // Without a key, the same retry is refused row by row: the client could not tell it had succeeded.
    const unkeyed = await admissions(app.auth, null, rows);
    expect(unkeyed.status).toBe(400);
  });

  test('the same body written with its keys in another order is the same request', async () => {
    const { names, rows } = newStudents(1, '幂等键序');
    const key = randomUUID();
    expect((await admissions(app.auth, key, rows)).status).toBe(201);
    const reordered = rows.map((row) => Object.fromEntries(Object.entries(row).reverse()));
    const again = await admissions(app.auth, key, reordered);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await countNamed(names)).toBe(1);
  });

  test('the same key with another body is refused with 422 and admits no one', async () => {
    const first = newStudents(1, '幂等甲');
    const second = newStudents(1, '幂等乙');
    const key = randomUUID();
    expect((await admissions(app.auth, key, first.rows)).status).toBe(201);
    const reused = await admissions(app.auth, key, second.rows);
    expect(reused.status).toBe(422);
    expect(reused.body.error.message).toMatch(/Idempotency-Key/);
    expect(await countNamed(second.names)).toBe(0);
  });

  test('two requests with one key at the same moment: one admission, both get its answer', async () => {
    const { names, rows } = newStudents(20, '幂等并发');
    const key = randomUUID();
    const answers = await Promise.all([admissions(app.auth, key, rows), admissions(app.auth, key, rows), admissions(app.auth, key, rows)]);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(answers[1].body).toEqual(answers[0].body);
    expect(answers[2].body).toEqual(answers[0].body);
    expect(await countNamed(names)).toBe(20);
  });

  test('a refused request keeps no key: the corrected request may use it', async () => {
    const { names, rows } = newStudents(2, '幂等更正');
    const key = randomUUID();
    const broken = [rows[0], { ...rows[1], nationalId: '123' }];
    const refused = await admissions(app.auth, key, broken);
    expect(refused.status).toBe(400);
    expect(await keyRows(key)).toBe(0);
    expect(await countNamed(names)).toBe(0);
    const corrected = await admissions(app.auth, key, rows);
    expect(corrected.status).toBe(201);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
    expect(await countNamed(names)).toBe(2);
  });

  test("keys are each caller's own: another caller's key of the same name is another request, and never shows the first answer", async () => {
    const mine = newStudents(1, '幂等本人');
    const theirs = newStudents(1, '幂等他人');
    const key = randomUUID();
    const first = await admissions(app.auth, key, mine.rows);
    expect(first.status).toBe(201);
    // An academic affairs login (which may admit) with the same key and its own body: admitted, not 422
    const other = await admissions(world.academicAffairs.api, key, theirs.rows);
    expect(other.status).toBe(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(await countNamed(theirs.names)).toBe(1);
    // and with the first caller's body: a new admission of the same people, refused as duplicates
    const copy = await admissions(world.academicAffairs.api, `${key}-x`, mine.rows);
    expect(copy.status).toBe(400);
    expect(JSON.stringify(copy.body)).not.toContain(first.body.data[0].documentId);
  });

  test('a caller without the permission gets 403 even with a key that has an answer', async () => {
    const { rows } = newStudents(1, '幂等越权');
    const key = randomUUID();
    expect((await admissions(world.clerk.api, key, rows)).status).toBe(403);
    expect((await admissions(app.auth, key, rows)).status).toBe(201);
    expect((await admissions(world.clerk.api, key, rows)).status).toBe(403);
  });

  test.each([
    ['empty quotes', '""'],
    ['a space inside', 'a b'],
    ['Chinese characters', '键值'],
    ['256 characters', 'k'.repeat(256)],
  ])('a malformed key (%s) is a 400 naming the header, and admits no one', async (_label, key) => {
    const { names, rows } = newStudents(1, '幂等坏键');
    const response = await app.http.post('/api/students/admissions').set('Authorization', app.auth).set('Idempotency-Key', Buffer.from(key).toString('latin1')).send({ data: rows });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['Idempotency-Key']);
    expect(await countNamed(names)).toBe(0);
  });

  test('a key is kept a day: after that, the same key starts a new request', async () => {
    const first = newStudents(1, '幂等过期甲');
    const second = newStudents(1, '幂等过期乙');
    const key = randomUUID();
    expect((await admissions(app.auth, key, first.rows)).status).toBe(201);
    await app.strapi.db.connection.raw(`UPDATE idempotency_keys SET created_at = created_at - interval '25 hours' WHERE key = ?`, [key]);
    const later = await admissions(app.auth, key, second.rows);
    expect(later.status).toBe(201);
    expect(await countNamed(second.names)).toBe(1);
    expect(await keyRows(key)).toBe(1);
  });

  test('the key is written in the admission transaction: an admission rolled back leaves no key', async () => {
    // A trigger that fails the audit insert makes the admission roll back after its rows were written
    const { names, rows } = newStudents(1, '幂等回滚');
    const key = randomUUID();
    const db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    try {
      await db.query(`CREATE OR REPLACE FUNCTION test_refuse_key() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.key = '${key}' AND NEW.status IS NOT NULL THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$`);
      await db.query('CREATE TRIGGER test_refuse_key BEFORE UPDATE ON idempotency_keys FOR EACH ROW EXECUTE FUNCTION test_refuse_key()');
      const failed = await admissions(app.auth, key, rows);
      expect(failed.status).toBe(500);
      expect(await countNamed(names)).toBe(0);
      expect(await keyRows(key)).toBe(0);
    } finally {
      await db.query('DROP TRIGGER IF EXISTS test_refuse_key ON idempotency_keys');
      await db.end();
    }
    expect((await admissions(app.auth, key, rows)).status).toBe(201);
    expect(await countNamed(names)).toBe(1);
  });
});

describe('workflow actions', () => {
  async function draft() {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const request = await createRequest(app, world.manager.api, suspensionData(student.documentId));
    await attachDocuments(app, request.documentId);
    return request.documentId;
  }
  const decisions = (documentId: string) =>
    app.strapi.db.query('api::approval-decision.approval-decision').count({ where: { subjectDocumentId: documentId } });
  const submits = (documentId: string) =>
    app.strapi.db.query('api::audit-log.audit-log').count({ where: { action: 'submit', targetDocumentId: documentId } });

  test('a repeated submit returns the first answer instead of 409, and submits once', async () => {
    const documentId = await draft();
    const key = randomUUID();
    const first = act(app, world.manager.api, documentId, 'submit').set('Idempotency-Key', key);
    const firstAnswer = await first;
    expect(firstAnswer.status).toBe(200);
    const again = await act(app, world.manager.api, documentId, 'submit').set('Idempotency-Key', key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(firstAnswer.body);
    expect(await submits(documentId)).toBe(1);
    // Without the key, the same retry is refused: the request has moved on
    expect((await act(app, world.manager.api, documentId, 'submit')).status).toBe(409);
  });

  test('an approval repeated with its key, even after the next step was decided, returns the first answer', async () => {
    const documentId = await draft();
    expect((await act(app, world.manager.api, documentId, 'submit')).status).toBe(200);
    const key = randomUUID();
    const approve = () => act(app, world.clerk.api, documentId, 'approve', { comment: '同意' }).set('Idempotency-Key', key);
    const first = await approve();
    expect(first.status).toBe(200);
    expect(first.body.data.currentStep).toBe(2);
    expect((await act(app, world.academicAffairs.api, documentId, 'approve', { comment: '同意' })).status).toBe(200);
    const again = await approve();
    expect(again.status).toBe(200);
    expect(again.body.data.currentStep).toBe(2);
    expect(await decisions(documentId)).toBe(2);
  });

  test('the same key on another action of the same request is refused with 422', async () => {
    const documentId = await draft();
    expect((await act(app, world.manager.api, documentId, 'submit')).status).toBe(200);
    const key = randomUUID();
    expect((await act(app, world.clerk.api, documentId, 'return', { comment: '材料不全' }).set('Idempotency-Key', key)).status).toBe(200);
    const other = await act(app, world.clerk.api, documentId, 'reject', { comment: '材料不全' }).set('Idempotency-Key', key);
    expect(other.status).toBe(422);
    expect((await app.strapi.db.query('api::status-change.status-change').findOne({ where: { documentId } }))?.state).toBe('returned');
  });

  test('concurrent approvals with one key from the admin panel: one decision, the same answer twice', async () => {
    const documentId = await draft();
    expect((await act(app, world.manager.api, documentId, 'submit')).status).toBe(200);
    const key = randomUUID();
    const approve = () =>
      app.http.post(`/student-records/status-changes/${documentId}/approve`).set('Authorization', world.clerk.admin).set('Idempotency-Key', key).send({ comment: '同意' });
    const [a, b] = await Promise.all([approve(), approve()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.body).toEqual(a.body);
    expect(await decisions(documentId)).toBe(1);
    // The admin's key and the content API's key of the same person are apart (two logins)
    const rest = await act(app, world.clerk.api, documentId, 'approve', { comment: '同意' }).set('Idempotency-Key', key);
    expect(rest.status).not.toBe(200);
  });
});
