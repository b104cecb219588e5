// @ts-check
/**
 * The admin panel the browser tests drive: `strapi build`'s admin half (dist/build), without its
 * TypeScript half (global-setup has just compiled dist/, and other workers read it). Skipped when
 * dist/build is newer than everything it is built from, so a local re-run does not pay ~1-2 min;
 * a fresh clone (CI) has no dist/build and always builds. Run as a child process (the bundler
 * needs ~2 GB, which should not stay in the Jest parent).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const INDEX = path.join(ROOT, 'dist', 'build', 'index.html');
/**
 * What the admin bundle is made of: our admin code (src/admin, and src/domain and src/bootstrap,
 * which it imports),
 * the configuration it reads at build time (admin path and URL, enabled plugins), the installed
 * packages. Not config/sync: tests write there, and the bundle does not read it.
 */
const SOURCES = ['src/admin', 'src/domain', 'src/bootstrap', 'src/plugins', 'config/admin.ts', 'config/plugins.ts', 'config/server.ts', 'package.json', 'package-lock.json'];

/** @param {string} file @returns {number} the newest modification time under `file` */
function newest(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of fs.readdirSync(file)) latest = Math.max(latest, newest(path.join(file, entry)));
  return latest;
}

/** Whether dist/build is missing or older than one of its sources. */
function adminBuildIsStale() {
  let built;
  try {
    built = fs.statSync(INDEX).mtimeMs;
  } catch {
    return true;
  }
  return SOURCES.some((source) => newest(path.join(ROOT, source)) > built);
}

/** Builds dist/build in a child process unless it is up to date. */
function ensureAdminBuild() {
  if (!adminBuildIsStale()) return;
  const started = Date.now();
  const result = spawnSync(process.execPath, [__filename, '--build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`admin build failed (exit ${result.status})`);
  process.stdout.write(`\nadmin panel built in ${Math.round((Date.now() - started) / 1000)} s\n`);
}

/** Whether the run includes a browser test (no path pattern: the whole suite does). */
function runIncludesBrowserTests(/** @type {{ testPathPattern?: string }} */ globalConfig) {
  const pattern = globalConfig.testPathPattern ?? '';
  if (pattern === '') return true;
  const dir = path.join(ROOT, 'test', 'browser');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.test.ts')) : [];
  try {
    const matcher = new RegExp(pattern, 'i');
    return files.some((name) => matcher.test(path.join(dir, name)));
  } catch {
    return true;
  }
}

async function build() {
  const strapiDir = path.dirname(require.resolve('@strapi/strapi/package.json'));
  const nodeDir = path.join(strapiDir, 'dist', 'src', 'node');
  const { createLogger } = require(path.join(strapiDir, 'dist', 'src', 'cli', 'utils', 'logger.js'));
  const { loadTsConfig } = require(path.join(strapiDir, 'dist', 'src', 'cli', 'utils', 'tsconfig.js'));
  const { createBuildContext } = require(path.join(nodeDir, 'create-build-context.js'));
  const { writeStaticClientFiles } = require(path.join(nodeDir, 'staticFiles.js'));
  const { build: buildVite } = require(path.join(nodeDir, 'vite', 'build.js'));
  const logger = createLogger({ silent: false, debug: false, timestamp: false });
  const tsconfig = loadTsConfig({ cwd: ROOT, path: 'tsconfig.json', logger });
  const ctx = await createBuildContext({ cwd: ROOT, logger, tsconfig, options: { minify: true, sourcemap: false, stats: false } });
  await writeStaticClientFiles(ctx);
  await buildVite(ctx);
}

if (require.main === module && process.argv[2] === '--build') {
  build().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

module.exports = { ensureAdminBuild, adminBuildIsStale, runIncludesBrowserTests };
