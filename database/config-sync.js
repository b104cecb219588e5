#!/usr/bin/env node
// @ts-check
/**
 * `npm run config:export|config:import|config:diff`: strapi-plugin-config-sync's CLI on the
 * freshly compiled project (the CLI itself would load a stale dist/), without the demo seed.
 * database/run.js gives it a database. Arguments go to the CLI (`config-sync import -p <name>`).
 */
'use strict';

const { compileProject, run } = require('./with-strapi');

run(async () => {
  await compileProject();
  process.env.SEED_ON_START = 'false';
  require('strapi-plugin-config-sync/cli');
});
