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

describe('the per-login caches (issue 13) hold across processes', () => {
  test('an ended membership and a changed role take effect on the next request, on the other process too', async () => {
    const { createStaff } = await import('../factories/actors');
    const { activeStudent } = await import('../factories/status-changes');
    const manager = await createStaff(app, { adminRole: 'department-manager', department: tree.department.documentId });
    const student = await activeStudent(app, tree.schoolClass.documentId);
    const read = (server: ReturnType<typeof supertest>) => server.get(`/api/students/${student.documentId}`).set('Authorization', manager.api);
    // Both processes have served (and cached) this login
    for (const server of servers) expect((await read(server)).status).toBe(200);
    for (const server of servers) expect((await read(server)).status).toBe(200);

    // The membership ends, written through the first process
    const membership = (await app.strapi.db.query('api::staff-membership.staff-membership').findOne({ where: { email: manager.email } })) as { documentId: string };
    expect((await app.http.put(`/api/staff-memberships/${membership.documentId}`).set('Authorization', app.auth).send({ data: { active: false } })).status).toBe(200);
    // The very next request, on the other process, no longer reaches the student
    expect((await read(other.http)).status).toBe(404);
    expect((await read(app.http)).status).toBe(404);

    // Back again
    expect((await other.http.put(`/api/staff-memberships/${membership.documentId}`).set('Authorization', app.auth).send({ data: { active: true } })).status).toBe(200);
    expect((await read(app.http)).status).toBe(200);
    expect((await read(other.http)).status).toBe(200);

    // The admin role taken away (what the content-API login may do comes from it): the next request is refused
    await app.strapi.db.query('admin::user').update({ where: { id: manager.adminUserId }, data: { roles: [] } });
    expect((await read(other.http)).status).toBe(403);
    expect((await read(app.http)).status).toBe(403);

    // A users-permissions role that loses the action, through the database directly
    const role = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'department-manager' } })) as { id: number };
    await app.strapi.db.query('admin::user').update({ where: { id: manager.adminUserId }, data: { roles: [role.id] } });
    expect((await read(other.http)).status).toBe(200);
    const staff = (await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'staff' } })) as { id: number };
    const permission = (await app.strapi.db.query('plugin::users-permissions.permission').findOne({ where: { action: 'api::student.student.findOne', role: { id: staff.id } } })) as { id: number };
    await app.strapi.db.query('plugin::users-permissions.permission').delete({ where: { id: permission.id } });
    try {
      expect((await read(other.http)).status).toBe(403);
      expect((await read(app.http)).status).toBe(403);
    } finally {
      await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action: 'api::student.student.findOne', role: staff.id } });
    }
    expect((await read(other.http)).status).toBe(200);
  });

  test('without a change, a login is not looked up again: the epoch is the only authorisation query', async () => {
    const { createStaff } = await import('../factories/actors');
    const manager = await createStaff(app, { adminRole: 'department-manager', department: tree.department.documentId });
    const list = () => app.http.get('/api/students?pagination[pageSize]=1').set('Authorization', manager.api);
    expect((await list()).status).toBe(200);
    const queries: string[] = [];
    const listener = (query: { sql: string }) => queries.push(query.sql);
    app.strapi.db.connection.on('query', listener);
    try {
      expect((await list()).status).toBe(200);
    } finally {
      app.strapi.db.connection.off('query', listener);
    }
    expect(queries.filter((sql) => /auth_epoch/.test(sql))).toHaveLength(1);
    expect(queries.filter((sql) => /up_users|up_permissions|staff_memberships|admin_permissions|admin_roles/.test(sql))).toEqual([]);
    // The whole request: the epoch, the page and the count; no API-token lookup of a JWT, and no
    // BEGIN/COMMIT around the two reads (src/services/read-path.ts).
    expect(queries.map((sql) => sql.replace(/\s.*$/s, ''))).toEqual(['SELECT', 'select', 'select']);
    expect(queries.filter((sql) => /strapi_api_tokens|BEGIN|COMMIT/i.test(sql))).toEqual([]);
  });
});

describe('reads outside a transaction (issue 13)', () => {
  /** The statements `work` sends, in order. */
  async function statements(work: () => Promise<unknown>): Promise<string[]> {
    const queries: string[] = [];
    const listener = (query: { sql: string }) => queries.push(query.sql);
    app.strapi.db.connection.on('query', listener);
    try {
      await work();
    } finally {
      app.strapi.db.connection.off('query', listener);
    }
    return queries;
  }

  /** A department code no department has yet (two digits). */
  async function freeCode(): Promise<string> {
    const taken = new Set((await app.strapi.db.query('api::department.department').findMany({ select: ['code'] })).map((row: { code: string }) => row.code));
    const code = Array.from({ length: 89 }, (_, i) => String(i + 10)).find((candidate) => !taken.has(candidate));
    if (!code) throw new Error('no department code left');
    return code;
  }

  test('a Document Service read made inside a business transaction joins it: it sees that transaction\'s writes', async () => {
    const code = await freeCode();
    const seen = await app.strapi.db.transaction(async () => {
      await app.strapi.db.query('api::department.department').create({ data: { name: `事务内系部${code}`, code, documentId: randomUUID().replace(/-/g, '').slice(0, 24) } });
      const inside = await app.strapi.documents('api::department.department').findMany({ filters: { code } });
      const counted = await app.strapi.documents('api::department.department').count({ filters: { code } });
      throw Object.assign(new Error('roll back'), { seen: [inside.length, counted] });
    }).catch((error: { seen?: number[] }) => error.seen);
    expect(seen).toEqual([1, 1]);
    // Rolled back, and the read outside sees nothing.
    expect(await app.strapi.documents('api::department.department').count({ filters: { code } })).toBe(0);
  });

  test('writes keep their transaction; reads outside one send no BEGIN', async () => {
    const code = await freeCode();
    const written = await statements(() => app.strapi.documents('api::department.department').create({ data: { name: `写入系部${code}`, code } }));
    expect(written[0]).toMatch(/^BEGIN/);
    expect(written[written.length - 1]).toMatch(/^COMMIT/);
    const read = await statements(() => app.strapi.documents('api::department.department').findMany({ filters: { code }, populate: ['majors'] }));
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((sql) => /BEGIN|COMMIT/i.test(sql))).toEqual([]);
  });

  test('a bearer token that is not an access key is never looked up as an API token, and a real one still works', async () => {
    const tokens = await statements(() => app.http.get('/api/students?pagination[pageSize]=1').set('Authorization', 'Bearer not.an.api-token'));
    expect(tokens.filter((sql) => /strapi_api_tokens/.test(sql))).toEqual([]);
    const { accessKey } = await app.strapi.service('admin::api-token-content-api').create({ name: `bench-${randomUUID()}`, type: 'full-access', lifespan: null });
    expect((await app.http.get('/api/students?pagination[pageSize]=1').set('Authorization', `Bearer ${accessKey}`)).status).toBe(200);
    expect((await app.http.get('/api/students?pagination[pageSize]=1').set('Authorization', `Bearer ${accessKey}0`)).status).toBe(401);
  });
});
