#!/usr/bin/env node
// @ts-check
/**
 * `npm run bench`: on a throwaway database beside DATABASE_URL's,
 * (BENCH_ONLY=admission|backup|list|approvals|excel|integrity|registration|archive runs that phase (after admission) only; BENCH_SECONDS shortens the list; BENCH_PROFILE=dir profiles the server:
 * the whole run, and each list's API load apart; `node bench/profile-summary.js <file>` sums them up)
 *  1. admission: 4 x 5,000 students through POST /api/students/admissions (students/s), the
 *     last two with an Idempotency-Key, and the last one replayed;
 *  1b. backup: `npm run backup` of the 20,000 students and `npm run restore` into a new database;
 *  2. list: 10 clients for 10 s on GET /api/students (page of 25, sorted by name, with total),
 *     unscoped with a full-access API token, and scoped as a department manager (a "staff" login
 *     with a manager membership of one bench department, JWT from POST /api/auth/local), each
 *     against the same SQL statements run through `pg` at the same concurrency; prints req/s, p50,
 *     p99 and the ratios scoped / unscoped and API / raw SQL;
 *  3. approvals: 1,000 status changes through the full important chain (bench/approvals.js);
 *  4. excel (BENCH_ONLY=excel only): export of 30,000 students and import of a 5,000-row sheet (bench/excel.js).
 *  5. integrity (BENCH_ONLY=integrity only): the batch check of 5,000 students with 50,000 records,
 *     and a confirmation and an appeal decision against a plain update (bench/integrity.js).
 *  6. registration (BENCH_ONLY=registration only): opening a semester for 30,000 students, one class
 *     of 45 reviewed in one batch call, the report over 30,000 rows (bench/registration.js).
 *  7. archive (BENCH_ONLY=archive only): the first archive's completeness list over 30,000 students
 *     with ~90,000 materials, and the archive office receiving 5,000 archives a batch (bench/archive.js).
 */
'use strict';

const path = require('node:path');
const { fork } = require('node:child_process');
const { Client, Pool } = require('pg');
const { runLoad } = require('./load');
const { benchApprovals } = require('./approvals');
const { benchExcel, printExcel } = require('./excel');
const { benchIntegrity, printIntegrity } = require('./integrity');
const { benchRegistration, printRegistration } = require('./registration');
const { benchArchive, printArchive } = require('./archive');

const ROOT = path.resolve(__dirname, '..');
const PORT = Number(process.env.BENCH_PORT || 1339);
const BASE = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const WORKERS = 10;
const LIST_PATH = '/api/students?sort=name:asc&pagination[page]=20&pagination[pageSize]=25';

/** @param {string} url @param {string} sql */
async function admin(url, sql) {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(sql);
  await client.end();
}

