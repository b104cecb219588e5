/**
 * The restore drill: `npm run backup` then `npm run restore` into a fresh database gives the same
 * rows (every table's count, the student numbers' hash) and personal data the key still opens; a
 * restore with the wrong key, into a database in use, or of a backup that does not match what was
 * restored is refused; a pg_dump older than the server is refused by name.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createClassTree, fakeNationalId, studentInput } from '../factories';
import { createStaff, type StaffActor } from '../factories/actors';
import { startServerProcess } from '../helpers/processes';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';
import { personalDataCipher } from '../../src/services/personal-data';

let app: TestApp;
let sourceUrl: string;
let workDir: string;
let dump: string;
let manager: StaffActor;
let admittedIds: string[];
const nationalIds = [fakeNationalId(), fakeNationalId({ gender: 'female' }), fakeNationalId()];

interface Outcome {
  code: number;
  output: string;
}

/** Runs a command script as `npm run backup|restore` runs it, with DATABASE_URL set. */
function script(name: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'database', `${name}.js`), ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}\n${stderr}` });
    });
  });
}

function databaseUrl(name: string): string {
  const url = new URL(sourceUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function sql<T = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A new empty database on the same server; dropped after the file. */
const created: string[] = [];
async function emptyDatabase(): Promise<string> {
  const name = `${new URL(sourceUrl).pathname.slice(1)}_r${Math.random().toString(36).slice(2, 7)}`;
  await sql(sourceUrl, `CREATE DATABASE "${name}"`);
  created.push(name);
  return databaseUrl(name);
}

const studentNumbersHash = async (url: string) =>
  (await sql<{ h: string }>(url, "SELECT md5(string_agg(student_number, ',' ORDER BY student_number)) AS h FROM students"))[0].h;
const tableCount = async (url: string) => (await sql<{ n: number }>(url, "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"))[0].n;

beforeAll(async () => {
  app = await startStrapi({ freshDatabase: true });
  sourceUrl = app.strapi.config.get('database.connection.connection.connectionString') as string;
  const tree = await createClassTree(app.strapi);
  const admitted = await app.http
    .post('/api/students/admissions')
    .set('Authorization', app.auth)
    .send({ data: nationalIds.map((nationalId, i) => studentInput(tree.schoolClass.documentId, { name: `备份学生${i}`, nationalId })) });
  expect(admitted.status).toBe(201);
  admittedIds = admitted.body.data.map((s: { documentId: string }) => s.documentId);
  // A department manager, whose login will reveal a national ID on the restored database
  manager = await createStaff(app, { adminRole: 'department-manager', department: tree.department.documentId });
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-drill-'));
  dump = path.join(workDir, 'drill.dump');
  const backup = await script('backup', [dump], { DATABASE_URL: sourceUrl });
  expect(backup).toMatchObject({ code: 0 });
});

afterAll(async () => {
  await app.stop();
  for (const name of created) await sql(databaseUrl('postgres'), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  fs.rmSync(workDir, { recursive: true, force: true });
});

test('the backup writes the dump and a manifest with the counts, the hash and the data key check value', () => {
  expect(fs.statSync(dump).size).toBeGreaterThan(0);
  const manifest = JSON.parse(fs.readFileSync(`${dump}.json`, 'utf8'));
  expect(manifest.rowCounts.students).toBe(3);
  expect(manifest.studentNumbersSha256).toMatch(/^[0-9a-f]{64}$/);
  expect(manifest.dataKeyCheck).toBe(personalDataCipher().keyCheck());
  // The manifest names no key, only its check value
  expect(JSON.stringify(manifest)).not.toContain(process.env.DATA_ENCRYPTION_KEY ?? JSON.parse(fs.readFileSync(path.join(ROOT, '.tmp', 'secrets.json'), 'utf8')).DATA_ENCRYPTION_KEY);
});

test('restored into a fresh database: same tables and rows, same student numbers, and the national IDs read back', async () => {
  const target = await emptyDatabase();
  const restore = await script('restore', [dump], { DATABASE_URL: target });
  expect(restore.code).toBe(0);
  expect(restore.output).toMatch(/row counts and student numbers match the backup/);
  expect(restore.output).toMatch(/decrypts personal data/);
  expect(await studentNumbersHash(target)).toBe(await studentNumbersHash(sourceUrl));
  const rows = await sql<{ national_id_cipher: string }>(target, 'SELECT national_id_cipher FROM students ORDER BY student_number');
  expect(rows.map((row) => personalDataCipher().decrypt(row.national_id_cipher)).sort()).toEqual([...nationalIds].sort());
  // And a server on the restored database reveals a national ID to the manager who could before
  const server = await startServerProcess(47000 + Math.floor(Math.random() * 2000), { DATABASE_URL: target });
  try {
    const revealed = await server.http
      .post(`/api/students/${admittedIds[1]}/reveal`)
      .set('Authorization', manager.api)
      .send({ fields: ['nationalId'], reason: '恢复演练：核对恢复后的学籍信息' });
    expect(revealed.status).toBe(200);
    expect(revealed.body.data.nationalId).toBe(nationalIds[1]);
  } finally {
    await server.stop();
  }
});

test('with another DATA_ENCRYPTION_KEY the restore is refused before the database is touched', async () => {
  const target = await emptyDatabase();
  const restore = await script('restore', [dump], { DATABASE_URL: target, DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
  expect(restore.code).toBe(2);
  expect(restore.output).toMatch(/DATA_ENCRYPTION_KEY is not the key of this backup/);
  expect(await tableCount(target)).toBe(0);
});

test('into a database that is not empty, the restore is refused without --force, and nothing changes', async () => {
  const before = await studentNumbersHash(sourceUrl);
  const restore = await script('restore', [dump], { DATABASE_URL: sourceUrl });
  expect(restore.code).toBe(2);
  expect(restore.output).toMatch(/is not empty .* --force/);
  expect(await studentNumbersHash(sourceUrl)).toBe(before);
});

test('--force replaces what the database holds with the backup', async () => {
  const target = await emptyDatabase();
  expect((await script('restore', [dump], { DATABASE_URL: target })).code).toBe(0);
  await sql(target, "UPDATE students SET student_number = '209999999999' WHERE id = (SELECT min(id) FROM students)");
  const again = await script('restore', [dump, '--force'], { DATABASE_URL: target });
  expect(again.code).toBe(0);
  expect(await studentNumbersHash(target)).toBe(await studentNumbersHash(sourceUrl));
});

test('a restore that does not give back what the backup counted fails, naming the difference', async () => {
  const tampered = path.join(workDir, 'tampered.dump');
  fs.copyFileSync(dump, tampered);
  const manifest = JSON.parse(fs.readFileSync(`${dump}.json`, 'utf8'));
  fs.writeFileSync(`${tampered}.json`, JSON.stringify({ ...manifest, rowCounts: { ...manifest.rowCounts, students: 4 } }));
  const restore = await script('restore', [tampered], { DATABASE_URL: await emptyDatabase() });
  expect(restore.code).toBe(1);
  expect(restore.output).toMatch(/students: 4 in the backup, 3 restored/);
});

test('a pg_dump older than the server is refused, naming the setting, and no dump is written', async () => {
  const fake = path.join(workDir, 'old-pg_dump');
  fs.writeFileSync(fake, '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n', { mode: 0o755 });
  const target = path.join(workDir, 'old.dump');
  const backup = await script('backup', [target], { DATABASE_URL: sourceUrl, PG_DUMP: fake });
  expect(backup.code).toBe(1);
  expect(backup.output).toMatch(/PostgreSQL 9, older than the server .* PG_DUMP/);
  expect(fs.existsSync(target)).toBe(false);
});
