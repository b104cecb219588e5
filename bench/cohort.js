// @ts-check
/**
 * What the phase benchmarks share: the median and a timer, a caller with a given Authorization, a login, and a cohort of
 * 10,000 students admitted into two departments of their own (91 a class, codes 65 and 66).
 */
'use strict';

const path = require('node:path');

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** @param {() => Promise<unknown>} task */
async function timed(task) {
  const started = performance.now();
  const result = await task();
  return { ms: performance.now() - started, result };
}

/** A JSON caller of `base` with `authorization`; throws on any answer but 2xx. @param {string} base @param {string} authorization */
function caller(base, authorization) {
  return async (/** @type {string} */ method, /** @type {string} */ route, /** @type {unknown} */ body) => {
    const response = await fetch(base + route, { method, headers: { Authorization: authorization, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const type = response.headers.get('content-type') ?? '';
    const answer = type.includes('json') ? await response.json().catch(() => null) : Buffer.from(await response.arrayBuffer());
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(answer).slice(0, 500)}`);
    return answer;
  };
}

/** The `Authorization` header of a login. @param {string} base @param {{ identifier: string, password: string }} login */
async function signIn(base, login) {
  const response = await fetch(`${base}/api/auth/local`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(login) });
  const body = await response.json();
  if (!body?.jwt) throw new Error(`login: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return `Bearer ${body.jwt}`;
}

/**
 * 10,000 students admitted in two batches into 110 new classes of two new departments.
 * @param {{ call: (method: string, route: string, body?: unknown) => Promise<any>, fakeStudent: (n: number, schoolClass: string) => unknown }} api
 * @param {{ label: string, region: string }} names the departments' label (档案压测) and the national IDs' region code
 */
async function admitCohort({ call, fakeStudent }, { label, region }) {
  const { composeNationalId } = require(path.join(__dirname, '..', 'dist', 'src', 'domain', 'national-id'));
  /** @type {string[]} */
  const classes = [];
  /** @type {string[]} */
  const departments = [];
  for (const d of [65, 66]) {
    const department = await call('POST', '/api/departments', { data: { name: `${label}系部${d}`, code: String(d) } });
    departments.push(department.data.documentId);
    for (let m = 1; m <= 5; m += 1) {
      const major = await call('POST', '/api/majors', { data: { name: `${label}专业${m}`, code: `0${m}`, department: department.data.documentId } });
      for (let c = 1; c <= 11; c += 1) {
        const sequence = String(c).padStart(2, '0');
        const created = await call('POST', '/api/school-classes', { data: { name: `${label}${d}${m}班${sequence}`, enrollmentYear: 2025, sequence, major: major.data.documentId } });
        classes.push(created.data.documentId);
      }
    }
  }
  for (let batch = 0; batch < 2; batch += 1) {
    const rows = Array.from({ length: 5000 }, (_, i) => {
      const n = batch * 5000 + i;
      // The admission phase's birth dates and sequences in another region: national IDs of their own.
      const student = /** @type {{ nationalId: string }} */ (fakeStudent(n, classes[Math.floor(n / 91)]));
      return { ...student, nationalId: composeNationalId(region, student.nationalId.slice(6, 14), n % 1000) };
    });
    await call('POST', '/api/students/admissions', { data: rows });
  }
  return { classes, departments };
}

module.exports = { caller, signIn, admitCohort, median, timed };