/** @param {string} token */
function api(token) {
  /** @param {string} method @param {string} route @param {unknown} [body] @param {Record<string, string>} [extra] headers */
  return async (method, route, body, extra = {}) => {
    const response = await fetch(BASE + route, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...extra },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json().catch(() => null);
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json).slice(0, 500)}`);
    return json;
  };
}

/** @param {ReturnType<typeof api>} call */
async function createClasses(call) {
  const classes = [];
  const departments = [];
  for (const d of [61, 62, 63, 64]) {
    const department = await call('POST', '/api/departments', { data: { name: `压测系部${d}`, code: String(d) } });
    departments.push(/** @type {string} */ (department.data.documentId));
    for (let m = 1; m <= 5; m += 1) {
      const major = await call('POST', '/api/majors', { data: { name: `压测专业${m}`, code: `0${m}`, department: department.data.documentId } });
      for (let c = 1; c <= 11; c += 1) {
        const sequence = String(c).padStart(2, '0');
        const created = await call('POST', '/api/school-classes', { data: { name: `压测${d}${m}班${sequence}`, enrollmentYear: 2025, sequence, major: major.data.documentId } });
        classes.push(created.data.documentId);
      }
    }
  }
  return { classes, departments };
}

/** @param {number} n */
function fakeStudent(n, /** @type {string} */ schoolClass) {
  const { composeNationalId } = require(path.join(ROOT, 'dist', 'src', 'domain', 'national-id'));
  const birth = new Date(Date.UTC(1950, 0, 1) + n * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const surname = '王李张刘陈杨黄赵吴周'[n % 10];
  const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平'[(n * 7) % 20];
  return { name: surname + given + (n % 97), nationalId: composeNationalId('430102', birth, n % 1000), phone: `138${String(n).padStart(8, '0')}`, homeAddress: `湖南省长沙市人民路${n}号`, schoolClass };
}

/** @param {ReturnType<typeof api>} call @param {string[]} classes */
async function benchAdmission(call, classes) {
  const results = [];
  let replaySeconds = 0;
  for (let batch = 0; batch < 4; batch += 1) {
    const rows = Array.from({ length: 5000 }, (_, i) => {
      const n = batch * 5000 + i;
      return fakeStudent(n, classes[Math.floor(n / 91)]);
    });
    // Batches 3 and 4 carry an Idempotency-Key (the answer is kept with the key); batch 4 is then sent again.
    const headers = batch >= 2 ? { 'Idempotency-Key': `bench-admission-${batch}-${Date.now()}` } : {};
    const started = performance.now();
    const response = await call('POST', '/api/students/admissions', { data: rows }, headers);
    const seconds = (performance.now() - started) / 1000;
    results.push({ batch: batch + 1, keyed: batch >= 2, students: response.meta.count, seconds, perSecond: response.meta.count / seconds });
    if (batch === 3) {
      const replayStarted = performance.now();
      const replay = await call('POST', '/api/students/admissions', { data: rows }, headers);
      replaySeconds = (performance.now() - replayStarted) / 1000;
      if (replay.meta.count !== response.meta.count) throw new Error('the replayed admission answered differently');
    }
  }
  return { batches: results, replaySeconds };
}

/**
 * `npm run backup` of the bench database (20,000 students) and `npm run restore` of it into a new
 * database, with the restore's checks; seconds each.
 * @param {string} url @param {string} runUrl
 */
async function benchBackup(url, runUrl) {
  const { execFileSync } = require('node:child_process');
  const fs = require('node:fs');
  const os = require('node:os');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-backup-'));
  const file = path.join(dir, 'bench.dump');
  const target = new URL(runUrl);
  target.pathname = `/bench_restore_${Date.now()}`;
  await admin(runUrl, `CREATE DATABASE "${target.pathname.slice(1)}"`);
  const timed = (/** @type {string} */ script, /** @type {string} */ databaseUrl) => {
    const started = performance.now();
    execFileSync(process.execPath, [path.join(ROOT, 'database', script), file], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, stdio: 'pipe' });
    return (performance.now() - started) / 1000;
  };
  try {
    const backup = timed('backup.js', url);
    const size = fs.statSync(file).size;
    const restore = timed('restore.js', target.toString());
    return { backup, restore, megabytes: size / 1024 / 1024 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await admin(runUrl, `DROP DATABASE IF EXISTS "${target.pathname.slice(1)}" WITH (FORCE)`);
  }
}

/** @param {import('node:child_process').ChildProcess} server @param {string} type */
const nextMessage = (server, type) => new Promise((resolve) => {
  const listener = (/** @type {any} */ message) => {
    if (message.type === type) {
      server.off('message', listener);
      resolve(message);
    }
  };
  server.on('message', listener);
});

/**
 * The list for one caller: API load, then the SQL statements the list ran (captured from one
 * request) through `pg`. `statements` touch the students table and run in parallel as Strapi runs
 * them; `others` are the rest of the request (authentication, the membership scope). With
 * BENCH_PROFILE the server writes a CPU profile of the API load as <dir>/list-<name>.cpuprofile.
 * @param {import('node:child_process').ChildProcess} server @param {string} name @param {string} authorization @param {Pool} pool
 */
async function benchList(server, name, authorization, pool) {
  const headers = { Authorization: authorization };
  const get = async () => {
    const response = await fetch(BASE + LIST_PATH, { headers });
    if (response.status !== 200) throw new Error(String(response.status));
    await response.arrayBuffer();
  };
  await runLoad({ workers: WORKERS, seconds: 2, task: get });
  server.send({ type: 'capture-start' });
  await nextMessage(server, 'capture-started');
  const sample = await fetch(BASE + LIST_PATH, { headers });
  const total = /** @type {number} */ ((await sample.json())?.meta?.pagination?.total);
  server.send({ type: 'capture-stop' });
  const { queries } = /** @type {{ queries: Array<{ sql: string, bindings: unknown[] }> }} */ (await nextMessage(server, 'captured'));
  const statements = queries.filter((q) => /from "students"/i.test(q.sql));
  const others = queries.filter((q) => !statements.includes(q));
  if (process.env.BENCH_PROFILE) {
    server.send({ type: 'profile-start' });
    await nextMessage(server, 'profile-started');
  }
  const apiFigures = await runLoad({ workers: WORKERS, seconds: SECONDS, task: get });
  if (process.env.BENCH_PROFILE) {
    server.send({ type: 'profile-stop', name: `list-${name}` });
    await nextMessage(server, 'profile-written');
  }
  const toPg = (/** @type {string} */ sql) => { let i = 0; return sql.replace(/\?/g, () => `$${++i}`); };
  const sqlTask = async () => {
    await Promise.all(statements.map((s) => pool.query(toPg(s.sql), /** @type {any[]} */ (s.bindings))));
  };
  await runLoad({ workers: WORKERS, seconds: 2, task: sqlTask });
  const sqlFigures = await runLoad({ workers: WORKERS, seconds: SECONDS, task: sqlTask });
  return { apiFigures, sqlFigures, statements, others, total };
}

/** @param {import('node:child_process').ChildProcess} server @param {object} message @param {string} reply */
async function staffLogin(server, message, reply) {
  server.send(message);
  const { identifier, password } = /** @type {{ identifier: string, password: string }} */ (await nextMessage(server, reply));
  const response = await fetch(`${BASE}/api/auth/local`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ identifier, password }) });
  const body = await response.json();
  if (!body?.jwt) throw new Error(`manager login: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return `Bearer ${body.jwt}`;
}

