import path from 'node:path';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';

// The compiled seed, as `npm run seed` runs it: its flows share the running app's modules (the scope's and the engine's state).
const { seedDemoData } = require(path.join(ROOT, 'dist', 'src', 'seed')) as typeof import('../../src/seed');

let app: TestApp;
let first: Awaited<ReturnType<typeof seedDemoData>>;
const PASSWORD = 'Seed-Test-1234';

// The whole demo college on a fresh database: about a minute alone, several on a busy 2-core machine.
beforeAll(async () => {
  app = await startStrapi({ freshDatabase: true });
  first = await seedDemoData(app.strapi, PASSWORD);
}, 480_000);
afterAll(async () => {
  await app.stop();
});

const count = (uid: string, where: Record<string, unknown> = {}) => app.strapi.db.query(uid as never).count({ where });
const RECORD = 'api::integrity-record.integrity-record';
const REGISTRATION_UIDS = ['api::registration.registration', 'api::fee-status.fee-status'];
const INTEGRITY_UIDS = [...REGISTRATION_UIDS, RECORD, 'api::integrity-record-version.integrity-record-version', 'api::integrity-appeal.integrity-appeal', 'api::integrity-amendment.integrity-amendment', 'api::integrity-self-entry.integrity-self-entry', 'api::approval-decision.approval-decision'];

