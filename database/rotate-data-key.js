#!/usr/bin/env node
// @ts-check
/**
 * `npm run rotate-data-key`: re-encrypts every personal value from DATA_ENCRYPTION_KEY (the key
 * the database holds now) to NEW_DATA_ENCRYPTION_KEY, in one transaction. Stop every server
 * first; afterwards start them with DATA_ENCRYPTION_KEY set to the new key.
 */
'use strict';

const path = require('node:path');
const { withStrapi, run } = require('./with-strapi');

run(async () => {
  const next = process.env.NEW_DATA_ENCRYPTION_KEY;
  if (!next) {
    console.error('Set NEW_DATA_ENCRYPTION_KEY (32 bytes, base64 or hex) to the key to change to.');
    process.exit(2);
  }
  // Loading checks that DATA_ENCRYPTION_KEY is the database's key before anything is touched.
  await withStrapi(async (strapi, distDir) => {
    const { personalDataCipher, createPersonalDataCipher } = require(path.join(distDir, 'src', 'services', 'personal-data'));
    const { rotateDataKey } = require(path.join(distDir, 'src', 'services', 'data-key-rotation'));
    const counts = await rotateDataKey(strapi, personalDataCipher(), createPersonalDataCipher(next));
    console.log(`[rotate-data-key] re-encrypted ${JSON.stringify(counts)}`);
    console.log('[rotate-data-key] done: start every server with DATA_ENCRYPTION_KEY set to the new key (in development: replace it in .tmp/secrets.json)');
  });
});
