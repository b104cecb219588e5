// @ts-check
/**
 * For the command scripts (seed, rotate-data-key): compiles the project, loads Strapi without
 * serving or seeding, runs `work` with it and the compiled folder, and shuts Strapi down.
 */
'use strict';

const path = require('node:path');

/** @type {Promise<any> | undefined} */
let compiled;

/**
 * Compiles the project once per command; returns Strapi's context (`distDir`...). With
 * `PROJECT_COMPILED=1` (set by the test run's global setup, which has just compiled the same
 * sources) the compiled folder is used as it is: each script would otherwise spend ~10 s on an
 * incremental compile that changes nothing.
 */
function compileProject() {
  const appDir = path.resolve(__dirname, '..');
  if (process.env.PROJECT_COMPILED === '1') {
    compiled ??= Promise.resolve({ appDir, distDir: path.join(appDir, 'dist') });
    return compiled;
  }
  const { compileStrapi } = require('@strapi/strapi');
  compiled ??= compileStrapi({ appDir });
  return compiled;
}

/** @param {(strapi: any, distDir: string) => Promise<void>} work */
async function withStrapi(work) {
  const { createStrapi } = require('@strapi/strapi');
  const context = await compileProject();
  process.env.SEED_ON_START = 'false';
  const strapi = await createStrapi({ ...context, autoReload: false, serveAdminPanel: false }).load();
  try {
    await work(strapi, context.distDir);
  } finally {
    await strapi.destroy();
  }
}

/** Runs `main`, printing a failure and exiting 1. @param {() => Promise<void>} main */
function run(main) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

module.exports = { withStrapi, compileProject, run };
