// @ts-check
/**
 * A second (or third) Strapi process on the test database, for concurrency tests: loads the
 * compiled project, listens on PORT, prints "ready" and serves until killed. SERVE_ADMIN=1: it
 * serves the built admin panel (dist/build) too, for the browser tests.
 */
'use strict';

const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

const ROOT = path.resolve(__dirname, '..', '..');

createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist'), autoReload: false, serveAdminPanel: process.env.SERVE_ADMIN === '1' })
  .load()
  .then(async (strapi) => {
    await strapi.listen();
    process.stdout.write('ready\n');
    process.on('SIGTERM', () => strapi.destroy().finally(() => process.exit(0)));
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
