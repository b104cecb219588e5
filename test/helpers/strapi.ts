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
 * worker moves on to a new empty database for the rest of its files (dropped with the run's).
 */
const DEPARTMENTS_BEFORE_A_NEW_DATABASE = 60;
async function keepRoomForDepartments(): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  let full = false;
  try {
    const { rows } = await client.query("SELECT to_regclass('public.departments') IS NOT NULL AS present");
    if (rows[0].present) full = (await client.query('SELECT count(*)::int AS n FROM departments')).rows[0].n >= DEPARTMENTS_BEFORE_A_NEW_DATABASE;
  } finally {
    await client.end();
  }
  if (full) process.env.DATABASE_URL = (await createSiblingDatabase()).url;
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
