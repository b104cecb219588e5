// @ts-check
/** In each Jest worker, before its test files: DATABASE_URL is the worker's own database (global-setup.js made it). */
'use strict';

const { withDatabase } = require('./test-database');

const runUrl = process.env.TEST_RUN_DATABASE_URL;
if (runUrl) process.env.DATABASE_URL = withDatabase(runUrl, `${new URL(runUrl).pathname.slice(1)}_w${process.env.JEST_WORKER_ID ?? '1'}`);

// The OpenAPI plugin spends ~1 s of each start generating its document; only the test of the
// document itself (test/api/openapi.test.ts) turns it on. Servers outside tests keep their default.
process.env.DOCUMENTATION_UI ??= 'off';
