/**
 * Production hardening (issue 4): login rate limits, CORS and security headers, error bodies
 * without internals, strict query parameters.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import supertest from 'supertest';
import { env } from '@strapi/utils';
import { corsOrigins } from '../../config/middlewares';
import { createClassTree, studentInput, type ClassTree } from '../factories';
import { countStudents } from '../helpers/db';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { plainAdminUser, plainContentUser, postAdminLogin, postApiLogin, postGraphqlLogin, uniqueName, withClockAhead } from '../factories/plain-logins';

const PASSWORD = 'Hardening-Pass-1234';
const WRONG = 'not-the-password';
const WINDOW_MS = 15 * 60_000;

let app: TestApp;
let tree: ClassTree;
beforeAll(async () => {
  app = await startStrapi();
  tree = await createClassTree(app.strapi);
});
afterAll(async () => {
  await app.stop();
});

const unique = uniqueName;
const contentUser = () => plainContentUser(app, 'limited', PASSWORD);
const adminUser = () => plainAdminUser(app, 'admin-limited', PASSWORD);
const apiLogin = (identifier: string, password: string) => postApiLogin(app, identifier, password);
const adminLogin = (email: string, password: string) => postAdminLogin(app, email, password);

/** Runs `work` with the clock moved past the rate-limit window. */
const afterTheWindow = <T>(work: () => Promise<T>) => withClockAhead(WINDOW_MS + 1000, work);

describe('login rate limits: 10 attempts per account and address in 15 minutes', () => {
  test('content API: the 11th wrong password is a 429, and so is the right one until the window passes', async () => {
    // Given an account that has had 10 wrong passwords
    const email = await contentUser();
    for (let attempt = 1; attempt <= 10; attempt += 1) expect((await apiLogin(email, WRONG)).status).toBe(400);
    // When the 11th attempt comes, then it is refused as too many, and so is the right password
    const eleventh = await apiLogin(email, WRONG);
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.error).toEqual({ status: 429, name: 'RateLimitError', message: 'Too many requests, please try again later.', details: {} });
    expect((await apiLogin(email, PASSWORD)).status).toBe(429);
    expect((await apiLogin(email.toUpperCase(), PASSWORD)).status).toBe(429);
    // Then, once the window has passed, the right password logs in
    const later = await afterTheWindow(() => apiLogin(email, PASSWORD));
    expect(later.status).toBe(200);
    expect(later.body.jwt).toEqual(expect.any(String));
  });

  test('content API: the count is per identifier, so another account on the same address still logs in', async () => {
    const locked = await contentUser();
    for (let attempt = 1; attempt <= 11; attempt += 1) await apiLogin(locked, WRONG);
    expect((await apiLogin(locked, PASSWORD)).status).toBe(429);
    const other = await contentUser();
    expect((await apiLogin(other, PASSWORD)).status).toBe(200);
  });

  test('content API: the GraphQL login mutation shares the REST count', async () => {
    const email = await contentUser();
    for (let attempt = 1; attempt <= 10; attempt += 1) await apiLogin(email, WRONG);
    const response = await postGraphqlLogin(app, email, PASSWORD);
    expect(response.body.data).toBeNull();
    expect(response.body.errors[0].extensions.error.name).toBe('RateLimitError');
  });

  test('admin: the 11th wrong password is a 429, and so is the right one until the window passes', async () => {
    const email = await adminUser();
    for (let attempt = 1; attempt <= 10; attempt += 1) expect((await adminLogin(email, WRONG)).status).toBe(400);
    const eleventh = await adminLogin(email, WRONG);
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.error.name).toBe('RateLimitError');
    expect((await adminLogin(email, PASSWORD)).status).toBe(429);
    const later = await afterTheWindow(() => adminLogin(email, PASSWORD));
    expect(later.status).toBe(200);
  });
});

