// @ts-check
/**
 * The benchmarked server: the compiled project on the bench database, in its own process so that
 * the load generator does not share its event loop. Reports its API token and, on request, the
 * SQL statements the last request ran, or a department manager's login.
 */
'use strict';

const path = require('node:path');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const { Session } = require('node:inspector/promises');
const { createStrapi } = require('@strapi/strapi');

const ROOT = path.resolve(__dirname, '..');

/**
 * A users-permissions login with the seeded "staff" role and an active manager membership of the
 * department, as the demo seeds department managers; returns its credentials.
 * @param {import('@strapi/strapi').Core.Strapi} strapi @param {string} department documentId
 */
async function createDepartmentManager(strapi, department) {
  return createStaffLogin(strapi, { name: 'manager', adminRole: 'department-manager', unit: { department } });
}

/**
 * A staff member as the product makes them: a content-API login ("staff" role) and an admin login
 * with `adminRole`, joined by one membership of `unit`. What the content-API login may do comes
 * from the admin role (src/domain/permissions.ts); without it every route is a 403.
 * @param {import('@strapi/strapi').Core.Strapi} strapi
 * @param {{ name: string, adminRole: string, unit: { department: string } | { office: string } }} options
 */
async function createStaffLogin(strapi, { name, adminRole, unit }) {
  const role = /** @type {{ id: number }} */ (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'staff' } }));
  const adminRoleRow = /** @type {{ id: number }} */ (await strapi.db.query('admin::role').findOne({ where: { code: adminRole } }));
  const email = `bench.${name}.${Date.now()}.${randomBytes(3).toString('hex')}@example.com`;
  const password = `Bench-${randomBytes(8).toString('hex')}`;
  const user = await strapi.plugin('users-permissions').service('user').add({
    username: email.split('@')[0], email, password, provider: 'local', confirmed: true, blocked: false, role: role.id,
  });
  const adminUser = /** @type {{ id: number }} */ (await strapi.service('admin::user').create({ email, firstname: '压测', lastname: name, password, isActive: true, registrationToken: null, roles: [adminRoleRow.id] }));
  await strapi.documents('api::staff-membership.staff-membership').create({
    data: /** @type {any} */ ({ staffName: `压测${name}`, email, position: 'manager', ...unit, user: user.documentId, adminUser: adminUser.id, active: true }),
  });
  return { identifier: email, password };
}

/**
 * A users-permissions login (role "student") linked to the student; returns its credentials.
 * @param {import('@strapi/strapi').Core.Strapi} strapi @param {string} student documentId
 */
async function createStudentLogin(strapi, student) {
  const role = /** @type {{ id: number }} */ (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'student' } }));
  const username = `bench-student-${Date.now()}-${randomBytes(3).toString('hex')}`;
  const password = `Bench-${randomBytes(8).toString('hex')}`;
  const user = await strapi.plugin('users-permissions').service('user').add({
    username, email: `${username}@students.example.com`, password, provider: 'local', confirmed: true, blocked: false, role: role.id,
  });
  await strapi.db.query('api::student.student').update({ where: { documentId: student }, data: { user: user.id } });
  return { identifier: username, password };
}

/**
 * Staff for the approval bench: one content-API login per unit of the important chain (the
 * department, academic affairs, student affairs, leadership), each with its membership.
 * @param {import('@strapi/strapi').Core.Strapi} strapi @param {string} department documentId
 */
