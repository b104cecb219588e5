/**
 * Starts the compiled project (global-setup compiled it once) on the run's throwaway database,
 * with an HTTP client and a full-access API token. One per test file.
 */
import path from 'node:path';
import { Client } from 'pg';
import supertest from 'supertest';
import { createStrapi, type Core } from '@strapi/strapi';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface TestApp {
  strapi: Core.Strapi;
  http: ReturnType<typeof supertest>;
  /** `Authorization` header value of a full-access API token. */
  auth: string;
  stop(): Promise<void>;
}

/** Creates an empty database beside the run's one; returns its URL and how to drop it. */
export async function createSiblingDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const runUrl = new URL(process.env.DATABASE_URL as string);
  const name = `${runUrl.pathname.slice(1)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: runUrl.toString() });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(runUrl.toString());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/**
 * Waits (at most 10 s) until no query is running or waiting for a connection. The Document
 * Service emits its events after commit without awaiting them; destroying the pool under such a
 * query would fail it later, inside whichever test file runs next.
 */
async function settle(strapi: Core.Strapi): Promise<void> {
  const pool = (strapi.db.connection.client as { pool?: { numUsed(): number; numPendingAcquires(): number } }).pool;
  for (let waited = 0; pool && waited < 10_000; waited += 50) {
    if (pool.numUsed() === 0 && pool.numPendingAcquires() === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A department's code has two digits (the student number's), so one database holds at most 90 of
 * the factories' departments, and a worker's files share one database. When most are taken, the
 * worker's files move on to a new empty database, `<worker database>_next<N>` (dropped with the
 * run's). Each file finds the newest one again: Jest gives every file its own copy of process.env.
 */
const DEPARTMENTS_BEFORE_A_NEW_DATABASE = Number(process.env.TEST_DEPARTMENTS_PER_DATABASE ?? 60);

async function query<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function keepRoomForDepartments(): Promise<void> {
  const worker = new URL(process.env.DATABASE_URL as string);
  const base = worker.pathname.slice(1);
  const at = (name: string) => Object.assign(new URL(worker.toString()), { pathname: `/${name}` }).toString();
  const rotations = await query<{ datname: string }>(worker.toString(), 'SELECT datname FROM pg_database WHERE datname LIKE $1', [`${base.replace(/_/g, '\\_')}\\_next%`]);
  const newest = Math.max(0, ...rotations.map((r) => Number(/_next(\d+)$/.exec(r.datname)?.[1] ?? 0)));
  let current = newest === 0 ? base : `${base}_next${newest}`;
  const [{ present }] = await query<{ present: boolean }>(at(current), "SELECT to_regclass('public.departments') IS NOT NULL AS present");
  const count = present ? (await query<{ n: number }>(at(current), 'SELECT count(*)::int AS n FROM departments'))[0].n : 0;
  if (count >= DEPARTMENTS_BEFORE_A_NEW_DATABASE) {
    current = `${base}_next${newest + 1}`;
    await query(worker.toString(), `CREATE DATABASE "${current}"`);
  }
  process.env.DATABASE_URL = at(current);
}

/**
 * Starts Strapi on the run's database, or with `freshDatabase` on an empty one of its own, for
 * tests that need to know every row (the demo seed). `distDir`: another compiled copy of the
 * project (a schema changed as an admin would in the Content-Type Builder); `databaseUrl`: a
 * database of the test's own (createSiblingDatabase), kept across restarts.
 */
export async function startStrapi(options: { freshDatabase?: boolean; distDir?: string; databaseUrl?: string } = {}): Promise<TestApp> {
  if (!options.freshDatabase && !options.databaseUrl) await keepRoomForDepartments();
  const runUrl = process.env.DATABASE_URL;
  const sibling = options.freshDatabase ? await createSiblingDatabase() : null;
  if (sibling) process.env.DATABASE_URL = sibling.url;
  if (options.databaseUrl) process.env.DATABASE_URL = options.databaseUrl;
  const strapi = await createStrapi({
    appDir: ROOT,
    distDir: options.distDir ?? path.join(ROOT, 'dist'),
    autoReload: false,
    serveAdminPanel: false,
  } as never).load();
  strapi.server.mount();
  process.env.DATABASE_URL = runUrl;
  const token = (await strapi.service('admin::api-token').create({
    name: `test-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    type: 'full-access',
    lifespan: null,
  })) as { accessKey: string };
  return {
    strapi,
    http: supertest(strapi.server.httpServer),
    auth: `Bearer ${token.accessKey}`,
    async stop() {
      await settle(strapi);
      await strapi.destroy();
      await sibling?.drop();
    },
  };
}