const ms = (/** @type {number} */ v) => `${v.toFixed(1)} ms`;
/** @param {string} label @param {{ perSecond: number, p50: number, p99: number, errors?: number }} f */
const row = (label, f) => `  ${label.padEnd(34)} ${f.perSecond.toFixed(0).padStart(6)} req/s  p50 ${ms(f.p50)}  p99 ${ms(f.p99)}${f.errors === undefined ? '' : `  errors ${f.errors}`}`;
const ratio = (/** @type {number} */ a, /** @type {number} */ b) => (a / b).toFixed(2);

async function main() {
  const runUrl = process.env.DATABASE_URL;
  if (!runUrl) throw new Error('run through `npm run bench`, which provides a database');
  const name = `bench_${Date.now()}`;
  await admin(runUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(runUrl);
  url.pathname = `/${name}`;
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: ROOT });
  const server = fork(path.join(__dirname, 'server.js'), {
    // BENCH_PROFILE=dir writes a CPU profile of the server (open it in Chrome's DevTools).
    execArgv: process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
    env: { ...process.env, DATABASE_URL: url.toString(), PORT: String(PORT), HOST: '127.0.0.1', SEED_ON_START: 'false', LOG_LEVEL: 'warn' },
  });
  try {
    const { token } = /** @type {{ token: string }} */ (await nextMessage(server, 'ready'));
    const call = api(token);
    const { classes, departments } = await createClasses(call);
    const { batches: admission, replaySeconds } = await benchAdmission(call, classes);
    console.log('\nAdmission: 5,000 students per request through POST /api/students/admissions');
    for (const r of admission) {
      console.log(`  batch ${r.batch}${r.keyed ? ' (Idempotency-Key)' : ''}: ${r.students} students in ${r.seconds.toFixed(2)} s = ${Math.round(r.perSecond)} students/s`);
    }
    console.log(`  batch 4 sent again with its key: first answer replayed in ${(replaySeconds * 1000).toFixed(0)} ms`);
    const slowest = Math.min(...admission.map((batch) => batch.perSecond));
    console.log(`  target >= 5000 students/s: slowest batch ${Math.round(slowest)}, ${slowest >= 5000 ? 'met' : 'NOT met'}`);
    if (process.env.BENCH_ONLY === 'admission') return;
    if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'backup') {
      const backup = await benchBackup(url.toString(), runUrl);
      console.log('\nBackup and restore drill of the bench database (20,000 students, npm run backup / restore)');
      console.log(`  backup ${backup.backup.toFixed(1)} s (${backup.megabytes.toFixed(1)} MiB); restore with its checks and an application start ${backup.restore.toFixed(1)} s`);
      if (process.env.BENCH_ONLY === 'backup') return;
    }
    const ask = async (/** @type {object} */ message, /** @type {string} */ reply) => {
      server.send(message);
      return nextMessage(server, reply);
    };
    if (process.env.BENCH_ONLY === 'integrity') {
      printIntegrity(await benchIntegrity({ base: BASE, ask, url: url.toString() }));
      return;
    }
    if (process.env.BENCH_ONLY === 'registration') {
      printRegistration(await benchRegistration({ base: BASE, call, ask, fakeStudent }));
      return;
    }
    if (process.env.BENCH_ONLY === 'archive') {
      printArchive(await benchArchive({ base: BASE, url: url.toString(), call, ask, fakeStudent }));
      return;
    }
    if (process.env.BENCH_ONLY === 'excel') {
      printExcel(await benchExcel({ base: BASE, call, token, ask, departments, serverPid: /** @type {number} */ (server.pid) }));
      return;
    }
    if (process.env.BENCH_ONLY !== 'approvals') await listPhase(server, departments, token, url);
    if (process.env.BENCH_ONLY === 'list') return;
    const approvals = await benchApprovals({ base: BASE, call, ask, departments });
    console.log('\nApprovals: 1,000 voluntary withdrawals through the important chain (4 decisions each), 10 clients');
    console.log(`  ${approvals.decisions} decisions in ${approvals.seconds.toFixed(1)} s = ${approvals.perSecond.toFixed(1)} decisions/s`);
    console.log(`  one client: final approval with its effect p50 ${ms(approvals.finalP50)}; plain student update p50 ${ms(approvals.updateP50)}`);
    console.log(`  ratio final approval / plain update = ${approvals.ratio.toFixed(2)} (target <= 2): ${approvals.ratio <= 2 ? 'met' : 'NOT met'}`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.on('exit', resolve));
    await admin(runUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

/**
 * @param {import('node:child_process').ChildProcess} server @param {string[]} departments @param {string} token @param {URL} url
 */
async function listPhase(server, departments, token, url) {
  const manager = await staffLogin(server, { type: 'create-manager', department: departments[0] }, 'manager-created');
  const academic = await staffLogin(server, { type: 'create-academic-affairs' }, 'academic-affairs-created');
  const pool = new Pool({ connectionString: url.toString(), max: WORKERS });
  const unscoped = await benchList(server, 'unscoped', `Bearer ${token}`, pool);
  const scoped = await benchList(server, 'scoped', manager, pool);
  await pool.end();
  console.log(`\nList: ${WORKERS} clients x ${SECONDS} s, GET ${LIST_PATH} (total count included)`);
  console.log(row(`unscoped, API token (${unscoped.total})`, unscoped.apiFigures));
  console.log(row(`scoped, dept. manager (${scoped.total})`, scoped.apiFigures));
  console.log(row('raw SQL, unscoped list', unscoped.sqlFigures));
  console.log(row('raw SQL, scoped list', scoped.sqlFigures));
  console.log(`  ratio scoped / unscoped API = ${ratio(scoped.apiFigures.perSecond, unscoped.apiFigures.perSecond)} (target >= 0.9)`);
  console.log(`  ratio API / raw SQL: unscoped ${ratio(unscoped.apiFigures.perSecond, unscoped.sqlFigures.perSecond)} (target >= 0.8), scoped ${ratio(scoped.apiFigures.perSecond, scoped.sqlFigures.perSecond)}`);
  console.log(`  (raw SQL: the statements on "students" of one request, run in parallel as Strapi does)`);
  for (const [label, run] of /** @type {const} */ ([['unscoped', unscoped], ['scoped', scoped]])) {
    for (const s of run.statements) console.log(`  SQL ${label}: ${s.sql}`);
    for (const s of run.others) console.log(`  SQL ${label}, rest of the request: ${s.sql}`);
  }
  if (process.env.BENCH_VANILLA !== '0') await sideBySide(url, { token: `Bearer ${token}`, academic, manager });
}

const SHARED_BENCH = path.join(ROOT, '..', 'shared', 'bench');
const VANILLA_PORT = Number(process.env.BENCH_VANILLA_PORT || 1406);

/**
 * Issue 13's yardstick: the same list on vanilla Strapi 5.54 (one student type, no custom code,
 * 20,000 students, full-access API token; ../shared/bench/vanilla.sh starts it on a database of
 * its own) and on the project as each caller, interleaved round by round by
 * ../shared/bench/compare.mjs, which prints each one's req/s and ratio to vanilla.
 * BENCH_VANILLA=0 skips it; BENCH_CLIENTS=10,50,100 sets the concurrencies (default 10).
 * @param {URL} url the project's bench database @param {{ token: string, academic: string, manager: string }} callers
 */
async function sideBySide(url, callers) {
  const fs = require('node:fs');
  const { execFileSync, spawnSync } = require('node:child_process');
  if (!fs.existsSync(path.join(SHARED_BENCH, 'vanilla.sh'))) {
    console.log(`\nSide by side with vanilla Strapi: skipped (${SHARED_BENCH} is not there)`);
    return;
  }
  const vanillaUrl = new URL(url.toString());
  vanillaUrl.pathname = `/vanilla_${Date.now()}`;
  await admin(url.toString(), `CREATE DATABASE "${vanillaUrl.pathname.slice(1)}"`);
  let folder = '';
  try {
    const started = spawnSync('bash', [path.join(SHARED_BENCH, 'vanilla.sh'), vanillaUrl.toString(), String(VANILLA_PORT), '20000'], { cwd: ROOT, encoding: 'utf8' });
    folder = /baseline in (\S+)/.exec(started.stderr ?? '')?.[1] ?? '';
    if (started.status !== 0) throw new Error(`vanilla Strapi did not start: ${started.stderr}`);
    const vanillaToken = started.stdout.trim().split('\n').pop();
    const list = (/** @type {string} */ base) => `${base}${LIST_PATH}`;
    const bare = (/** @type {string} */ authorization) => authorization.replace(/^Bearer /, '');
    const targets = [
      `vanilla-token=${list(`http://127.0.0.1:${VANILLA_PORT}`)}|${vanillaToken}`,
      `project-token=${list(BASE)}|${bare(callers.token)}`,
      `project-academic-affairs-jwt=${list(BASE)}|${bare(callers.academic)}`,
      `project-dept-manager-jwt=${list(BASE)}|${bare(callers.manager)}`,
    ];
    for (const clients of (process.env.BENCH_CLIENTS || '10').split(',').map(Number)) {
      console.log(`\nSide by side with vanilla Strapi 5.54 (${clients} clients, ${SECONDS} s x 3 rounds, interleaved; ratios to vanilla-token)`);
      const output = execFileSync(process.execPath, [path.join(SHARED_BENCH, 'compare.mjs'), '--workers', String(clients), '--seconds', String(SECONDS), '--rounds', '3', ...targets], { encoding: 'utf8' });
      console.log(output);
      console.log(verdict(output));
    }
  } finally {
    if (folder && fs.existsSync(path.join(folder, 'pid'))) {
      try { process.kill(Number(fs.readFileSync(path.join(folder, 'pid'), 'utf8'))); } catch { /* gone already */ }
      await new Promise((resolve) => setTimeout(resolve, 2000));
      fs.rmSync(folder, { recursive: true, force: true });
    }
    await admin(url.toString(), `DROP DATABASE IF EXISTS "${vanillaUrl.pathname.slice(1)}" WITH (FORCE)`);
  }
}

/**
 * Issue 13's targets read from one compare.mjs run: each staff JWT at least 1.3x vanilla and no
 * slower than the project's own API token, and no errors.
 * @param {string} output
 */
function verdict(output) {
  /** @type {Record<string, { rate: number, ratio: number, errors: number }>} */
  const rows = {};
  for (const line of output.split('\n')) {
    const match = /^(\S+)\s+([\d.]+) req\/s.*x([\d.]+) of \S+\s+errors (\d+)/.exec(line.trim());
    if (match) rows[match[1]] = { rate: Number(match[2]), ratio: Number(match[3]), errors: Number(match[4]) };
  }
  const token = rows['project-token'];
  const jwts = ['project-academic-affairs-jwt', 'project-dept-manager-jwt'].map((name) => rows[name]);
  if (!token || jwts.some((row) => !row)) return '  targets: could not read the comparison';
  const fast = jwts.every((row) => row.ratio >= 1.3);
  const notSlower = jwts.every((row) => row.rate >= token.rate);
  const errors = Object.values(rows).reduce((sum, row) => sum + row.errors, 0);
  const said = (/** @type {boolean} */ ok) => (ok ? 'met' : 'NOT met');
  return `  targets: staff JWTs >= 1.3x vanilla ${said(fast)}; no slower than the project's API token ${said(notSlower)}; errors ${errors}`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
