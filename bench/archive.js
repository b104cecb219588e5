// @ts-check
/**
 * The student archive bench (issue 17), run by `npm run bench:archive` (BENCH_ONLY=archive) after
 * the admission phase's 20,000 students:
 *  1. admits 10,000 more (two more departments, 5,000 a request): 30,000 students, each with the
 *     archive the database made with them;
 *  2. set-based SQL gives the archives a spread of enrolment days and files 0 to 6 of the six
 *     required kinds into each (~90,000 materials, their links in one insert each: the database
 *     judges every archive's state in the statement that links the kinds);
 *  3. the completeness list (GET /api/student-archives/completeness, first page of 25 with the
 *     total, and the whole list as .xlsx) as academic affairs over all 30,000 and as one
 *     department's manager: 1 warm-up and BENCH_ARCHIVE_RUNS runs (7), median (target < 2 s);
 *  4. the archive office receives 5,000 archives in one batch (POST /api/student-archives/custody),
 *     3 batches of different archives, median;
 *  5. a 2 MB PDF filed, then read through the scoped file endpoint against the same file served
 *     statically from public/ (target: within 1.5x).
 */
'use strict';

const { admitCohort, caller, median, signIn: signInAt, timed } = require('./cohort');
const { Client } = require('pg');

const RUNS = Number(process.env.BENCH_ARCHIVE_RUNS || 7);
const BATCH = 5000;

/**
 * Every archive an enrolment day (five different ones over two school years) and, by its id, 0 to 6
 * of the required kinds filed (each kind's material linked to its archive and kind, set-based).
 * @param {string} url
 */
async function fileMaterials(url) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`UPDATE student_archives SET enrolled_on = CASE id % 5 WHEN 0 THEN date '2025-09-01' WHEN 1 THEN date '2025-09-08'
                                                                     WHEN 2 THEN date '2026-09-01' WHEN 3 THEN date '2026-09-07' ELSE NULL END`);
    const started = performance.now();
    await db.query('BEGIN');
    const made = await db.query(
      `WITH kinds AS (SELECT id, name, category, row_number() OVER (ORDER BY position, id) AS n FROM material_kinds WHERE required_for_first_archive AND active)
       INSERT INTO archive_materials (document_id, category, title, material_date, checked_against_original, superseded, archive_key, created_at, updated_at, published_at)
       SELECT 'b' || substr(md5(a.id::text || '-' || k.id::text), 1, 23), k.category, k.name, coalesce(a.enrolled_on, date '2025-09-01') + 3, true, false, a.id, now(), now(), now()
         FROM student_archives a JOIN kinds k ON k.n <= a.id % 7`,
    );
    await db.query(`INSERT INTO archive_materials_archive_lnk (archive_material_id, student_archive_id)
                    SELECT id, archive_key FROM archive_materials WHERE document_id LIKE 'b%'`);
    await db.query(`INSERT INTO archive_materials_kind_lnk (archive_material_id, material_kind_id)
                    SELECT m.id, k.id FROM archive_materials m JOIN material_kinds k ON k.name = m.title WHERE m.document_id LIKE 'b%'`);
    await db.query('COMMIT');
    const seconds = (performance.now() - started) / 1000;
    const { rows } = await db.query(`SELECT count(*)::int AS archives, count(*) FILTER (WHERE state = 'complete')::int AS complete FROM student_archives`);
    return { materials: made.rowCount ?? 0, seconds, ...rows[0] };
  } finally {
    await db.end();
  }
}

