// @ts-check
/**
 * The throwaway database of one test run: on the server named by DATABASE_URL if set, else on the
 * project's embedded PostgreSQL (its own data directory, apart from development data).
 */
'use strict';

const path = require('node:path');
const { Client } = require('pg');
const { startEmbeddedPostgres } = require('../../database/embedded-postgres');

const ROOT = path.resolve(__dirname, '..', '..');

/** @param {string} url @param {string} database */
function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Drops the run's database and its siblings (`<name>_w1`... of the Jest workers, `<name>_<random>`
 * of tests that need an empty database).
 * @param {import('pg').Client} client @param {string} name
 */
async function dropWithSiblings(client, name) {
  const { rows } = await client.query(String.raw`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [name, `${name.replace(/_/g, '\_')}\_%`]);
  for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}

/** Creates `<run>_<suffix>` beside the run's database; returns its URL. @param {string} runUrl @param {string} suffix */
async function createSiblingDatabase(runUrl, suffix) {
  const name = `${new URL(runUrl).pathname.slice(1)}_${suffix}`;
  const client = new Client({ connectionString: runUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return withDatabase(runUrl, name);
}

async function createTestDatabase() {
  const name = `test_${process.pid}_${Date.now()}`;
  if (process.env.DATABASE_URL) {
    const serverUrl = process.env.DATABASE_URL;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    return {
      url: withDatabase(serverUrl, name),
      name,
      async destroy() {
        const client = new Client({ connectionString: serverUrl });
        await client.connect();
        await dropWithSiblings(client, name);
        await client.end();
      },
    };
  }
  const server = await startEmbeddedPostgres({
    dataDir: path.join(ROOT, '.tmp', 'test-postgres'),
    port: Number(process.env.TEST_PG_PORT || 54339),
    disposable: true,
    log: (line) => process.stderr.write(`[test database] ${line}\n`),
  });
  await server.ensureDatabase(name);
  return {
    url: server.url(name),
    name,
    async destroy() {
      // Another test run on this machine may be using the same server: leave it running then.
      const client = new Client({ connectionString: server.url('postgres') });
      await client.connect();
      await dropWithSiblings(client, name);
      const others = await client.query(String.raw`SELECT 1 FROM pg_database WHERE datname LIKE 'test\_%'`);
      await client.end();
      if (others.rowCount === 0) await server.stop();
    },
  };
}

module.exports = { createTestDatabase, createSiblingDatabase, withDatabase };
