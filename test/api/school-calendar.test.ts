/**
 * The school calendar: holidays and make-up working days seeded from chinese-days, semesters for
 * this and next school year, both edited by academic affairs in the Content Manager and checked
 * by the database; a step's deadline counted on the calendar.
 */
import { setClock } from '../../src/services/clock';
import { createStaff, ensureOffices, type StaffActor } from '../factories/actors';
import { act, activeStudent, attachDocuments, createRequest, createWorkflowWorld, suspensionData, type WorkflowWorld } from '../factories/status-changes';
import { startStrapi, type TestApp } from '../helpers/strapi';

const CALENDAR_DAY = 'api::calendar-day.calendar-day';
const SEMESTER = 'api::semester.semester';

let app: TestApp;
let world: WorkflowWorld;
let academicAffairs: StaffActor;
const cm = (uid: string) => `/content-manager/collection-types/${uid}`;

beforeAll(async () => {
  // Started in the autumn of 2026: the seed covers 2025 on, and the semesters of 2026-2027 and 2027-2028.
  setClock('2026-09-30T10:00:00+08:00');
  app = await startStrapi({ freshDatabase: true });
  await ensureOffices(app);
  world = await createWorkflowWorld(app);
  academicAffairs = world.academicAffairs;
});

afterAll(async () => {
  await app.stop();
  setClock(null);
});

describe('seeded', () => {
  test('the holidays and make-up working days of the years the package covers, with Chinese names', async () => {
    const day = (date: string) => app.strapi.db.query(CALENDAR_DAY).findOne({ where: { date } });
    expect(await day('2026-10-01')).toMatchObject({ kind: 'holiday', name: '国庆节' });
    expect(await day('2026-10-10')).toMatchObject({ kind: 'make-up-workday', name: '国庆节调休上班' });
    expect(await day('2026-02-17')).toMatchObject({ kind: 'holiday', name: '春节' });
    // Years before last are left out: no deadline reads them
    expect(await app.strapi.db.query(CALENDAR_DAY).count({ where: { date: { $lt: '2025-01-01' } } })).toBe(0);
  });

  test('the semesters of this school year and the next', async () => {
    const codes = ((await app.strapi.db.query(SEMESTER).findMany({ orderBy: { startDate: 'asc' } })) as Array<{ code: string; registrationWorkingDays: number }>).map((s) => s.code);
    expect(codes).toEqual(['2026-2027-1', '2026-2027-2', '2027-2028-1', '2027-2028-2']);
  });

  test('a day an admin deleted stays deleted when the server starts again', async () => {
    const row = (await app.strapi.db.query(CALENDAR_DAY).findOne({ where: { date: '2026-05-01' } })) as { id: number };
    await app.strapi.db.query(CALENDAR_DAY).delete({ where: { id: row.id } });
    const { seedSchoolCalendar } = await import('../../src/services/school-calendar');
    expect(await seedSchoolCalendar(app.strapi, 2025)).toEqual([]);
    expect(await app.strapi.db.query(CALENDAR_DAY).count({ where: { date: '2026-05-01' } })).toBe(0);
  });
});

describe('a step is due after its working days on the calendar', () => {
  test('submitted on the eve of National Day, a 3-working-day step is due on the make-up Saturday 10 October', async () => {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const request = await createRequest(app, world.manager.api, suspensionData(student.documentId));
    await attachDocuments(app, request.documentId);
    expect((await act(app, world.manager.api, request.documentId, 'submit')).status).toBe(200);
    const row = (await app.strapi.db.query('api::status-change.status-change').findOne({ where: { documentId: request.documentId } })) as { currentStepDue: string; chainSteps: Array<{ deadlineDays: number }> };
    expect(row.chainSteps[0].deadlineDays).toBe(3);
    expect(row.currentStepDue).toBe('2026-10-10');
  });
});

