// @ts-check
/**
 * The approval bench (issue 5): 1,000 voluntary withdrawals, each submitted by its department and
 * approved through the full important chain (department, academic affairs, student affairs,
 * leadership: 4 decisions, the last one applying the effect), by 10 clients at once; prints
 * decisions/s. Then, one client at a time, the latency of a final approval with its effect
 * against a plain student update (PUT /api/students/:id) by a staff login: target <= 2x.
 */
'use strict';

const { runLoad } = require('./load');

/**
 * @param {{ base: string, call: (method: string, route: string, body?: unknown) => Promise<any>, ask: (message: object, reply: string) => Promise<any>, departments: string[] }} ctx
 */
async function benchApprovals({ base, call, ask, departments }) {
  const department = departments[0];
  await ask({ type: 'activate-students' }, 'students-activated');
  const { logins } = await ask({ type: 'create-approval-staff', department }, 'approval-staff-created');
  /** @type {Record<string, string>} */
  const auth = {};
  for (const [unit, login] of Object.entries(/** @type {Record<string, { identifier: string, password: string }>} */ (logins))) {
    const response = await fetch(`${base}/api/auth/local`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(login) });
    auth[unit] = `Bearer ${(await response.json()).jwt}`;
  }
  /** @param {string} unit @param {string} method @param {string} route @param {unknown} [body] */
  const as = async (unit, method, route, body) => {
    const response = await fetch(base + route, { method, headers: { Authorization: auth[unit], 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await response.json().catch(() => null);
    if (!response.ok) throw new Error(`${unit} ${method} ${route}: ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  };
  const students = await call('GET', `/api/students?filters[department][documentId]=${department}&pagination[pageSize]=100&fields[0]=documentId`);
  const total = students.meta.pagination.total;
  const ids = [];
  for (let page = 1; ids.length < Math.min(1200, total); page += 1) {
    const batch = await call('GET', `/api/students?filters[department][documentId]=${department}&pagination[pageSize]=100&pagination[page]=${page}&fields[0]=documentId&sort=id`);
    ids.push(...batch.data.map((/** @type {{ documentId: string }} */ s) => s.documentId));
  }
  const withdrawal = (/** @type {string} */ student) => ({ data: { student, type: 'withdrawal', withdrawalKind: 'voluntary', reason: '本人申请退学', studentSigned: true, guardianSigned: true } });
  const UNITS = ['department', 'academic-affairs', 'student-affairs', 'leadership'];
  /** @type {number[]} */
  const finals = [];
  let next = 0;
  let decisions = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: 10 }, async () => {
    while (next < 1000) {
      const student = ids[next++];
      const created = await as('department', 'POST', '/api/status-changes', withdrawal(student));
      await as('department', 'POST', `/api/status-changes/${created.data.documentId}/submit`, {});
      for (const [i, unit] of UNITS.entries()) {
        const t = performance.now();
        await as(unit, 'POST', `/api/status-changes/${created.data.documentId}/approve`, { comment: '同意', step: i + 1 });
        if (i === UNITS.length - 1) finals.push(performance.now() - t);
        decisions += 1;
      }
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  // One client at a time: a final approval with its effect, against a plain update of a student.
  const single = ids.slice(1000, 1100);
  let k = 0;
  const finalOne = [];
  for (const student of single.slice(0, 50)) {
    const created = await as('department', 'POST', '/api/status-changes', withdrawal(student));
    await as('department', 'POST', `/api/status-changes/${created.data.documentId}/submit`, {});
    for (const [i, unit] of UNITS.slice(0, 3).entries()) await as(unit, 'POST', `/api/status-changes/${created.data.documentId}/approve`, { comment: '同意', step: i + 1 });
    const t = performance.now();
    await as('leadership', 'POST', `/api/status-changes/${created.data.documentId}/approve`, { comment: '同意', step: 4 });
    finalOne.push(performance.now() - t);
  }
  const update = await runLoad({
    workers: 1,
    seconds: 5,
    task: async () => {
      await as('department', 'PUT', `/api/students/${single[50 + (k++ % 50)]}`, { data: { politicalStatus: k % 2 ? '群众' : '共青团员' } });
    },
  });
  finalOne.sort((a, b) => a - b);
  const p50 = finalOne[Math.floor(finalOne.length / 2)];
  return { changes: 1000, decisions, seconds, perSecond: decisions / seconds, finalP50: p50, updateP50: update.p50, ratio: p50 / update.p50 };
}

module.exports = { benchApprovals };
