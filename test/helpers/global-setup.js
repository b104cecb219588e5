// @ts-check
/** Once per `npm test`: a fresh database and one compilation of the project into dist/. */
'use strict';

const { createTestDatabase } = require('./test-database');

module.exports = async function globalSetup() {
  process.env.NODE_ENV = 'test';
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  const database = await createTestDatabase();
  // @ts-ignore shared with global-teardown, which runs in the same process
  globalThis.__TEST_DATABASE__ = database;
  process.env.DATABASE_URL = database.url;
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: process.cwd(), ignoreDiagnostics: false });
};
