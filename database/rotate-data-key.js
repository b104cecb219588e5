#!/usr/bin/env node
// @ts-check
/**
 * `npm run rotate-data-key`: re-encrypts every personal value from DATA_ENCRYPTION_KEY (the key
 * the database holds now) to NEW_DATA_ENCRYPTION_KEY, in one transaction. Stop every server
 * first; afterwards start them with DATA_ENCRYPTION_KEY set to the new key.
 */
'use strict';

const path = require('node:path');

async function main() {
  const next = process.env.NEW_DATA_ENCRYPTION_KEY;
  if (!next) {
    console.error('Set NEW_DATA_ENCRYPTION_KEY (32 bytes, base64 or hex) to the key to change to.');
    process.exit(2);
  }
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const context = await compileStrapi({ appDir: path.resolve(__dirname, '..') });
  process.env.SEED_ON_START = 'false';
  // Loading checks that DATA_ENCRYPTION_KEY is the database's key before anything is touched.
  const strapi = await createStrapi({ ...context, autoReload: false, serveAdminPanel: false }).load();
  try {
    const { personalDataCipher, createPersonalDataCipher } = require(path.join(context.distDir, 'src', 'services', 'personal-data'));
    const { rotateDataKey } = require(path.join(context.distDir, 'src', 'services', 'data-key-rotation'));
    const counts = await rotateDataKey(strapi, personalDataCipher(), createPersonalDataCipher(next));
    console.log(`[rotate-data-key] re-encrypted ${JSON.stringify(counts)}`);
    console.log('[rotate-data-key] done: start every server with DATA_ENCRYPTION_KEY set to the new key (in development: replace it in .tmp/secrets.json)');
  } finally {
    await strapi.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
