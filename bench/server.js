// @ts-check
/**
 * The benchmarked server: the compiled project on the bench database, in its own process so that
 * the load generator does not share its event loop. Reports its API token and, on request, the
 * SQL statements the last request ran.
 */
'use strict';

const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

const ROOT = path.resolve(__dirname, '..');

async function main() {
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist'), autoReload: false, serveAdminPanel: false }).load();
  await strapi.listen();
  const token = await strapi.service('admin::api-token').create({ name: `bench-${Date.now()}`, type: 'full-access', lifespan: null });
  /** @type {Array<{ sql: string, bindings: unknown[] }>} */
  let captured = [];
  let capturing = false;
  strapi.db.connection.on('query', (query) => {
    if (capturing) captured.push({ sql: query.sql, bindings: query.bindings });
  });
  process.on('message', (/** @type {{ type: string }} */ message) => {
    if (message.type === 'capture-start') {
      captured = [];
      capturing = true;
      process.send?.({ type: 'capture-started' });
    }
    if (message.type === 'capture-stop') {
      capturing = false;
      process.send?.({ type: 'captured', queries: captured });
    }
  });
  process.on('SIGTERM', () => strapi.destroy().finally(() => process.exit(0)));
  process.send?.({ type: 'ready', token: token.accessKey });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
