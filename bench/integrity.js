// @ts-check
/**
 * The integrity bench (issue 15), run by `BENCH_ONLY=integrity npm run bench` after the admission
 * phase's 20,000 students:
 *  1. loads 50,000 integrity records on the first 5,000 students (bench/integrity-load.js, set-based
 *     SQL in the server: records, links, one version per move, the appeals and amendments behind
 *     the states);
 *  2. times POST /api/integrity/checks with those 5,000 student numbers as a student-affairs login
 *     (1 warm-up and BENCH_INTEGRITY_RUNS runs, 7 by default; median and students/s; target >= 10,000
 *     students/s), and the SQL statements of one check run again through `pg`, to say where the time
 *     goes (BENCH_PROFILE=dir: the server's CPU profile of the timed checks);
 *  3. one client at a time, on records finance enters for one student: a plain update (PUT of the
 *     entered record's title by finance, its source), its confirmation by student affairs (POST
 *     /api/integrity-records/:documentId/confirm), and, after the student appeals it, the appeal's
 *     decision by student affairs, alternately approved with outcome { result: 'revoke' } and
 *     rejected, each with a reason (BENCH_INTEGRITY_ROUNDS rounds, 40 by default, after 5 warm-up
 *     rounds); medians and the ratios to the plain update (target <= 2).
 */
'use strict';

const { Client } = require('pg');
const { median } = require('./cohort');

const RUNS = Number(process.env.BENCH_INTEGRITY_RUNS || 7);
const ROUNDS = Number(process.env.BENCH_INTEGRITY_ROUNDS || 40);
const WARM_UP = 5;

/**
 * @param {{ base: string, ask: (message: object, reply: string) => Promise<any>, url: string }} ctx
 */
