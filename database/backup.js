#!/usr/bin/env node
// @ts-check
/**
 * `npm run backup [-- <file>] [-- --with-secrets]`: a `pg_dump -Fc` of the database
 * (DATABASE_URL, or the embedded one), taken while the servers run (pg_dump reads one consistent
 * snapshot), and beside it `<file>.json`: what the restore is checked against (row counts, a hash
 * of the student numbers) and the check value of the data key the personal data needs.
 *
 * The dump alone is not a backup: national IDs, phones and addresses in it are encrypted with
 * DATA_ENCRYPTION_KEY. Keep the key (and the other secrets) with the dump, apart from it.
 * `--with-secrets` copies `.tmp/secrets.json` (development's secrets) to `<file>.secrets.json`.
 * Files uploaded to `public/uploads` (the local upload provider) go to `<file>.uploads.tar`, and
 * requests' supporting documents (PRIVATE_FILES_DIR) to `<file>.private-files.tar`.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { requireTool, withClient, serverMajorVersion, databaseFingerprint, runTool } = require('./pg-tools');
const { run } = require('./with-strapi');

const ROOT = path.resolve(__dirname, '..');
const DATA_KEY_CHECK_ROW = 'core_student-records_data-key-check';
const UPLOADS = path.join(ROOT, 'public', 'uploads');
/** Requests' supporting documents, kept outside public/ (src/services/private-files.ts). */
const PRIVATE_FILES = path.resolve(process.env.PRIVATE_FILES_DIR || path.join(ROOT, 'private-files'));

/** Files the local upload provider keeps (supporting documents of requests), without the placeholder. */
function uploadedFiles() {
  if (!fs.existsSync(UPLOADS)) return [];
  return fs.readdirSync(UPLOADS, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && entry.name !== '.gitkeep');
}

/** `backups/student-records-20261130-161500Z.dump` */
function defaultFile() {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\.\d+Z$/, 'Z');
  return path.join(ROOT, 'backups', `student-records-${stamp}.dump`);
}

/** @param {import('pg').Client} client */
async function storedKeyCheck(client) {
  const { rows: exists } = await client.query("SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'strapi_core_store_settings'");
  if (exists.length === 0) return null;
  const { rows } = await client.query('SELECT value FROM strapi_core_store_settings WHERE key = $1', [DATA_KEY_CHECK_ROW]);
  return rows[0] ? JSON.parse(rows[0].value) : null;
}

run(async () => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (run this as `npm run backup`)');
  const args = process.argv.slice(2);
  const withSecrets = args.includes('--with-secrets');
  const file = path.resolve(args.find((arg) => !arg.startsWith('--')) ?? defaultFile());
  fs.mkdirSync(path.dirname(file), { recursive: true });

  // The dump and the counts the restore is checked against are read from one snapshot, so they
  // agree while the servers go on writing.
  const facts = await withClient(url, async (client) => {
    const serverMajor = await serverMajorVersion(client);
    const dump = requireTool('pg_dump', serverMajor);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query('SELECT pg_export_snapshot() AS snapshot');
    await runTool(dump.tool, ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${rows[0].snapshot}`, `--file=${file}`], url);
    const fingerprint = await databaseFingerprint(client);
    const keyCheck = await storedKeyCheck(client);
    await client.query('COMMIT');
    return { serverMajor, dump, keyCheck, fingerprint };
  });
  const manifest = {
    format: 'student-records-backup/1',
    createdAt: new Date().toISOString(),
    dump: path.basename(file),
    serverMajorVersion: facts.serverMajor,
    pgDumpMajorVersion: facts.dump.major,
    dataKeyCheck: facts.keyCheck,
    uploadedFiles: uploadedFiles().length,
    ...facts.fingerprint,
  };
  fs.writeFileSync(`${file}.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  const written = [file, `${file}.json`];
  // Uploaded files live beside the database (the local provider): they go in the backup too.
  const uploads = uploadedFiles().length;
  if (uploads > 0) {
    execFileSync('tar', ['-C', path.dirname(UPLOADS), '-cf', `${file}.uploads.tar`, path.basename(UPLOADS)]);
    written.push(`${file}.uploads.tar`);
  }
  if (fs.existsSync(PRIVATE_FILES) && fs.readdirSync(PRIVATE_FILES).length > 0) {
    execFileSync('tar', ['-C', PRIVATE_FILES, '-cf', `${file}.private-files.tar`, '.']);
    written.push(`${file}.private-files.tar`);
  }
  if (withSecrets) {
    const secrets = path.join(ROOT, '.tmp', 'secrets.json');
    if (!fs.existsSync(secrets)) throw new Error(`--with-secrets: ${secrets} does not exist (the secrets come from the environment here: keep them yourself)`);
    fs.copyFileSync(secrets, `${file}.secrets.json`);
    fs.chmodSync(`${file}.secrets.json`, 0o600);
    written.push(`${file}.secrets.json`);
  }
  const size = fs.statSync(file).size;
  console.log(`[backup] wrote ${written.join(', ')} (${(size / 1024 / 1024).toFixed(1)} MiB; ${manifest.rowCounts.students ?? 0} students)`);
  if (!withSecrets) {
    console.log(
      `[backup] personal data in the dump is encrypted: keep DATA_ENCRYPTION_KEY (check value ${facts.keyCheck ?? 'not recorded yet'}) ` +
        'and the other secrets with this backup, stored apart from it. Without the key the data cannot be read.',
    );
  }
});
