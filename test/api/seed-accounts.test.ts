/**
 * The demo seed never takes over an account it did not create (security review): a login whose
 * email or username is already someone else's is skipped with a warning, and re-seeding still
 * creates nothing twice.
 */
import path from 'node:path';
import { ensureStudentLogins } from '../../src/seed/accounts';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';

// The compiled seed, as `npm run seed` runs it: its flows share the running app's modules (the scope's and the engine's state).
const { seedDemoData } = require(path.join(ROOT, 'dist', 'src', 'seed')) as typeof import('../../src/seed');

const PASSWORD = 'Seed-Accounts-1234';
const FOREIGN_PASSWORD = 'Somebody-Else-1234';
const UP_USER = 'plugin::users-permissions.user';

let app: TestApp;
let warnings: string[] = [];
let warn: jest.SpyInstance;

beforeAll(async () => {
  app = await startStrapi({ freshDatabase: true });
  // Given accounts made before the seed, by someone else, with the emails two demo logins would use
  await app.strapi.plugin('users-permissions').service('user').add({
    username: 'someone', email: 'dept01.manager@example.com', password: FOREIGN_PASSWORD, provider: 'local', confirmed: true, blocked: false,
  });
  const editor = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } })) as { id: number };
  await app.strapi.service('admin::user').create({
    email: 'dept02.clerk@example.com', firstname: '他人', lastname: '', password: FOREIGN_PASSWORD, isActive: true, registrationToken: null, roles: [editor.id],
  });
  warn = jest.spyOn(app.strapi.log, 'warn').mockImplementation(((line: string) => warnings.push(String(line))) as never);
  // When the demo data is seeded
  await seedDemoData(app.strapi, PASSWORD);
});
afterAll(async () => {
  warn.mockRestore();
  await app.stop();
});

const apiLogin = (identifier: string, password: string) => app.http.post('/api/auth/local').send({ identifier, password });
const adminLogin = (email: string, password: string) => app.http.post('/admin/login').send({ email, password });

describe('the seed keeps its hands off accounts it did not create', () => {
  test('a content API account with a demo email keeps its password and role, and no membership points to it', async () => {
    const account = (await app.strapi.db.query(UP_USER).findOne({ where: { email: 'dept01.manager@example.com' }, populate: ['role'] })) as any;
    expect(account.username).toBe('someone');
    expect(account.role?.type).not.toBe('staff');
    expect((await apiLogin('dept01.manager@example.com', PASSWORD)).status).toBe(400);
    expect((await apiLogin('dept01.manager@example.com', FOREIGN_PASSWORD)).status).toBe(200);
    const membership = (await app.strapi.db.query('api::staff-membership.staff-membership').findOne({ where: { email: 'dept01.manager@example.com' }, populate: ['user'] })) as any;
    expect(membership.user).toBeNull();
    expect(warnings.some((line) => line.includes('dept01.manager'))).toBe(true);
  });

  test('an admin account with a demo email keeps its role and password', async () => {
    const account = (await app.strapi.db.query('admin::user').findOne({ where: { email: 'dept02.clerk@example.com' }, populate: ['roles'] })) as any;
    expect(account.roles.map((r: { code: string }) => r.code)).toEqual(['strapi-editor']);
    expect((await adminLogin('dept02.clerk@example.com', PASSWORD)).status).toBe(400);
    expect(warnings.some((line) => line.includes('dept02.clerk@example.com'))).toBe(true);
  });

  test("a student number taken as another account's username: that student gets no demo login", async () => {
    // Given a student whose seeded login was removed, and an account someone made with their number
    const student = (await app.strapi.db.query('api::student.student').findOne({ where: { user: { id: { $notNull: true } } }, populate: ['user'] })) as any;
    await app.strapi.db.query('api::student.student').update({ where: { id: student.id }, data: { user: null } });
    await app.strapi.db.query(UP_USER).delete({ where: { id: student.user.id } });
    const foreign = await app.strapi.plugin('users-permissions').service('user').add({
      username: student.studentNumber, email: 'not-the-student@example.com', password: FOREIGN_PASSWORD, provider: 'local', confirmed: true, blocked: false,
    });
    // When the student logins are seeded again
    await ensureStudentLogins(app.strapi, PASSWORD);
    // Then the account is not linked to the student, and keeps its password
    const after = (await app.strapi.db.query('api::student.student').findOne({ where: { id: student.id }, populate: ['user'] })) as any;
    expect(after.user).toBeNull();
    expect((await apiLogin(student.studentNumber, PASSWORD)).status).toBe(400);
    expect((await app.strapi.db.query(UP_USER).findOne({ where: { id: foreign.id } })).email).toBe('not-the-student@example.com');
    expect(warnings.some((line) => line.includes(student.studentNumber))).toBe(true);
  });

  test('the integrity demo skips the steps of a demo login the seed does not own: the foreign account decides nothing', async () => {
    // dept01.manager's content-API login is someone else's: the amendment it would review stays at its first step
    const decisions = await app.strapi.db.query('api::approval-decision.approval-decision').count({ where: { subject: 'integrity-amendment', decidedBy: 'dept01.manager@example.com' } });
    expect(decisions).toBe(0);
    expect(warnings.some((line) => line.includes('integrity demo') && line.includes('dept01.manager@example.com'))).toBe(true);
    const amended = await app.strapi.db.query('api::integrity-record.integrity-record').count({ where: { state: 'amended' } });
    expect(amended).toBe(0);
    // The other demo records went through their flows
    expect(await app.strapi.db.query('api::integrity-record.integrity-record').count({ where: { state: 'revoked' } })).toBe(1);
  });

  test("the seed marks the accounts it created, reuses them when seeding again, and creates nothing twice", async () => {
    // Given the seed's marker names the demo accounts it created
    const marked = (await app.strapi.store({ type: 'plugin', name: 'student-records' }).get({ key: 'seeded-accounts' })) as { admin: number[]; user: number[] };
    const clerk = (await app.strapi.db.query('admin::user').findOne({ where: { email: 'dept01.clerk@example.com' } })) as { id: number };
    const foreignAdmin = (await app.strapi.db.query('admin::user').findOne({ where: { email: 'dept02.clerk@example.com' } })) as { id: number };
    expect(marked.admin).toContain(clerk.id);
    expect(marked.admin).not.toContain(foreignAdmin.id);
    // When seeding again, then nothing is created twice and the demo logins work
    const uids = ['admin::user', UP_USER, 'api::staff-membership.staff-membership'];
    const before = await Promise.all(uids.map((uid) => app.strapi.db.query(uid as never).count()));
    const second = await seedDemoData(app.strapi, PASSWORD);
    expect(second).toMatchObject({ staff: 0, students: 0 });
    expect(await Promise.all(uids.map((uid) => app.strapi.db.query(uid as never).count()))).toEqual(before);
    expect((await adminLogin('dept01.clerk@example.com', PASSWORD)).status).toBe(200);
    expect((await apiLogin('dept03.manager@example.com', PASSWORD)).status).toBe(200);
  });
});
