import { seedDemoData } from '../../src/seed';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let first: Awaited<ReturnType<typeof seedDemoData>>;
const PASSWORD = 'Seed-Test-1234';

beforeAll(async () => {
  app = await startStrapi({ freshDatabase: true });
  first = await seedDemoData(app.strapi, PASSWORD);
});
afterAll(async () => {
  await app.stop();
});

const count = (uid: string, where: Record<string, unknown> = {}) => app.strapi.db.query(uid as never).count({ where });

describe('demo data', () => {
  test('the demo college: 3 departments, 6 majors (one popular, one restricted), 12 classes over two years, 600 students', async () => {
    expect(first.students).toBe(600);
    expect(await count('api::student.student')).toBe(600);
    expect(await count('api::department.department')).toBe(3);
    expect(await count('admin::user')).toBe(11);
    expect(await count('api::department.department', { code: { $in: ['01', '02', '03'] } })).toBe(3);
    const majors = await app.strapi.db.query('api::major.major').findMany({ where: { department: { code: { $in: ['01', '02', '03'] } } } });
    expect(majors.length).toBe(6);
    expect(majors.filter((m: { popular: boolean }) => m.popular).length).toBe(1);
    expect(majors.filter((m: { restricted: boolean }) => m.restricted).length).toBe(1);
    const classes = await app.strapi.db.query('api::school-class.school-class').findMany({ where: { major: { department: { code: { $in: ['01', '02', '03'] } } } } });
    expect(classes.length).toBe(12);
    expect(new Set(classes.map((c: { enrollmentYear: number }) => c.enrollmentYear))).toEqual(new Set([2024, 2025]));
    expect(await count('api::office.office')).toBeGreaterThanOrEqual(10);
  });

  test('seeding twice creates nothing twice', async () => {
    const before = await Promise.all(['api::student.student', 'api::staff-membership.staff-membership', 'admin::user', 'plugin::users-permissions.user'].map((uid) => count(uid)));
    const second = await seedDemoData(app.strapi, PASSWORD);
    expect(second).toMatchObject({ students: 0, staff: 0, studentLogins: 0, statusChanges: 0 });
    const after = await Promise.all(['api::student.student', 'api::staff-membership.staff-membership', 'admin::user', 'plugin::users-permissions.user'].map((uid) => count(uid)));
    expect(after).toEqual(before);
  });

  test.each(['admin@example.com', 'dept01.manager@example.com', 'dept03.clerk@example.com', 'academic@example.com', 'studentaffairs@example.com', 'archive@example.com', 'leader@example.com'])(
    '%s logs into the admin panel and the content API, linked by one membership',
    async (email) => {
      const admin = await app.http.post('/admin/login').send({ email, password: PASSWORD });
      expect(admin.status).toBe(200);
      const api = await app.http.post('/api/auth/local').send({ identifier: email, password: PASSWORD });
      expect(api.status).toBe(200);
      const membership = (await app.strapi.db.query('api::staff-membership.staff-membership').findOne({
        where: { email },
        populate: ['adminUser', 'user', 'department', 'office'],
      })) as any;
      expect(membership.adminUser.email).toBe(email);
      expect(membership.user.id).toBe(api.body.user.id);
      expect(Boolean(membership.department) !== Boolean(membership.office)).toBe(true);
    },
  );

  test('the first two students of every class log in with their student number', async () => {
    const students = await app.strapi.db.query('api::student.student').findMany({ where: { user: { id: { $notNull: true } } }, populate: ['user'] });
    expect(students.length).toBe(24);
    const login = await app.http.post('/api/auth/local').send({ identifier: students[0].studentNumber, password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user.username).toBe(students[0].studentNumber);
  });

  test('demo status changes in every state the admin shows, the approved ones applied to their students', async () => {
    expect(first.statusChanges).toBe(8);
    const requests = (await app.strapi.db.query('api::status-change.status-change').findMany({ select: ['state'] })) as Array<{ state: string }>;
    expect(new Set(requests.map((r) => r.state))).toEqual(new Set(['draft', 'submitted', 'returned', 'rejected', 'approved']));
    expect(await count('api::approval-decision.approval-decision')).toBe(14);
    expect(await count('api::status-history.status-history')).toBe(3);
    expect(await count('api::student.student', { status: 'suspended' })).toBe(1);
  });

  test('department managers belong to their own department', async () => {
    const membership = (await app.strapi.db.query('api::staff-membership.staff-membership').findOne({ where: { email: 'dept02.manager@example.com' }, populate: ['department'] })) as any;
    expect(membership).toMatchObject({ position: 'manager', department: { code: '02' } });
  });

  test('a password-reset mail goes to the log provider: nothing leaves the machine', async () => {
    expect(app.strapi.config.get('plugin::email.provider')).toBe('@student-records/provider-email-log');
    const info = jest.spyOn(app.strapi.log, 'info');
    try {
      const reset = await app.http.post('/api/auth/forgot-password').send({ email: 'dept01.clerk@example.com' });
      expect(reset.status).toBe(200);
      const lines = info.mock.calls.map((call) => String(call[0]));
      expect(lines.some((line) => line.includes('[email] not sent') && line.includes('dept01.clerk@example.com'))).toBe(true);
    } finally {
      info.mockRestore();
    }
  });
});
