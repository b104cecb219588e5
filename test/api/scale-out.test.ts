/**
 * Scale-out: two Strapi processes on one database, as behind a load balancer. What one process
 * counts or records, the other sees: login rate limits (per account, content API and admin),
 * student numbers, and idempotency keys.
 */
import { randomUUID } from 'node:crypto';
import supertest from 'supertest';
import { createClassTree, studentInput, type ClassTree } from '../factories';
import { plainAdminUser, plainContentUser, withClockAhead } from '../factories/plain-logins';
import { startServerProcess, type ServerProcess } from '../helpers/processes';
import { startStrapi, type TestApp } from '../helpers/strapi';

const PASSWORD = 'Scale-Pass-1234';
const WRONG = 'not-the-password';
/** LOGIN_RATE_LIMIT_MAX's default: tries per account in LOGIN_RATE_LIMIT_MINUTES, over every process. */
const PER_ACCOUNT = 10;

let app: TestApp;
let other: ServerProcess;
let tree: ClassTree;
/** The two processes, taken in turn as a round-robin load balancer would. */
let servers: Array<ReturnType<typeof supertest>>;

beforeAll(async () => {
  app = await startStrapi();
  tree = await createClassTree(app.strapi);
  other = await startServerProcess(45000 + Math.floor(Math.random() * 2000));
  servers = [app.http, other.http];
});
afterAll(async () => {
  await other?.stop();
  await app.stop();
});

test('content API: wrong passwords for one account, spread over both processes, are stopped after the per-account limit', async () => {
  const email = await plainContentUser(app, 'scale', PASSWORD);
  const statuses: number[] = [];
  for (let i = 0; i < PER_ACCOUNT + 2; i += 1) {
    statuses.push((await servers[i % 2].post('/api/auth/local').send({ identifier: email, password: WRONG })).status);
  }
  // Each process alone has seen only half the tries: only a shared count stops the eleventh.
  expect(statuses).toEqual([...Array(PER_ACCOUNT).fill(400), 429, 429]);
  // And the right password on either process now waits too
  expect((await other.http.post('/api/auth/local').send({ identifier: email, password: PASSWORD })).status).toBe(429);
});

test('admin: wrong passwords for one email, spread over both processes, are stopped after the per-account limit', async () => {
  const email = await plainAdminUser(app, 'scale-admin', PASSWORD);
  const statuses: number[] = [];
  for (let i = 0; i < PER_ACCOUNT + 2; i += 1) {
    statuses.push((await servers[i % 2].post('/admin/login').send({ email, password: WRONG })).status);
  }
  expect(statuses).toEqual([...Array(PER_ACCOUNT).fill(400), 429, 429]);
});

test('the counts are not written with the email in them', async () => {
  const { rows } = (await app.strapi.db.connection.raw("SELECT key FROM rate_limit_counters")) as { rows: Array<{ key: string }> };
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row.key).toMatch(/^rate-limit:[0-9a-f]{64}$/);
});

test('admissions on both processes at once: every student gets a number, no number twice', async () => {
  const batch = (prefix: string) => Array.from({ length: 15 }, (_, i) => studentInput(tree.schoolClass.documentId, { name: `${prefix}${i}` }));
  const answers = await Promise.all(
    [0, 1, 2, 3].map((i) => servers[i % 2].post('/api/students/admissions').set('Authorization', app.auth).send({ data: batch(`双进程${i}-`) })),
  );
  expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
  const numbers = answers.flatMap((a) => a.body.data.map((s: { studentNumber: string }) => s.studentNumber));
  expect(numbers).toHaveLength(60);
  expect(new Set(numbers).size).toBe(60);
});

test('an admission whose answer was lost on one process is answered again by the other', async () => {
  const key = randomUUID();
  const data = [studentInput(tree.schoolClass.documentId, { name: '换进程重试' })];
  const first = await app.http.post('/api/students/admissions').set('Authorization', app.auth).set('Idempotency-Key', key).send({ data });
  expect(first.status).toBe(201);
  const retry = await other.http.post('/api/students/admissions').set('Authorization', app.auth).set('Idempotency-Key', key).send({ data });
  expect(retry.status).toBe(201);
  expect(retry.body).toEqual(first.body);
  expect(await app.strapi.db.query('api::student.student').count({ where: { name: '换进程重试' } })).toBe(1);
});

test("a window starts at the account's first attempt: attempts on both sides of a quarter hour count together", async () => {
  const email = await plainContentUser(app, 'boundary', PASSWORD);
  const WINDOW = 15 * 60_000;
  const now = Date.now();
  // Start where the next quarter hour is less than 14 minutes away, then cross it
  const first = WINDOW - (now % WINDOW) > 14 * 60_000 ? 2 * 60_000 : 0;
  const crossed = first + (WINDOW - ((now + first) % WINDOW)) + 1000;
  const attempt = () => app.http.post('/api/auth/local').send({ identifier: email, password: WRONG });
  const before = await withClockAhead(first, async () => Promise.all(Array.from({ length: 5 }, attempt)));
  expect(before.map((r) => r.status)).toEqual(Array(5).fill(400));
  const after: number[] = [];
  await withClockAhead(crossed, async () => {
    for (let i = 0; i < 6; i += 1) after.push((await attempt()).status);
  });
  expect(after).toEqual([400, 400, 400, 400, 400, 429]);
});
