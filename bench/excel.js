// @ts-check
/**
 * The Excel bench (issue 14), run by `BENCH_ONLY=excel npm run bench` after the admission phase's
 * 20,000 students: admits 10,000 more (30,000 in all), then
 *  1. exports all 30,000 through GET /api/students/export (API token, masked) and through the
 *     admin's GET /student-records/excel/export/api::student.student as academic affairs with
 *     every protected field revealed (decrypted) and a reason: seconds each, and the server's RSS
 *     before and at its peak during the download (sampled from /proc every 20 ms); targets < 10 s
 *     and < 300 MB extra;
 *  2. imports a 5,000-row sheet filled from the admission template through the admin's
 *     POST /student-records/excel/admissions/import: seconds (target < 5 s).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const ExcelJS = require('exceljs');

const ROOT = path.resolve(__dirname, '..');

/** The server's resident set in MB, from /proc (Linux). @param {number} pid */
function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** A valid national ID for bench student `n` of region `region` (birth dates spread over 1960-2005). */
function nationalId(/** @type {string} */ region, /** @type {number} */ n) {
  const { composeNationalId } = require(path.join(ROOT, 'dist', 'src', 'domain', 'national-id'));
  const birth = new Date(Date.UTC(1960, 0, 1) + (n % 16000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return composeNationalId(region, birth, Math.floor(n / 16000) * 100 + (n % 100));
}

/** Departments of 5 majors x 11 classes each; class names and documentIds. @param {(m: string, r: string, b?: unknown) => Promise<any>} call @param {number[]} codes */
async function createClasses(call, codes) {
  /** @type {Array<{ documentId: string, name: string }>} */
  const classes = [];
  for (const d of codes) {
    const department = await call('POST', '/api/departments', { data: { name: `导出压测系部${d}`, code: String(d) } });
    for (let m = 1; m <= 5; m += 1) {
      const major = await call('POST', '/api/majors', { data: { name: `导出压测专业${m}`, code: `0${m}`, department: department.data.documentId } });
      for (let c = 1; c <= 11; c += 1) {
        const sequence = String(c).padStart(2, '0');
        const name = `导出压测${d}${m}班${sequence}`;
        const created = await call('POST', '/api/school-classes', { data: { name, enrollmentYear: 2025, sequence, major: major.data.documentId } });
        classes.push({ documentId: created.data.documentId, name });
      }
    }
  }
  return classes;
}

/** Downloads `url`, sampling the server's RSS meanwhile. @param {string} url @param {Record<string, string>} headers @param {number} pid */
async function timedDownload(url, headers, pid) {
  const before = rssMb(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
  const started = performance.now();
  const response = await fetch(url, { headers });
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  const body = Buffer.from(await response.arrayBuffer());
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, rssMb(pid));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(/** @type {any} */ (body));
  return { seconds, before, peak, megabytes: body.length / 1024 / 1024, rows: workbook.worksheets[0].rowCount - 1 };
}

/** The template filled with `count` new students spread over `classes`. @param {Buffer} template */
async function filledTemplate(template, /** @type {Array<{ name: string }>} */ classes, /** @type {number} */ count) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(/** @type {any} */ (template));
  const sheet = /** @type {import('exceljs').Worksheet} */ (workbook.getWorksheet('新生名单'));
  const headers = /** @type {string[]} */ ((/** @type {unknown[]} */ (sheet.getRow(1).values)).slice(1).map(String));
  const column = (/** @type {string} */ header) => headers.indexOf(header) + 1;
  for (let i = 0; i < count; i += 1) {
    const row = sheet.getRow(i + 2);
    row.getCell(column('姓名')).value = `导入学生${i}`;
    row.getCell(column('身份证号码')).value = nationalId('430104', i);
    row.getCell(column('联系电话')).value = `137${String(i).padStart(8, '0')}`;
    row.getCell(column('家庭住址')).value = `湖南省长沙市导入路${i}号`;
    row.getCell(column('班级')).value = classes[Math.floor(i / 91)].name;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * @param {{ base: string, call: (method: string, route: string, body?: unknown, headers?: Record<string, string>) => Promise<any>, token: string, ask: (message: object, reply: string) => Promise<any>, departments: string[], serverPid: number }} ctx
 */
async function benchExcel({ base, call, token, ask, departments, serverPid }) {
  const classes = await createClasses(call, [65, 66, 67]);
  const exportClasses = classes.slice(0, 110);
  for (let batch = 0; batch < 2; batch += 1) {
    const rows = Array.from({ length: 5000 }, (_, i) => {
      const n = batch * 5000 + i;
      return { name: `导出学生${n}`, nationalId: nationalId('430103', n), phone: `136${String(n).padStart(8, '0')}`, homeAddress: `湖南省长沙市导出路${n}号`, schoolClass: exportClasses[Math.floor(n / 91)].documentId };
    });
    await call('POST', '/api/students/admissions', { data: rows });
  }
  const total = (await call('GET', '/api/students?pagination[pageSize]=1')).meta.pagination.total;
  const masked = await timedDownload(`${base}/api/students/export?sort=studentNumber:asc`, { Authorization: `Bearer ${token}` }, serverPid);
  // A person of academic affairs (reveal permission) on the admin door.
  await ask({ type: 'create-approval-staff', department: departments[0] }, 'approval-staff-created');
  const { identifier, password } = await ask({ type: 'create-academic-affairs' }, 'academic-affairs-created');
  const login = await (await fetch(`${base}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: identifier, password }) })).json();
  const admin = { Authorization: `Bearer ${login.data.token}` };
  const reason = encodeURIComponent('压测：全校学籍数据报送');
  const revealed = await timedDownload(`${base}/student-records/excel/export/api::student.student?sort=studentNumber:ASC&reveal=all&reason=${reason}`, admin, serverPid);
  const template = Buffer.from(await (await fetch(`${base}/student-records/excel/admissions/template`, { headers: admin })).arrayBuffer());
  const sheet = await filledTemplate(template, classes.slice(110), 5000);
  const form = new FormData();
  form.append('file', new Blob([sheet], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), 'bench.xlsx');
  const started = performance.now();
  const response = await fetch(`${base}/student-records/excel/admissions/import`, { method: 'POST', headers: admin, body: form });
  const importSeconds = (performance.now() - started) / 1000;
  const imported = await response.json();
  if (response.status !== 201) throw new Error(`import: ${response.status} ${JSON.stringify(imported).slice(0, 500)}`);
  return { total, masked, revealed, importSeconds, imported: imported.meta.count, sheetMegabytes: sheet.length / 1024 / 1024 };
}

/** Prints the figures and the targets. @param {Awaited<ReturnType<typeof benchExcel>>} r */
function printExcel(r) {
  const line = (/** @type {string} */ label, /** @type {Awaited<ReturnType<typeof timedDownload>>} */ f) =>
    `  ${label}: ${f.rows} rows, ${f.megabytes.toFixed(1)} MiB in ${f.seconds.toFixed(2)} s; server RSS ${f.before.toFixed(0)} -> peak ${f.peak.toFixed(0)} MB (+${(f.peak - f.before).toFixed(0)} MB); ` +
    `target < 10 s and < 300 MB extra: ${f.seconds < 10 && f.peak - f.before < 300 ? 'met' : 'NOT met'}`;
  console.log(`\nExcel: export of the ${r.total} students, import of a 5,000-row sheet`);
  console.log(line('export, REST, masked', r.masked));
  console.log(line('export, admin, all protected fields revealed', r.revealed));
  console.log(`  import of ${r.imported} students from a ${r.sheetMegabytes.toFixed(1)} MiB sheet in ${r.importSeconds.toFixed(2)} s; target < 5 s: ${r.importSeconds < 5 ? 'met' : 'NOT met'}`);
}

module.exports = { benchExcel, printExcel };
