// @ts-check
/**
 * PostgreSQL's client programs (pg_dump, pg_restore) for `npm run backup` and `npm run restore`:
 * which one to run, whether it can read the server, and the connection as environment variables
 * (PGHOST, PGPASSWORD...) rather than a URL on the command line, where `ps` would show the password.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');
const { Client } = require('pg');

/** @param {string} file */
const runnable = (file) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The program to run: PG_DUMP / PG_RESTORE when set; else the newest of Debian's
 * /usr/lib/postgresql/<version>/bin; else the one on PATH.
 * @param {'pg_dump' | 'pg_restore'} name
 */
function findTool(name) {
  const setting = process.env[name.toUpperCase()];
  if (setting) return setting;
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const file = path.join(debian, version, 'bin', name);
      if (runnable(file)) return file;
    }
  }
  return name;
}

/** The major version a client program reports ("pg_dump (PostgreSQL) 15.18" -> 15), or null. @param {string} tool */
function toolMajorVersion(tool) {
  try {
    const output = execFileSync(tool, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(output);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * The client program, checked against the server: pg_dump refuses a server newer than itself.
 * @param {'pg_dump' | 'pg_restore'} name
 * @param {number} serverMajor
 */
function requireTool(name, serverMajor) {
  const tool = findTool(name);
  const major = toolMajorVersion(tool);
  const setting = name.toUpperCase();
  if (major === null) {
    throw new Error(
      `${name} was not found (${tool}). Install PostgreSQL's client programs, version ${serverMajor} or newer ` +
        `(Debian: apt-get install postgresql-client-${serverMajor}), or set ${setting} to the program.`,
    );
  }
  if (major < serverMajor) {
    throw new Error(
      `${tool} is PostgreSQL ${major}, older than the server (PostgreSQL ${serverMajor}): install the client ` +
        `programs of version ${serverMajor} or newer, or set ${setting} to one.`,
    );
  }
  return { tool, major };
}

/** libpq's environment for a connection URL. @param {string} url */
function connectionEnv(url) {
  const u = new URL(url);
  /** @type {Record<string, string>} */
  const env = {
    PGHOST: decodeURIComponent(u.hostname) || 'localhost',
    PGPORT: u.port || '5432',
    PGDATABASE: decodeURIComponent(u.pathname.replace(/^\//, '')),
  };
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/** @param {string} url @param {(client: import('pg').Client) => Promise<any>} work */
async function withClient(url, work) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** @param {import('pg').Client} client */
async function serverMajorVersion(client) {
  const { rows } = await client.query('SHOW server_version_num');
  return Math.floor(Number(rows[0].server_version_num) / 10000);
}

/**
 * What a restore is compared with: the exact row count of every table, and a hash of every
 * student number (a restore that lost or changed one shows a different hash).
 * @param {import('pg').Client} client
 */
async function databaseFingerprint(client) {
  const { rows: tables } = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  /** @type {Record<string, number>} */
  const rowCounts = {};
  for (const { tablename } of tables) {
    const { rows } = await client.query(`SELECT count(*)::bigint AS n FROM "${tablename.replace(/"/g, '""')}"`);
    rowCounts[tablename] = Number(rows[0].n);
  }
  let studentNumbersSha256 = null;
  if (rowCounts.students !== undefined) {
    const { rows } = await client.query(
      "SELECT encode(sha256(convert_to(coalesce(string_agg(student_number, ',' ORDER BY student_number), ''), 'UTF8')), 'hex') AS h FROM students",
    );
    studentNumbersSha256 = rows[0].h;
  }
  return { rowCounts, studentNumbersSha256 };
}

/**
 * Runs a client program with the connection in its environment; rejects with its error output.
 * @param {string} tool @param {string[]} args @param {string} url
 */
function runTool(tool, args, url) {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env: { ...process.env, ...connectionEnv(url) }, stdio: ['ignore', 'inherit', 'pipe'] });
    let errorOutput = '';
    child.stderr.on('data', (chunk) => {
      errorOutput += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(undefined) : reject(new Error(`${path.basename(tool)} failed (exit ${code}): ${errorOutput.trim()}`))));
  });
}

module.exports = { requireTool, withClient, serverMajorVersion, databaseFingerprint, runTool, connectionEnv };
