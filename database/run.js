#!/usr/bin/env node
// @ts-check
/**
 * `npm run develop|start|seed|openapi|bench|backup|restore|rotate-data-key|config:*`: gives the command a PostgreSQL. With DATABASE_URL set it
 * uses that server and starts nothing; otherwise it starts the embedded one under `.tmp/`,
 * points DATABASE_URL at it, runs the command, and stops the server when the command ends.
 * `npm run build` loads the configuration (which wants DATABASE_URL) but never connects: it gets
 * an address that is never used instead of a server.
 */
'use strict';

const path = require('node:path');
const { spawn } = require('node:child_process');
const { startEmbeddedPostgres } = require('./embedded-postgres');

const ROOT = path.resolve(__dirname, '..');
const STRAPI_BIN = path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');

/** @type {Record<string, string[]>} */
const COMMANDS = {
  develop: [STRAPI_BIN, 'develop', '--no-watch-admin'],
  start: [STRAPI_BIN, 'start'],
  seed: [path.join(__dirname, 'seed.js')],
  openapi: [path.join(__dirname, 'openapi.js')],
  bench: [path.join(ROOT, 'bench', 'run.js')],
  'rotate-data-key': [path.join(__dirname, 'rotate-data-key.js')],
  backup: [path.join(__dirname, 'backup.js')],
  restore: [path.join(__dirname, 'restore.js')],
  'config-sync': [path.join(__dirname, 'config-sync.js')],
  build: [STRAPI_BIN, 'build'],
};

/** Commands that load the configuration without connecting to the database. */
const WITHOUT_DATABASE = new Set(['build']);
const UNUSED_DATABASE_URL = 'postgres://build@127.0.0.1:9/never-connected';

const log = (/** @type {string} */ line) => console.log(`[database] ${line}`);

async function main() {
  const [command, ...extra] = process.argv.slice(2);
  const args = COMMANDS[command];
  if (!args) {
    console.error(`usage: node database/run.js <${Object.keys(COMMANDS).join('|')}>`);
    process.exit(2);
  }
  const env = { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' };
  let stopDatabase = async () => {};
  if (!env.DATABASE_URL && WITHOUT_DATABASE.has(command)) env.DATABASE_URL = UNUSED_DATABASE_URL;
  if (!env.DATABASE_URL) {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(ROOT, '.tmp', 'postgres'),
      port: Number(env.EMBEDDED_PG_PORT || 54329),
      log,
    });
    const name = env.EMBEDDED_PG_DATABASE || 'student_records';
    await server.ensureDatabase(name);
    env.DATABASE_URL = server.url(name);
    stopDatabase = server.stop;
  }
  const child = spawn(process.execPath, [...args, ...extra], { cwd: ROOT, env, stdio: 'inherit' });
  const forward = (/** @type {NodeJS.Signals} */ signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise((resolve) => child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
  await stopDatabase();
  process.exit(code);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