async function createApprovalStaff(strapi, department) {
  const { DEMO_OFFICES } = require(path.join(ROOT, 'dist', 'src', 'seed', 'organisation'));
  for (const office of DEMO_OFFICES) {
    if (!(await strapi.db.query('api::office.office').findOne({ where: { kind: office.kind } }))) await strapi.documents('api::office.office').create({ data: office });
  }
  /** @type {Record<string, { identifier: string, password: string }>} */
  const logins = {};
  /** @type {Record<string, string>} the admin role each unit's staff hold */
  const adminRoles = { department: 'department-manager', 'academic-affairs': 'academic-affairs', 'student-affairs': 'student-affairs', leadership: 'school-leadership' };
  for (const unit of ['department', 'academic-affairs', 'student-affairs', 'leadership']) {
    const office = unit === 'department' ? null : /** @type {{ documentId: string }} */ (await strapi.db.query('api::office.office').findOne({ where: { kind: unit } }));
    logins[unit] = await createStaffLogin(strapi, { name: unit, adminRole: adminRoles[unit], unit: office ? { office: office.documentId } : { department } });
  }
  return logins;
}

/**
 * The registration bench's class (bench/registration.js): `count` students of the class, each with
 * finance's fee status "paid" for the semester and a student login; their JWTs and registrations.
 * @param {import('@strapi/strapi').Core.Strapi} strapi @param {{ schoolClass: string, semester: string, count: number }} options
 */
async function prepareRegistrationClass(strapi, { schoolClass, semester, count }) {
  const knex = strapi.db.connection;
  const { id: semesterId } = await knex('semesters').where({ code: semester }).first('id');
  const { rows } = /** @type {{ rows: Array<{ id: number, registration: string }> }} */ (await knex.raw(
    `SELECT DISTINCT s.id, r.document_id AS registration
       FROM students s
       JOIN students_school_class_lnk l ON l.student_id = s.id
       JOIN school_classes c ON c.id = l.school_class_id
       JOIN registrations r ON r.student_key = s.id AND r.semester_key = ?
      WHERE c.document_id = ? ORDER BY s.id LIMIT ?`,
    [semesterId, schoolClass, count],
  ));
  const role = /** @type {{ id: number }} */ (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'student' } }));
  const students = [];
  for (const row of rows) {
    await strapi.db.query('api::fee-status.fee-status').create({ data: { student: row.id, semester: semesterId, status: 'paid', source: 'manual', studentKey: row.id, semesterKey: semesterId, publishedAt: new Date() } });
    const username = `bench-registration-${row.id}-${randomBytes(3).toString('hex')}`;
    const user = await strapi.plugin('users-permissions').service('user').add({
      username, email: `${username}@students.example.com`, password: `Bench-${randomBytes(8).toString('hex')}`, provider: 'local', confirmed: true, blocked: false, role: role.id,
    });
    await strapi.db.query('api::student.student').update({ where: { id: row.id }, data: { user: user.id } });
    students.push({ registration: row.registration, jwt: strapi.plugin('users-permissions').service('jwt').issue({ id: user.id }) });
  }
  return students;
}