describe('edited in the Content Manager', () => {
  test('academic affairs adds a school holiday; the calendar answers it', async () => {
    const created = await app.http.post(cm(CALENDAR_DAY)).set('Authorization', academicAffairs.admin).send({ date: '2026-11-20', kind: 'holiday', name: '校庆日' });
    expect(created.status).toBe(201);
    const { loadSchoolCalendar } = await import('../../src/services/school-calendar');
    expect((await loadSchoolCalendar(app.strapi, '2026-11-01')).holidays.has('2026-11-20')).toBe(true);
  });

  test('a date already in the calendar is a 400 naming date, and nothing is added', async () => {
    const before = await app.strapi.db.query(CALENDAR_DAY).count({ where: { date: '2026-10-02' } });
    const again = await app.http.post(cm(CALENDAR_DAY)).set('Authorization', academicAffairs.admin).send({ date: '2026-10-02', kind: 'holiday', name: '国庆节' });
    expect(again.status).toBe(400);
    expect(again.body.error.details.errors[0].path).toEqual(['date']);
    expect(await app.strapi.db.query(CALENDAR_DAY).count({ where: { date: '2026-10-02' } })).toBe(before);
  });

  test.each([
    ['a code that is not a school year', { code: '2026-2028-1', startDate: '2028-09-01', endDate: '2029-01-31' }, 'code'],
    ['a third semester', { code: '2028-2029-3', startDate: '2028-09-01', endDate: '2029-01-31' }, 'code'],
    ['an end before the start', { code: '2028-2029-1', startDate: '2029-01-31', endDate: '2028-09-01' }, 'endDate'],
    ['an existing code', { code: '2026-2027-1', startDate: '2026-09-01', endDate: '2027-01-31' }, 'code'],
  ])('a semester with %s is a 400 naming the field', async (_label, data, field) => {
    const response = await app.http.post(cm(SEMESTER)).set('Authorization', academicAffairs.admin).send({ registrationWorkingDays: 10, ...data });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual([field]);
  });

  test('a department clerk reads the calendar but cannot change it (admin and content API)', async () => {
    const clerk = world.clerk;
    expect((await app.http.get(`${cm(CALENDAR_DAY)}?page=1&pageSize=5`).set('Authorization', clerk.admin)).status).toBe(200);
    expect((await app.http.post(cm(CALENDAR_DAY)).set('Authorization', clerk.admin).send({ date: '2026-12-24', kind: 'holiday', name: '平安夜' })).status).toBe(403);
    expect((await app.http.get('/api/calendar-days?pagination[pageSize]=5').set('Authorization', clerk.api)).status).toBe(200);
    expect((await app.http.post('/api/calendar-days').set('Authorization', clerk.api).send({ data: { date: '2026-12-24', kind: 'holiday', name: '平安夜' } })).status).toBe(403);
    expect(await app.strapi.db.query(CALENDAR_DAY).count({ where: { date: '2026-12-24' } })).toBe(0);
  });

  test('academic affairs moves a semester start; the archive office cannot', async () => {
    const semester = (await app.strapi.db.query(SEMESTER).findOne({ where: { code: '2026-2027-2' } })) as { documentId: string };
    const moved = await app.http.put(`${cm(SEMESTER)}/${semester.documentId}`).set('Authorization', academicAffairs.admin).send({ startDate: '2027-02-24' });
    expect(moved.status).toBe(200);
    expect(((await app.strapi.db.query(SEMESTER).findOne({ where: { code: '2026-2027-2' } })) as { startDate: string }).startDate).toBe('2027-02-24');
    const other = await createStaff(app, { adminRole: 'archive-office', office: 'archive' });
    expect((await app.http.put(`${cm(SEMESTER)}/${semester.documentId}`).set('Authorization', other.admin).send({ startDate: '2027-03-01' })).status).toBe(403);
  });
});

describe('several processes starting at once', () => {
  test('two seedings at the same moment add each date once, and both succeed', async () => {
    const { seedSchoolCalendar, ensureSemesters } = await import('../../src/services/school-calendar');
    await app.strapi.db.query(CALENDAR_DAY).deleteMany({ where: { date: { $gte: '2026-01-01', $lte: '2026-12-31' } } });
    await app.strapi.store.set({ type: 'core', name: 'student-records', key: 'calendar-seeded-years', value: ['2025'] });
    await Promise.all([seedSchoolCalendar(app.strapi, 2025), seedSchoolCalendar(app.strapi, 2025)]);
    const { rows } = (await app.strapi.db.connection.raw("SELECT count(*)::int AS n, count(DISTINCT date)::int AS d FROM calendar_days WHERE date BETWEEN '2026-01-01' AND '2026-12-31'")) as { rows: Array<{ n: number; d: number }> };
    expect(rows[0].n).toBeGreaterThan(20);
    expect(rows[0].n).toBe(rows[0].d);
    await app.strapi.db.query(SEMESTER).deleteMany({ where: { code: { $startsWith: '2027-2028' } } });
    const [a, b] = await Promise.all([ensureSemesters(app.strapi, 2026), ensureSemesters(app.strapi, 2026)]);
    expect([...a, ...b].sort()).toEqual(['2027-2028-1', '2027-2028-2']);
  });
});