describe('demo data', () => {
  test('the current semester is open for registration, with every state a screen shows', async () => {
    expect(first.registrations).toBeGreaterThan(500);
    const states = (await app.strapi.db.connection('registrations').select('state').count({ n: '*' }).groupBy('state')) as Array<{ state: string; n: string }>;
    expect(states.map((s) => s.state).sort()).toEqual(['missed', 'registered', 'submitted']);
    // Those waiting at their department include the ones finance marks as owing, with the reason.
    const owing = await app.strapi.db.connection('registrations as r').join('fee_statuses as f', function join() {
      this.on('f.student_key', 'r.student_key').andOn('f.semester_key', 'r.semester_key');
    }).where('f.status', 'owing').select('r.state', 'r.conditions_met');
    expect(owing.length).toBeGreaterThan(0);
    expect(owing.every((row: { state: string; conditions_met: boolean }) => row.state !== 'submitted' || row.conditions_met === false)).toBe(true);
  });

  test('the demo college: 3 departments, 6 majors (one popular, one restricted), 12 classes over two years, 600 students', async () => {
    expect(first.students).toBe(600);
    expect(await count('api::student.student')).toBe(600);
    expect(await count('api::department.department')).toBe(3);
    expect(await count('admin::user')).toBe(14);
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
    const before = await Promise.all(['api::student.student', 'api::staff-membership.staff-membership', 'admin::user', 'plugin::users-permissions.user', ...INTEGRITY_UIDS].map((uid) => count(uid)));
    const second = await seedDemoData(app.strapi, PASSWORD);
    expect(second).toMatchObject({ students: 0, staff: 0, studentLogins: 0, statusChanges: 0, integrityRecords: 0, registrations: 0 });
    const after = await Promise.all(['api::student.student', 'api::staff-membership.staff-membership', 'admin::user', 'plugin::users-permissions.user', ...INTEGRITY_UIDS].map((uid) => count(uid)));
    expect(after).toEqual(before);
  });

  test.each(['admin@example.com', 'dept01.manager@example.com', 'dept03.clerk@example.com', 'academic@example.com', 'studentaffairs@example.com', 'archive@example.com', 'leader@example.com', 'finance@example.com', 'security@example.com', 'library@example.com'])(
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
    expect(await count('api::approval-decision.approval-decision', { subject: 'status-change' })).toBe(14);
    expect(await count('api::status-history.status-history', { workflow: { $ne: 'registration' } })).toBe(3);
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

  describe('the integrity archive', () => {
    const records = async () => (await app.strapi.db.query(RECORD).findMany({ populate: { student: { select: ['id', 'studentNumber'] } } })) as Array<Record<string, any>>;

    test('records in every state, from finance, security, the library, academic affairs, student affairs and departments', async () => {
      expect(first.integrityRecords).toBe(14);
      const rows = await records();
      expect(rows).toHaveLength(14);
      expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['entered', 'confirmed', 'acknowledged', 'appealed', 'modified', 'revoked', 'amended']));
      expect(new Set(rows.map((r) => r.sourceOffice))).toEqual(new Set(['finance', 'security', 'library', 'academic-affairs', 'student-affairs', 'department']));
      expect(new Set(rows.filter((r) => r.state === 'entered').map((r) => r.level))).toEqual(new Set(['school', 'department']));
      // The appeal's modification changed the content; its result and reason are on the version.
      const modified = rows.find((r) => r.state === 'modified');
      expect(modified?.title).toBe('期末考试违纪（携带手机进入考场）');
      // Rejected appeal: the record stands, confirmed again.
      expect(rows.find((r) => r.title === '利用校园网传播不实信息')?.state).toBe('confirmed');
    });

    test('every move of every record is one version: numbered 1..n, the last one the record as it stands', async () => {
      for (const record of await records()) {
        const versions = (await app.strapi.db.query('api::integrity-record-version.integrity-record-version').findMany({ where: { record: { id: record.id } }, orderBy: [{ version: 'asc' }] })) as Array<Record<string, any>>;
        expect(versions.map((v) => v.version)).toEqual(Array.from({ length: record.version }, (_, i) => i + 1));
        expect(versions[0].event).toBe('enter');
        expect(versions.at(-1)).toMatchObject({ state: record.state, content: expect.objectContaining({ title: record.title }) });
      }
      const byState = new Map((await records()).map((r) => [r.state, r]));
      const events = async (state: string) => ((await app.strapi.db.query('api::integrity-record-version.integrity-record-version').findMany({ where: { record: { id: byState.get(state)?.id } }, orderBy: [{ version: 'asc' }] })) as Array<{ event: string }>).map((v) => v.event);
      expect(await events('revoked')).toEqual(['enter', 'confirm', 'appeal', 'appeal-revoke']);
      expect(await events('amended')).toEqual(['enter', 'confirm', 'acknowledge', 'amend']);
    });

    test('an appeal waits for student affairs and an amendment waits at its source office; the decided ones are kept with their decisions', async () => {
      const appeals = (await app.strapi.db.query('api::integrity-appeal.integrity-appeal').findMany({})) as Array<Record<string, any>>;
      expect(appeals.map((a) => a.state).sort()).toEqual(['approved', 'approved', 'rejected', 'submitted']);
      const open = appeals.find((a) => a.state === 'submitted');
      expect(open?.chainSteps[open.currentStep - 1].unit).toBe('student-affairs');
      const amendments = (await app.strapi.db.query('api::integrity-amendment.integrity-amendment').findMany({})) as Array<Record<string, any>>;
      expect(amendments.map((a) => a.state).sort()).toEqual(['approved', 'submitted']);
      const waiting = amendments.find((a) => a.state === 'submitted');
      expect(waiting).toMatchObject({ currentStep: 2, sourceOffice: 'finance' });
      expect(waiting?.chainSteps[1].unit).toBe('source-office');
      expect(await count('api::approval-decision.approval-decision', { subject: 'integrity-appeal' })).toBe(3);
      expect(await count('api::approval-decision.approval-decision', { subject: 'integrity-amendment' })).toBe(4);
    });

    test('the students\' own part pending, reviewed and returned; commitments signed', async () => {
      const entries = (await app.strapi.db.query('api::integrity-self-entry.integrity-self-entry').findMany({})) as Array<Record<string, any>>;
      expect(new Set(entries.map((e) => e.review))).toEqual(new Set(['pending', 'reviewed', 'returned']));
      expect(entries.find((e) => e.review === 'returned')?.reviewComment).toBeTruthy();
      expect(await count('api::integrity-archive.integrity-archive', { commitmentSignedAt: { $notNull: true } })).toBe(4);
      expect(await count('api::integrity-archive.integrity-archive', { agreementSignedAt: { $notNull: true } })).toBe(2);
    });

    test('the finance login (integrity source) sees the records it entered, and no other office\'s', async () => {
      const login = await app.http.post('/api/auth/local').send({ identifier: 'finance@example.com', password: PASSWORD });
      const admin = (await app.strapi.db.query('admin::user').findOne({ where: { email: 'finance@example.com' }, populate: ['roles'] })) as any;
      expect(admin.roles.map((r: { code: string }) => r.code).sort()).toEqual(['finance', 'integrity-source']);
      const list = await app.http.get('/api/integrity-records?pagination[pageSize]=100').set('Authorization', `Bearer ${login.body.jwt}`);
      expect(list.status).toBe(200);
      const offices = new Set((list.body.data as Array<{ sourceOffice: string }>).map((r) => r.sourceOffice));
      expect(offices).toEqual(new Set(['finance']));
      expect(list.body.data).toHaveLength(4);
    });

    test('a demo student sees their confirmed records and their open appeal, not the entered one', async () => {
      const appeal = (await app.strapi.db.query('api::integrity-appeal.integrity-appeal').findOne({ where: { state: 'submitted' }, populate: { student: { populate: ['user'] } } })) as any;
      const login = await app.http.post('/api/auth/local').send({ identifier: appeal.student.user.username, password: PASSWORD });
      const mine = await app.http.get('/api/me/integrity').set('Authorization', `Bearer ${login.body.jwt}`);
      expect(mine.status).toBe(200);
      const states = mine.body.data.records.map((r: { state: string }) => r.state);
      expect(states).toContain('appealed');
      expect(states).not.toContain('entered');
    });
  });
});