/** Archives still with their departments, for the custody batches. @param {string} url @param {number} count */
async function departmentArchives(url, count) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT document_id FROM student_archives WHERE custody = 'department' ORDER BY id LIMIT $1`, [count]);
    return rows.map((/** @type {{ document_id: string }} */ r) => r.document_id);
  } finally {
    await db.end();
  }
}

/**
 * @param {{ base: string, url: string, call: (method: string, route: string, body?: unknown) => Promise<any>, ask: (message: object, reply: string) => Promise<any>, fakeStudent: (n: number, schoolClass: string) => object }} ctx
 */
async function benchArchive({ base, url, call, ask, fakeStudent }) {
  const as = (/** @type {string} */ authorization) => caller(base, authorization);
  const signIn = (/** @type {{ identifier: string, password: string }} */ login) => signInAt(base, login);

  // 1. 10,000 more students in two departments of their own (91 a class).
  const { classes, departments } = await admitCohort({ call, fakeStudent }, { label: '档案压测', region: '430104' });

  // 2. Enrolment days and materials, set-based.
  const filed = await fileMaterials(url);
  if (filed.archives < 30000) throw new Error(`${filed.archives} archives, expected 30,000`);

  // 3. The completeness list, for the school and for one department.
  const academic = as(await signIn(await ask({ type: 'create-academic-affairs' }, 'academic-affairs-created')));
  const manager = as(await signIn(await ask({ type: 'create-manager', department: departments[0] }, 'manager-created')));
  /** @param {(method: string, route: string) => Promise<any>} who @param {string} query @param {number} runs */
  const listRuns = async (who, query, runs = RUNS) => {
    /** @type {number[]} */
    const times = [];
    let answer = null;
    for (let run = 0; run <= runs; run += 1) {
      const { ms, result } = await timed(() => who('GET', `/api/student-archives/completeness?${query}`));
      answer = result;
      if (run > 0) times.push(ms);
    }
    return { medianMs: median(times), runs: times.length, answer };
  };
  const school = await listRuns(academic, 'pagination[pageSize]=25');
  const overdue = await listRuns(academic, 'overdue=true&pagination[pageSize]=25');
  const department = await listRuns(manager, 'pagination[pageSize]=25');
  const sheet = await listRuns(academic, 'format=xlsx', 3);

  // 4. The archive office receives 5,000 archives at a time.
  const officeAuth = await signIn(await ask({ type: 'create-archive-office' }, 'archive-office-created'));
  const office = as(officeAuth);
  const waiting = await departmentArchives(url, 3 * BATCH);
  /** @type {number[]} */
  const moves = [];
  for (let b = 0; b < 3; b += 1) {
    const { ms, result } = await timed(() => office('POST', '/api/student-archives/custody', { archives: waiting.slice(b * BATCH, (b + 1) * BATCH) }));
    if (/** @type {any} */ (result).data.moved !== BATCH) throw new Error(`a batch moved ${/** @type {any} */ (result).data.moved}`);
    moves.push(ms);
  }
  // 5. A 2 MB PDF filed through the upload, then read back through the scoped endpoint (scope,
  // access register, stream) against the same bytes served statically from public/.
  const stream = await fileStream(base, url, officeAuth, waiting[0]);
  return {
    filed,
    stream,
    school: { medianMs: school.medianMs, runs: school.runs, total: school.answer.meta.pagination.total },
    overdue: { medianMs: overdue.medianMs, runs: overdue.runs, total: overdue.answer.meta.pagination.total },
    department: { medianMs: department.medianMs, runs: department.runs, total: department.answer.meta.pagination.total },
    sheet: { medianMs: sheet.medianMs, runs: sheet.runs, megabytes: /** @type {Buffer} */ (sheet.answer).length / 1024 / 1024 },
    custody: { medianMs: median(moves), runs: moves.length, each: moves },
  };
}

const STREAM_RUNS = Number(process.env.BENCH_STREAM_RUNS || 30);

/**
 * Files a 2 MB PDF into `archive` as the archive office (timed), then reads it STREAM_RUNS times
 * through GET /api/archive-materials/:id/files/:fileId and as many times from public/ (the static
 * server Strapi runs for public/), the two interleaved; medians and their ratio.
 * @param {string} base @param {string} url @param {string} authorization @param {string} archive
 */
async function fileStream(base, url, authorization, archive) {
  const fs = require('node:fs');
  const path = require('node:path');
  const crypto = require('node:crypto');
  const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(2 * 1024 * 1024 - 16), Buffer.from('\n%%EOF\n')]);
  const db = new Client({ connectionString: url });
  await db.connect();
  const kind = (await db.query("SELECT document_id FROM material_kinds WHERE name = '身份证复印件'")).rows[0].document_id;
  await db.end();
  const form = new FormData();
  form.append('kind', kind);
  form.append('materialDate', '2025-09-01');
  form.append('files', new Blob([bytes], { type: 'application/pdf' }), '身份证.pdf');
  const upload = await timed(async () => {
    const response = await fetch(`${base}/api/student-archives/${archive}/materials`, { method: 'POST', headers: { Authorization: authorization }, body: form });
    if (response.status !== 201) throw new Error(`upload: ${response.status} ${await response.text()}`);
    return response.json();
  });
  const filed = /** @type {any} */ (upload.result).data;
  const staticName = `bench-stream-${Date.now()}.pdf`;
  const staticPath = path.join(__dirname, '..', 'public', staticName);
  fs.writeFileSync(staticPath, bytes);
  /** @param {string} route @param {Record<string, string>} headers */
  const read = async (route, headers) => {
    const { ms, result } = await timed(async () => {
      const response = await fetch(base + route, { headers });
      if (!response.ok) throw new Error(`GET ${route}: ${response.status}`);
      return Buffer.from(await response.arrayBuffer());
    });
    if (!/** @type {Buffer} */ (result).equals(bytes)) throw new Error(`GET ${route}: not the bytes filed`);
    return ms;
  };
  /** @type {number[]} */
  const scoped = [];
  /** @type {number[]} */
  const plain = [];
  try {
    for (let run = 0; run <= STREAM_RUNS; run += 1) {
      const a = await read(`/api/archive-materials/${filed.documentId}/files/${filed.files[0].id}`, { Authorization: authorization });
      const b = await read(`/${staticName}`, {});
      if (run > 0) scoped.push(a), plain.push(b);
    }
  } finally {
    fs.rmSync(staticPath, { force: true });
  }
  return { uploadMs: upload.ms, scopedMs: median(scoped), staticMs: median(plain), runs: scoped.length, ratio: median(scoped) / median(plain) };
}

/** @param {Awaited<ReturnType<typeof benchArchive>>} r */
function printArchive(r) {
  const ms = (/** @type {number} */ v) => `${v.toFixed(1)} ms`;
  const met = (/** @type {boolean} */ ok) => (ok ? 'met' : 'NOT met');
  console.log(`\nStudent archive: ${r.filed.archives} archives, ${r.filed.materials} materials filed set-based in ${r.filed.seconds.toFixed(1)} s (states judged by the database: ${r.filed.complete} complete)`);
  console.log(`  GET /api/student-archives/completeness, academic affairs (${r.school.total} rows, page of 25): median of ${r.school.runs} ${ms(r.school.medianMs)}; target < 2 s: ${met(r.school.medianMs < 2000)}`);
  console.log(`  the same, ?overdue=true (${r.overdue.total} rows): median of ${r.overdue.runs} ${ms(r.overdue.medianMs)}`);
  console.log(`  the same, one department's manager (${r.department.total} rows in scope): median of ${r.department.runs} ${ms(r.department.medianMs)}`);
  console.log(`  ?format=xlsx, the whole list (${r.sheet.megabytes.toFixed(1)} MiB): median of ${r.sheet.runs} ${ms(r.sheet.medianMs)}`);
  console.log(`  a 2 MB PDF: upload ${ms(r.stream.uploadMs)}; read through the scoped endpoint (registered) median of ${r.stream.runs} ${ms(r.stream.scopedMs)}, served statically ${ms(r.stream.staticMs)}: ${r.stream.ratio.toFixed(2)}x; target within 1.5x: ${met(r.stream.ratio <= 1.5)}`);
  console.log(`  POST /api/student-archives/custody, ${BATCH} archives a batch, archive office: median of ${r.custody.runs} ${ms(r.custody.medianMs)} (${r.custody.each.map((v) => v.toFixed(0)).join(', ')} ms)`);
}

module.exports = { benchArchive, printArchive };