describe('CORS and security headers', () => {
  const ADMIN_ORIGIN = 'http://localhost:1337';

  test('a response carries CSP, frame, sniffing and referrer headers, and does not name the server', async () => {
    const response = await app.http.get('/api/students').set('Authorization', app.auth);
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/https:|strapi\.io/);
    expect(response.headers).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    expect(response.headers['x-powered-by']).toBeUndefined();
    // HSTS only in production (below): here the server is reached over plain http.
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  test.each(['/api/students', '/graphql'])('%s: a foreign origin gets no CORS grant', async (route) => {
    const response = await app.http.options(route).set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  test("the admin's own origin is granted, with credentials", async () => {
    const response = await app.http.options('/api/students').set('Origin', ADMIN_ORIGIN).set('Access-Control-Request-Method', 'POST');
    expect(response.headers['access-control-allow-origin']).toBe(ADMIN_ORIGIN);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
  });
});

describe('allowed CORS origins from the environment', () => {
  const KEYS = ['NODE_ENV', 'CORS_ORIGINS', 'PUBLIC_URL', 'ADMIN_URL', 'PORT'] as const;

  function originsWith(vars: Partial<Record<(typeof KEYS)[number], string>>): string[] {
    const saved = KEYS.map((key) => [key, process.env[key]] as const);
    try {
      for (const key of KEYS) delete process.env[key];
      Object.assign(process.env, vars);
      return corsOrigins(env);
    } finally {
      for (const [key, value] of saved) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }

  test.each([
    ['production without PUBLIC_URL: none (the admin is same-origin)', { NODE_ENV: 'production' }, []],
    ['production: the origin of PUBLIC_URL', { NODE_ENV: 'production', PUBLIC_URL: 'https://records.example.edu/' }, ['https://records.example.edu']],
    ['production: an admin on its own host', { NODE_ENV: 'production', PUBLIC_URL: 'https://api.example.edu', ADMIN_URL: 'https://admin.example.edu/admin' }, ['https://api.example.edu', 'https://admin.example.edu']],
    ['development: the local server', { NODE_ENV: 'development', PORT: '1400' }, ['http://localhost:1400', 'http://127.0.0.1:1400']],
    ['CORS_ORIGINS, comma-separated', { NODE_ENV: 'production', CORS_ORIGINS: 'https://a.example.edu, https://b.example.edu' }, ['https://a.example.edu', 'https://b.example.edu']],
  ])('%s', (_name, vars, expected) => {
    expect(originsWith(vars)).toEqual(expected);
  });

  test.each([
    ['a wildcard', '*'],
    ['a wildcard among origins', 'https://a.example.edu,*'],
    ['a URL with a path', 'https://a.example.edu/app'],
    ['not a URL', 'a.example.edu'],
  ])('%s in CORS_ORIGINS is refused at start', (_name, value) => {
    expect(() => originsWith({ NODE_ENV: 'production', CORS_ORIGINS: value })).toThrow(/CORS_ORIGINS|Invalid URL/);
  });
});

describe('error bodies carry no internals', () => {
  const INTERNAL = 'select * from "students" where "national_id" = \'430102200509150015\'';

  test('REST: an unexpected error is a 500 with only status, name and a generic message', async () => {
    const service = app.strapi.service('api::student.me') as { ownRecord: (id?: number) => Promise<unknown> };
    const failing = jest.spyOn(service, 'ownRecord').mockRejectedValue(new Error(INTERNAL));
    const log = jest.spyOn(app.strapi.log, 'error').mockImplementation(() => app.strapi.log);
    try {
      const response = await app.http.get('/api/me').set('Authorization', app.auth);
      expect(response.status).toBe(500);
      expect(response.body).toEqual({ data: null, error: { status: 500, name: 'InternalServerError', message: 'Internal Server Error' } });
    } finally {
      failing.mockRestore();
      log.mockRestore();
    }
  });

  test('REST: a database error the client did not cause is the same generic 500', async () => {
    // A text id is now refused before the query (a 400): a missing table stands for the errors that stay 500.
    const service = app.strapi.service('api::student.me') as { ownRecord: (id?: number) => Promise<unknown> };
    const missingTable = Object.assign(new Error(`${INTERNAL} - relation "students" does not exist`), { code: '42P01' });
    const failing = jest.spyOn(service, 'ownRecord').mockRejectedValue(missingTable);
    const log = jest.spyOn(app.strapi.log, 'error').mockImplementation(() => app.strapi.log);
    try {
      const response = await app.http.get('/api/me').set('Authorization', app.auth);
      expect(response.status).toBe(500);
      expect(response.body).toEqual({ data: null, error: { status: 500, name: 'InternalServerError', message: 'Internal Server Error' } });
    } finally {
      failing.mockRestore();
      log.mockRestore();
    }
  });

  test('REST: a value the column cannot take that still reaches PostgreSQL (SQLSTATE class 22) is a 400 without SQL', async () => {
    const service = app.strapi.service('api::student.me') as { ownRecord: (id?: number) => Promise<unknown> };
    const badText = Object.assign(new Error(`${INTERNAL} - invalid input syntax for type integer: "abc"`), { code: '22P02' });
    const failing = jest.spyOn(service, 'ownRecord').mockRejectedValue(badText);
    try {
      const response = await app.http.get('/api/me').set('Authorization', app.auth);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
      expect(JSON.stringify(response.body)).not.toMatch(/national_id|430102|syntax/);
    } finally {
      failing.mockRestore();
    }
  });

  test("GraphQL: an unexpected error says only 'Internal Server Error', without the original message or a stack", async () => {
    const service = app.strapi.service('api::student.me') as { ownRecord: (id?: number) => Promise<unknown> };
    const failing = jest.spyOn(service, 'ownRecord').mockRejectedValue(new Error(INTERNAL));
    const log = jest.spyOn(app.strapi.log, 'error').mockImplementation(() => app.strapi.log);
    try {
      const response = await app.http.post('/graphql').set('Authorization', app.auth).send({ query: '{ myStudentRecord { name } }' });
      expect(response.body.errors).toEqual([expect.objectContaining({ message: 'Internal Server Error', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
      expect(JSON.stringify(response.body)).not.toMatch(/national_id|430102|stacktrace/);
    } finally {
      failing.mockRestore();
      log.mockRestore();
    }
  });
});

describe('strict parameters', () => {
  test.each([
    ['an unknown parameter on a list', '/api/students?foo=1'],
    ['an unknown parameter beside known ones', '/api/students?sort=name:asc&pagination[pageSize]=5&foo[bar]=1'],
    ['an unknown parameter on another type', '/api/departments?foo=1'],
  ])('%s is a 400 naming it', async (_name, route) => {
    const response = await app.http.get(route).set('Authorization', app.auth);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ name: 'ValidationError', details: { param: 'foo', source: 'query' } });
  });

  test('an unknown parameter on a write is a 400 and writes nothing', async () => {
    const before = await countStudents(app.strapi);
    const response = await app.http.post('/api/students?foo=1').set('Authorization', app.auth).send({ data: studentInput(tree.schoolClass.documentId) });
    expect(response.status).toBe(400);
    expect(await countStudents(app.strapi)).toBe(before);
  });

  test('an unknown key in the body is a 400 naming it and writes nothing', async () => {
    const before = await countStudents(app.strapi);
    const response = await app.http
      .post('/api/students')
      .set('Authorization', app.auth)
      .send({ data: { ...studentInput(tree.schoolClass.documentId), foo: 1 } });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ name: 'ValidationError', details: { key: 'foo', source: 'body' } });
    expect(await countStudents(app.strapi)).toBe(before);
  });

  test('the Document Service refuses a malformed status or pagination', async () => {
    const students = app.strapi.documents('api::student.student');
    await expect(students.findMany({ status: 'archived' } as never)).rejects.toThrow(/status/);
    await expect(students.findMany({ page: 'two', pageSize: 10 } as never)).rejects.toThrow(/page/);
  });
});

describe('in production (NODE_ENV=production)', () => {
  const PORT = 1390 + Math.floor(Math.random() * 50);
  const PUBLIC_URL = 'https://records.example.edu';
  let server: ChildProcess;
  let http: ReturnType<typeof supertest>;
  let token: string;
  let dropDatabase: () => Promise<void>;

  async function sql(url: string, statement: string) {
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(statement);
    await client.end();
  }

  /** The production server on an empty database of its own, with every secret in the environment. */
  async function startProductionServer(): Promise<void> {
    const runUrl = new URL(process.env.DATABASE_URL as string);
    const name = `${runUrl.pathname.slice(1)}_prod_${randomBytes(3).toString('hex')}`;
    await sql(runUrl.toString(), `CREATE DATABASE "${name}"`);
    dropDatabase = () => sql(runUrl.toString(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const databaseUrl = new URL(runUrl.toString());
    databaseUrl.pathname = `/${name}`;
    const secret = () => randomBytes(32).toString('base64');
    server = spawn(process.execPath, [path.join(__dirname, '..', 'helpers', 'server-process.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl.toString(),
        PORT: String(PORT),
        HOST: '127.0.0.1',
        PUBLIC_URL,
        LOG_LEVEL: 'error',
        APP_KEYS: [secret(), secret()].join(','),
        API_TOKEN_SALT: secret(),
        ADMIN_JWT_SECRET: secret(),
        TRANSFER_TOKEN_SALT: secret(),
        ENCRYPTION_KEY: secret(),
        JWT_SECRET: secret(),
        DATA_ENCRYPTION_KEY: secret(),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      server.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve();
      });
      server.once('exit', (code) => reject(new Error(`production server exited with ${code}`)));
    });
    http = supertest(`http://127.0.0.1:${PORT}`);
  }

  /** The first admin (a production database starts without one) makes a full-access API token. */
  async function firstAdminToken(): Promise<string> {
    const registered = await http.post('/admin/register-admin').send({ email: 'first.admin@example.com', firstname: '首位', lastname: '管理员', password: PASSWORD });
    if (registered.status !== 200 && registered.status !== 201) throw new Error(`register-admin: ${registered.status} ${JSON.stringify(registered.body)}`);
    const created = await http
      .post('/admin/api-tokens')
      .set('Authorization', `Bearer ${registered.body.data.token ?? registered.body.data.accessToken}`)
      .send({ name: 'hardening', type: 'full-access', lifespan: null, description: '' });
    if (created.status !== 201) throw new Error(`api-tokens: ${created.status} ${JSON.stringify(created.body)}`);
    return `Bearer ${created.body.data.accessKey}`;
  }

  beforeAll(async () => {
    await startProductionServer();
    token = await firstAdminToken();
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.removeAllListeners('exit');
      await new Promise<void>((resolve) => {
        server.once('exit', () => resolve());
        server.kill('SIGTERM');
      });
    }
    await dropDatabase?.();
  });

  test('a text where an id belongs is a 400 naming the filter, without SQL or a stack', async () => {
    const response = await http.get('/api/students?filters[id][$eq]=abc').set('Authorization', token);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ status: 400, name: 'ValidationError', details: { errors: [{ path: ['filters', 'id', '$eq'] }] } });
    expect(JSON.stringify(response.body)).not.toMatch(/select|students"|stack/i);
  });

  test('responses carry HSTS and do not name the server', async () => {
    const response = await http.get('/api/students').set('Authorization', token);
    expect(response.status).toBe(200);
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  test.each([
    [PUBLIC_URL, PUBLIC_URL],
    ['http://localhost:1337', undefined],
    ['https://evil.example', undefined],
  ])('CORS: origin %s is granted %s', async (origin, granted) => {
    const response = await http.options('/api/students').set('Origin', origin).set('Access-Control-Request-Method', 'GET');
    expect(response.headers['access-control-allow-origin']).toBe(granted);
  });

  test('GraphQL: no introspection, and errors carry no stack trace', async () => {
    const response = await http.post('/graphql').set('Authorization', token).send({ query: '{ __schema { types { name } } }' });
    expect(response.body.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(response.body)).not.toContain('stacktrace');
    expect(response.body.data?.__schema).toBeUndefined();
  });
});

describe('favicon', () => {
  test('GET /favicon.ico is the product icon, not a 500', async () => {
    const response = await app.http.get('/favicon.ico');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/image/);
  });
});
