// @ts-check
/**
 * The registration bench (issue 16), run by `npm run bench:registration` (BENCH_ONLY=registration)
 * after the admission phase's 20,000 students:
 *  1. admits 10,000 more (two more departments, 5,000 a request) and makes all 30,000 active;
 *  2. opens a semester's registration for them as academic affairs (POST /api/registrations/open;
 *     target < 5 s), once;
 *  3. 45 students of one class, with finance's fee status paid, submit their own registration
 *     (POST /api/me/registrations/:documentId/submit); their department's manager then reviews the
 *     whole class in one call (POST /api/registrations/decisions, 45 items; target < 2 s);
 *  4. the report over the 30,000 rows (GET /api/registrations/report?semester=), as academic
 *     affairs and as a department manager: 1 warm-up and BENCH_REGISTRATION_RUNS runs (7), median
 *     (target < 1 s).
 */
'use strict';

const { admitCohort, caller, median, signIn: signInAt, timed } = require('./cohort');

const RUNS = Number(process.env.BENCH_REGISTRATION_RUNS || 7);
const SEMESTER = { code: '2031-2032-1', startDate: '2031-09-01', endDate: '2032-01-20', registrationWorkingDays: 10 };

/**
 * @param {{ base: string, call: (method: string, route: string, body?: unknown) => Promise<any>, ask: (message: object, reply: string) => Promise<any>, fakeStudent: (n: number, schoolClass: string) => object }} ctx
 */
async function benchRegistration({ base, call, ask, fakeStudent }) {
  const as = (/** @type {string} */ authorization) => caller(base, authorization);
  const signIn = (/** @type {{ identifier: string, password: string }} */ login) => signInAt(base, login);

  // 1. 10,000 more students in two departments of their own (91 a class).
  const { classes, departments } = await admitCohort({ call, fakeStudent }, { label: '注册压测', region: '430103' });

  await ask({ type: 'activate-students' }, 'students-activated');
  await call('POST', '/api/semesters', { data: SEMESTER });

  // 2. Opening the semester.
  const academic = as(await signIn(await ask({ type: 'create-academic-affairs' }, 'academic-affairs-created')));
  const open = await timed(() => academic('POST', '/api/registrations/open', { semester: SEMESTER.code }));
  const opened = /** @type {any} */ (open.result).data;
  if (opened.created < 30000) throw new Error(`opening created ${opened.created} registrations, expected 30,000`);

  // 3. One class: 45 submissions with fees paid, then the department's one batch review.
  const prepared = await ask({ type: 'prepare-registration-class', schoolClass: classes[0], semester: SEMESTER.code, count: 45 }, 'registration-class-prepared');
  const submissions = [];
  for (const student of /** @type {Array<{ jwt: string, registration: string }>} */ (prepared.students)) {
    const submitted = await timed(() => as(`Bearer ${student.jwt}`)('POST', `/api/me/registrations/${student.registration}/submit`, {}));
    submissions.push(submitted.ms);
  }
  const manager = as(await signIn(await ask({ type: 'create-manager', department: departments[0] }, 'manager-created')));
  const items = prepared.students.map((/** @type {{ registration: string }} */ s) => ({ documentId: s.registration, step: 1 }));
  // The SQL statements of the batch call are kept (where the time goes); keeping them costs a push per statement.
  await ask({ type: 'capture-start' }, 'capture-started');
  const review = await timed(() => manager('POST', '/api/registrations/decisions', { action: 'approve', comment: '缴费及材料齐全，同意', items }));
  const { queries } = /** @type {{ queries: Array<{ sql: string }> }} */ (await ask({ type: 'capture-stop' }, 'captured'));
  const reviewed = /** @type {any} */ (review.result);
  const decided = reviewed.data.filter((/** @type {{ ok: boolean }} */ r) => r.ok).length;
  if (decided !== items.length) throw new Error(`the batch review decided ${decided} of ${items.length}: ${JSON.stringify(reviewed.data.find((/** @type {{ ok: boolean }} */ r) => !r.ok))}`);

  // 4. The report over the 30,000 rows, for the school and for one department.
  /** @param {(method: string, route: string) => Promise<any>} who */
  const reportRuns = async (who) => {
    /** @type {number[]} */
    const runs = [];
    let answer = null;
    for (let run = 0; run <= RUNS; run += 1) {
      const { ms, result } = await timed(() => who('GET', `/api/registrations/report?semester=${SEMESTER.code}`));
      answer = /** @type {any} */ (result).data;
      if (run > 0) runs.push(ms);
    }
    return { medianMs: median(runs), runs: runs.length, school: answer.school, departments: answer.departments.length };
  };
  const schoolReport = await reportRuns(academic);
  const departmentReport = await reportRuns(manager);
  if (schoolReport.school.expected < 30000) throw new Error(`the report counted ${schoolReport.school.expected} expected`);
  return { opened, openMs: open.ms, submitMedianMs: median(submissions), reviewMs: review.ms, reviewStatements: queries.length, reviewKinds: statementKinds(queries), decided, schoolReport, departmentReport };
}

/**
 * The statements of a call by kind (verb and table), most frequent first.
 * @param {Array<{ sql: string }>} queries
 */
function statementKinds(queries) {
  /** @type {Map<string, number>} */
  const kinds = new Map();
  for (const { sql } of queries) {
    const text = sql.replace(/\s+/g, ' ').trim();
    const verb = text.split(' ')[0].toLowerCase();
    const table = /(?:from|into|update|join)\s+"?([a-z_]+)"?/i.exec(text)?.[1] ?? '';
    const kind = `${verb} ${table}`.trim();
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return [...kinds.entries()].sort((a, b) => b[1] - a[1]);
}

/** @param {Awaited<ReturnType<typeof benchRegistration>>} r */
function printRegistration(r) {
  const ms = (/** @type {number} */ v) => `${v.toFixed(1)} ms`;
  const met = (/** @type {boolean} */ ok) => (ok ? 'met' : 'NOT met');
  console.log(`\nSemester registration: ${SEMESTER.code}, window ${r.opened.opens} to ${r.opened.closes}`);
  console.log(`  POST /api/registrations/open (academic affairs): ${r.opened.created} registrations in ${ms(r.openMs)}; target < 5 s: ${met(r.openMs < 5000)}`);
  console.log(`  45 students of one class submit their own (fees paid): median ${ms(r.submitMedianMs)} a submission`);
  console.log(`  POST /api/registrations/decisions, 45 items, department manager: ${r.decided} reviewed in ${ms(r.reviewMs)} (${ms(r.reviewMs / r.decided)} an item, ${r.reviewStatements} SQL statements); target < 2 s: ${met(r.reviewMs < 2000)}`);
  console.log(`    by kind: ${r.reviewKinds.map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
  console.log(`  GET /api/registrations/report, academic affairs (${r.schoolReport.school.expected} rows, ${r.schoolReport.departments} departments): median of ${r.schoolReport.runs} ${ms(r.schoolReport.medianMs)}; target < 1 s: ${met(r.schoolReport.medianMs < 1000)}`);
  console.log(`  GET /api/registrations/report, department manager (${r.departmentReport.school.expected} rows in scope): median of ${r.departmentReport.runs} ${ms(r.departmentReport.medianMs)}`);
}

module.exports = { benchRegistration, printRegistration };
