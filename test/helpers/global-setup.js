// @ts-check
/**
 * Once per `npm test`: a fresh database for the run, one more per Jest worker (each worker runs its
 * files one after the other on its own database, so files run in parallel without sharing rows),
 * and one compilation of the project into dist/.
 */
'use strict';

const { createTestDatabase, createSiblingDatabase } = require('./test-database');

/** @param {{ maxWorkers: number, testPathPattern?: string }} globalConfig */
module.exports = async function globalSetup(globalConfig) {
  process.env.NODE_ENV = 'test';
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  // One moment for the whole run, far from today: 07:30 in Beijing on the last day of 2035 (23:30
  // the day before in UTC, so a date taken in UTC would be a day off). No test depends on the day
  // it runs; a test that needs a date sets the clock (setClock). SCHOOL_CLOCK_AT overrides it.
  process.env.SCHOOL_CLOCK_AT = process.env.SCHOOL_CLOCK_AT || '2035-12-31T07:30:00+08:00';
  const database = await createTestDatabase();
  // @ts-ignore shared with global-teardown, which runs in the same process
  globalThis.__TEST_DATABASE__ = database;
  process.env.DATABASE_URL = database.url;
  // Uploaded documents of the tests, apart from development's.
  process.env.PRIVATE_FILES_DIR = require('node:path').join(process.cwd(), '.tmp', 'test-private-files');
  // Read by worker-database.js in each worker (JEST_WORKER_ID is 1...maxWorkers).
  process.env.TEST_RUN_DATABASE_URL = database.url;
  for (let worker = 1; worker <= Math.max(1, globalConfig.maxWorkers); worker += 1) await createSiblingDatabase(database.url, `w${worker}`);
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: process.cwd(), ignoreDiagnostics: false });
  // The command scripts the tests run (backup, restore, rotate-data-key...) use this build as it is.
  process.env.PROJECT_COMPILED = '1';
  // The browser tests drive the built admin panel: built here, before any worker starts, when the
  // run includes them and dist/build is older than its sources (test/helpers/admin-build.js).
  const { ensureAdminBuild, runIncludesBrowserTests } = require('./admin-build');
  if (runIncludesBrowserTests(globalConfig)) ensureAdminBuild();
};
