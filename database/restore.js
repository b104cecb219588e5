#!/usr/bin/env node
// @ts-check
/**
 * `npm run restore -- <file> [--force]`: restores a `npm run backup` dump into the database
 * (DATABASE_URL, or the embedded one), then checks it, as a restore drill would:
 *
 * 1. Before anything is touched: the data key (DATA_ENCRYPTION_KEY) must be the one the dump's
 *    personal data was encrypted with (its check value is in `<file>.json`), and the database must
 *    be empty unless `--force` (which replaces it: stop every server first).
 * 2. pg_restore in one transaction: all of the dump or nothing.
 * 3. The row count of every table and the hash of the student numbers must equal the backup's.
 * Then `<file>.uploads.tar`, when the backup has one, is unpacked into public/uploads.
 * 4. Strapi starts on the restored data (its own key check, the migrations of a newer release) and
 *    a stored national ID is decrypted.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { requireTool, withClient, serverMajorVersion, databaseFingerprint, runTool } = require('./pg-tools');
const { withStrapi, compileProject, run } = require('./with-strapi');

/** @param {string} message */
function refuse(message) {
  console.error(`[restore] ${message}`);
  process.exit(2);
}

/** @param {Record<string, number>} expected @param {Record<string, number>} found */
function countDifferences(expected, found) {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(found)])].sort();
  return tables.filter((t) => expected[t] !== found[t]).map((t) => `${t}: ${expected[t] ?? 'absent'} in the backup, ${found[t] ?? 'absent'} restored`);
}

run(async () => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (run this as `npm run restore -- <file>`)');
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const given = args.find((arg) => !arg.startsWith('--'));
  if (!given) return refuse('usage: npm run restore -- <file.dump> [--force]');
  const file = path.resolve(given);
  if (!fs.existsSync(file)) return refuse(`${file} does not exist`);
  const manifestFile = `${file}.json`;
  const manifest = fs.existsSync(manifestFile) ? JSON.parse(fs.readFileSync(manifestFile, 'utf8')) : null;
  if (!manifest) console.warn(`[restore] ${manifestFile} is missing: the key and the restored rows cannot be checked against the backup`);

  // 1. The key, before the database is touched.
  const { distDir } = await compileProject();
  const { personalDataCipher } = require(path.join(distDir, 'src', 'services', 'personal-data'));
  if (manifest?.dataKeyCheck && manifest.dataKeyCheck !== personalDataCipher().keyCheck()) {
    return refuse(
      `DATA_ENCRYPTION_KEY is not the key of this backup (its check value is ${manifest.dataKeyCheck}): ` +
        'set the key kept with the backup (in development: the secrets file kept with it, as .tmp/secrets.json). Nothing was restored.',
    );
  }
  const restore = await withClient(url, async (client) => {
    const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
    if (rows[0].n > 0 && !force) {
      return refuse(
        `the database ${client.database} is not empty (${rows[0].n} tables): restore into a new database, or pass --force to replace ` +
          'its contents (stop every server first). Nothing was restored.',
      );
    }
    const tool = requireTool('pg_restore', Math.max(await serverMajorVersion(client), manifest?.pgDumpMajorVersion ?? 0));
    if (rows[0].n > 0) {
      console.log(`[restore] --force: emptying ${client.database}`);
      await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    }
    return tool;
  });

  // 2. All of the dump or nothing.
  await runTool(restore.tool, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${new URL(url).pathname.slice(1)}`, file], url);

  // 3. The same rows.
  const found = await withClient(url, databaseFingerprint);
  if (manifest) {
    const differences = countDifferences(manifest.rowCounts, found.rowCounts);
    if (manifest.studentNumbersSha256 !== found.studentNumbersSha256) differences.push('the student numbers differ from the backup');
    if (differences.length > 0) throw new Error(`the restored database differs from the backup:\n  ${differences.join('\n  ')}`);
  }
  const tables = Object.keys(found.rowCounts).length;
  console.log(`[restore] restored ${tables} tables, ${found.rowCounts.students ?? 0} students${manifest ? '; row counts and student numbers match the backup' : ''}`);

  // Uploaded files: added to public/uploads (their names are unique hashes; none is removed).
  if (fs.existsSync(`${file}.uploads.tar`)) {
    const publicDir = path.resolve(__dirname, '..', 'public');
    execFileSync('tar', ['-C', publicDir, '-xf', `${file}.uploads.tar`]);
    console.log(`[restore] uploaded files restored into ${path.join(publicDir, 'uploads')}${manifest ? ` (${manifest.uploadedFiles} in the backup)` : ''}`);
  }

  if (fs.existsSync(`${file}.private-files.tar`)) {
    const privateDir = path.resolve(process.env.PRIVATE_FILES_DIR || path.join(__dirname, '..', 'private-files'));
    fs.mkdirSync(privateDir, { recursive: true, mode: 0o700 });
    execFileSync('tar', ['-C', privateDir, '-xf', `${file}.private-files.tar`]);
    console.log(`[restore] supporting documents restored into ${privateDir}`);
  }

  // 4. The application starts on it, and the key opens the personal data.
  await withStrapi(async (strapi) => {
    const row = await strapi.db.query('api::student.student').findOne({ where: { nationalIdCipher: { $notNull: true } }, select: ['studentNumber', 'nationalIdCipher'] });
    if (row) personalDataCipher().decrypt(row.nationalIdCipher);
    console.log(`[restore] the application starts on the restored data${row ? `, and decrypts personal data (student ${row.studentNumber})` : ''}`);
  });
});