async function benchIntegrity({ base, ask, url }) {
  const loaded = await ask({ type: 'load-integrity' }, 'integrity-loaded');
  const { logins } = await ask({ type: 'create-integrity-staff', student: loaded.studentDocumentId }, 'integrity-staff-created');
  /** @type {Record<string, string>} */
  const auth = {};
  for (const [who, login] of Object.entries(/** @type {Record<string, { identifier: string, password: string }>} */ (logins))) {
    const response = await fetch(`${base}/api/auth/local`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(login) });
    const body = await response.json();
    if (!body?.jwt) throw new Error(`${who} login: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    auth[who] = `Bearer ${body.jwt}`;
  }
  /** @param {string} who @param {string} method @param {string} route @param {unknown} [body] */
  const as = async (who, method, route, body) => {
    const response = await fetch(base + route, { method, headers: { Authorization: auth[who], 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await response.json().catch(() => null);
    if (!response.ok) throw new Error(`${who} ${method} ${route}: ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  };
  /** @param {() => Promise<unknown>} task */
  const timed = async (task) => {
    const started = performance.now();
    await task();
    return performance.now() - started;
  };

  // 2. The batch check.
  const numbers = /** @type {string[]} */ (loaded.studentNumbers);
  /** @type {number[]} */
  const checks = [];
  let answer = null;
  for (let run = 0; run <= RUNS; run += 1) {
    // With BENCH_PROFILE=dir the server's CPU profile of the timed checks is <dir>/integrity-checks.cpuprofile.
    if (run === 1 && process.env.BENCH_PROFILE) await ask({ type: 'profile-start' }, 'profile-started');
    const ms = await timed(async () => {
      answer = await as('student-affairs', 'POST', '/api/integrity/checks', { purpose: 'award', studentNumbers: numbers });
    });
    if (run > 0) checks.push(ms);
  }
  if (process.env.BENCH_PROFILE) await ask({ type: 'profile-stop', name: 'integrity-checks' }, 'profile-written');
  const meta = /** @type {any} */ (answer)?.meta;
  if (meta?.count !== numbers.length || meta.notFound !== 0) throw new Error(`the check answered ${JSON.stringify(meta)}`);
  // The SQL one check runs, each statement timed again through `pg` (where the time goes).
  await ask({ type: 'capture-start' }, 'capture-started');
  await as('student-affairs', 'POST', '/api/integrity/checks', { purpose: 'award', studentNumbers: numbers });
  const { queries } = /** @type {{ queries: Array<{ sql: string, bindings: unknown[] }> }} */ (await ask({ type: 'capture-stop' }, 'captured'));
  const client = new Client({ connectionString: url });
  // A phase that fails drops the database; the client's own error would hide the failure's.
  client.on('error', () => {});
  await client.connect();
  const toPg = (/** @type {string} */ sql) => { let i = 0; return sql.replace(/\?/g, () => `$${++i}`); };
  /** @type {Array<{ sql: string, ms: number, query: { sql: string, bindings: unknown[] } }>} */
  const statements = [];
  for (const q of queries) {
    if (/^(begin|commit|rollback|savepoint|release)/i.test(q.sql.trim())) continue;
    /** @type {number[]} */
    const runs = [];
    for (let i = 0; i < 3; i += 1) {
      await client.query('BEGIN');
      runs.push(await timed(() => client.query(toPg(q.sql), /** @type {any[]} */ (q.bindings))));
      await client.query('ROLLBACK');
    }
    statements.push({ sql: q.sql.replace(/\s+/g, ' ').slice(0, 140), ms: median(runs), query: q });
  }
  // BENCH_EXPLAIN=1: the plan of the slowest SELECT of the check.
  /** @type {string[]} */
  let plan = [];
  const slowest = statements.filter((s) => /^\s*select/i.test(s.query.sql)).sort((a, b) => b.ms - a.ms)[0];
  if (process.env.BENCH_EXPLAIN && slowest) {
    const explained = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${toPg(slowest.query.sql)}`, /** @type {any[]} */ (slowest.query.bindings));
    plan = explained.rows.map((/** @type {Record<string, string>} */ row) => row['QUERY PLAN'].replace(/'\{[^']*\}'/g, "'{...}'"));
  }
  await client.end();

  // 3. Plain update, confirmation and appeal decisions on the same rows, one client at a time.
  /** @type {{ update: number[], confirm: number[], revoke: number[], reject: number[] }} */
  const times = { update: [], confirm: [], revoke: [], reject: [] };
  for (let round = 0; round < WARM_UP + ROUNDS; round += 1) {
    const keep = round >= WARM_UP;
    const entered = await as('finance', 'POST', '/api/integrity-records', { data: { student: loaded.studentDocumentId, indicator: 'economic', kind: 'bad', title: `欠缴学费 ${round}`, occurredOn: '2026-10-01' } });
    const id = entered.data.documentId;
    const update = await timed(() => as('finance', 'PUT', `/api/integrity-records/${id}`, { data: { title: `欠缴学费 ${round}（更正）` } }));
    const confirm = await timed(() => as('student-affairs', 'POST', `/api/integrity-records/${id}/confirm`, { comment: '核实无误' }));
    const appeal = await as('student', 'POST', '/api/integrity-appeals', { data: { record: id, reason: '学费已于当月补缴，请核实' } });
    await as('student', 'POST', `/api/integrity-appeals/${appeal.data.documentId}/submit`, {});
    const revoke = round % 2 === 0;
    const decision = await timed(() =>
      revoke
        ? as('student-affairs', 'POST', `/api/integrity-appeals/${appeal.data.documentId}/approve`, { comment: '经核实已补缴，撤销记录', step: 1, outcome: { result: 'revoke' } })
        : as('student-affairs', 'POST', `/api/integrity-appeals/${appeal.data.documentId}/reject`, { comment: '补缴晚于规定期限，维持记录', step: 1 }),
    );
    if (!keep) continue;
    times.update.push(update);
    times.confirm.push(confirm);
    (revoke ? times.revoke : times.reject).push(decision);
  }
  const check = median(checks);
  const update = median(times.update);
  return {
    loaded,
    checks: { runs: checks.length, medianMs: check, perSecond: numbers.length / (check / 1000), clear: meta.clear, notClear: meta.notClear, statements, plan },
    update,
    confirm: median(times.confirm),
    revoke: median(times.revoke),
    reject: median(times.reject),
    decision: median([...times.revoke, ...times.reject]),
    rounds: ROUNDS,
  };
}

/** @param {Awaited<ReturnType<typeof benchIntegrity>>} r */
function printIntegrity(r) {
  const ms = (/** @type {number} */ v) => `${v.toFixed(1)} ms`;
  const met = (/** @type {boolean} */ ok) => (ok ? 'met' : 'NOT met');
  console.log(`\nIntegrity archive: ${r.loaded.records} records on 5,000 students loaded in ${r.loaded.seconds.toFixed(1)} s (${r.loaded.versions} versions)`);
  console.log(`  by state: ${Object.entries(r.loaded.byState).map(([state, n]) => `${state} ${n}`).join(', ')}`);
  console.log(`  POST /api/integrity/checks, 5,000 student numbers, student affairs: median of ${r.checks.runs} ${ms(r.checks.medianMs)} = ${Math.round(r.checks.perSecond)} students/s (${r.checks.clear} clear, ${r.checks.notClear} not)`);
  console.log(`  target >= 10000 students/s: ${met(r.checks.perSecond >= 10000)}`);
  const sql = r.checks.statements.reduce((sum, s) => sum + s.ms, 0);
  console.log(`  its ${r.checks.statements.length} SQL statements run again through pg (in a rolled-back transaction, median of 3): ${ms(sql)} in all`);
  for (const s of [...r.checks.statements].sort((a, b) => b.ms - a.ms).slice(0, 4)) console.log(`    ${ms(s.ms).padStart(9)}  ${s.sql}`);
  if (r.checks.plan.length > 0) console.log(`  plan of the slowest SELECT (BENCH_EXPLAIN):\n${r.checks.plan.map((line) => `    ${line}`).join('\n')}`);
  console.log(`  one client, ${r.rounds} rounds each (medians):`);
  console.log(`    plain update (PUT title of an entered record, finance)   ${ms(r.update)}`);
  console.log(`    confirmation (POST .../confirm, student affairs)          ${ms(r.confirm)}   ratio ${(r.confirm / r.update).toFixed(2)}`);
  console.log(`    appeal approved, outcome revoke (student affairs)         ${ms(r.revoke)}   ratio ${(r.revoke / r.update).toFixed(2)}`);
  console.log(`    appeal rejected (student affairs)                         ${ms(r.reject)}   ratio ${(r.reject / r.update).toFixed(2)}`);
  console.log(`  target confirmation and appeal decision <= 2x a plain update: confirmation ${met(r.confirm / r.update <= 2)}, decision ${met(r.decision / r.update <= 2)} (all decisions ${ms(r.decision)}, ratio ${(r.decision / r.update).toFixed(2)})`);
}

module.exports = { benchIntegrity, printIntegrity };