async function main() {
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist'), autoReload: false, serveAdminPanel: false }).load();
  await strapi.listen();
  const token = await strapi.service('admin::api-token').create({ name: `bench-${Date.now()}`, type: 'full-access', lifespan: null });
  /** @type {Array<{ sql: string, bindings: unknown[] }>} */
  let captured = [];
  let capturing = false;
  /** @type {import('node:inspector/promises').Session | undefined} */
  let profiler;
  strapi.db.connection.on('query', (query) => {
    if (capturing) captured.push({ sql: query.sql, bindings: query.bindings });
  });
  process.on('message', (/** @type {{ type: string, department?: string }} */ message) => {
    // A failing phase says why and ends the bench, instead of leaving it waiting for a reply.
    handle(message).catch((error) => {
      console.error(`[bench server] ${message.type} failed:`, error);
      process.exit(1);
    });
  });
  async function handle(/** @type {{ type: string, department?: string }} */ message) {
    if (message.type === 'create-approval-staff' && message.department) {
      process.send?.({ type: 'approval-staff-created', logins: await createApprovalStaff(strapi, message.department) });
    }
    // Registration is a later workflow: the bench registers its students directly.
    if (message.type === 'activate-students') {
      await strapi.db.connection('students').where('status', 'admitted').update({ status: 'active' });
      process.send?.({ type: 'students-activated' });
    }
    if (message.type === 'create-manager' && message.department) {
      process.send?.({ type: 'manager-created', ...(await createDepartmentManager(strapi, message.department)) });
    }
    // The integrity bench (bench/integrity.js): its 50,000 records, then a student affairs and a
    // finance (integrity source) login, and a login for the student whose records are appealed.
    if (message.type === 'load-integrity') {
      const { loadIntegrityRecords } = require('./integrity-load');
      const loaded = await loadIntegrityRecords(strapi);
      const students = /** @type {Array<{ student_number: string, document_id: string }>} */ ((await strapi.db.connection.raw('SELECT student_number, document_id FROM students ORDER BY id LIMIT 5000')).rows);
      process.send?.({ type: 'integrity-loaded', ...loaded, studentNumbers: students.map((s) => s.student_number), studentDocumentId: students[0].document_id });
    }
    if (message.type === 'create-integrity-staff') {
      /** @type {Record<string, { identifier: string, password: string }>} */
      const logins = {};
      for (const [office, adminRole] of [['student-affairs', 'student-affairs'], ['finance', 'integrity-source']]) {
        const row = /** @type {{ documentId: string }} */ (await strapi.db.query('api::office.office').findOne({ where: { kind: office } }));
        logins[office] = await createStaffLogin(strapi, { name: office, adminRole, unit: { office: row.documentId } });
      }
      logins.student = await createStudentLogin(strapi, /** @type {string} */ (/** @type {any} */ (message).student));
      process.send?.({ type: 'integrity-staff-created', logins });
    }
    if (message.type === 'prepare-registration-class') {
      process.send?.({ type: 'registration-class-prepared', students: await prepareRegistrationClass(strapi, /** @type {any} */ (message)) });
    }
    if (message.type === 'create-academic-affairs') {
      const office = /** @type {{ documentId: string }} */ (await strapi.db.query('api::office.office').findOne({ where: { kind: 'academic-affairs' } }));
      process.send?.({ type: 'academic-affairs-created', ...(await createStaffLogin(strapi, { name: 'academic', adminRole: 'academic-affairs', unit: { office: office.documentId } })) });
    }
    // The student archive bench (bench/archive.js): the archive office, which receives archives from the departments.
    if (message.type === 'create-archive-office') {
      const office = /** @type {{ documentId: string }} */ (await strapi.db.query('api::office.office').findOne({ where: { kind: 'archive' } }));
      process.send?.({ type: 'archive-office-created', ...(await createStaffLogin(strapi, { name: 'archive', adminRole: 'archive-office', unit: { office: office.documentId } })) });
    }
    // One phase's CPU profile (BENCH_PROFILE), written as <dir>/<name>.cpuprofile.
    if (message.type === 'profile-start') {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.post('Profiler.start');
      process.send?.({ type: 'profile-started' });
    }
    if (message.type === 'profile-stop' && profiler && process.env.BENCH_PROFILE) {
      const { profile } = await profiler.post('Profiler.stop');
      profiler.disconnect();
      profiler = undefined;
      const file = path.join(process.env.BENCH_PROFILE, `${/** @type {{ name?: string }} */ (message).name}.cpuprofile`);
      fs.mkdirSync(process.env.BENCH_PROFILE, { recursive: true });
      fs.writeFileSync(file, JSON.stringify(profile));
      process.send?.({ type: 'profile-written', file });
    }
    if (message.type === 'capture-start') {
      captured = [];
      capturing = true;
      process.send?.({ type: 'capture-started' });
    }
    if (message.type === 'capture-stop') {
      capturing = false;
      process.send?.({ type: 'captured', queries: captured });
    }
  }
  process.on('SIGTERM', () => strapi.destroy().finally(() => process.exit(0)));
  process.send?.({ type: 'ready', token: token.accessKey });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
