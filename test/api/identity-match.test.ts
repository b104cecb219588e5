/**
 * "Already on record" (security review): a department admitting someone whose national ID is
 * another department's student is told only that; every match leaves an audit line, and a person
 * gets at most IDENTITY_MATCHES_PER_WINDOW such answers a window, after which admissions wait.
 */
import { createClassTree, studentInput, type ClassTree } from '../factories';
import { createStaff, type StaffActor } from '../factories/actors';
import { auditRows } from '../helpers/audit';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { IDENTITY_MATCHES_PER_WINDOW, IDENTITY_MATCH_WINDOW_HOURS } from '../../src/services/identity-match';

let app: TestApp;
let theirs: ClassTree;
let ours: ClassTree;
beforeAll(async () => {
  app = await startStrapi();
  theirs = await createClassTree(app.strapi);
  ours = await createClassTree(app.strapi);
});
afterAll(async () => {
  await app.stop();
});

/** Students admitted into the other department, by a trusted system. */
async function theirStudents(n: number): Promise<Array<{ documentId: string; studentNumber: string; name: string; nationalId: string }>> {
  const rows = Array.from({ length: n }, () => studentInput(theirs.schoolClass.documentId));
  const response = await app.http.post('/api/students/admissions').set('Authorization', app.auth).send({ data: rows });
  expect(response.status).toBe(201);
  return response.body.data.map((student: Record<string, string>, i: number) => ({ ...student, nationalId: rows[i].nationalId as string }));
}

const ourManager = () => createStaff(app, { adminRole: 'department-manager', department: ours.department.documentId });
const admitOne = (staff: StaffActor, nationalId: string) =>
  app.http.post('/api/students').set('Authorization', staff.api).send({ data: studentInput(ours.schoolClass.documentId, { nationalId }) });
const studentsOfOurs = () => app.strapi.db.query('api::student.student').count({ where: { schoolClass: { documentId: ours.schoolClass.documentId } } });

async function afterTheWindow<T>(work: () => Promise<T>): Promise<T> {
  const realNow = Date.now.bind(Date);
  const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + IDENTITY_MATCH_WINDOW_HOURS * 3_600_000 + 1000);
  try {
    return await work();
  } finally {
    clock.mockRestore();
  }
}

describe('a national ID already on record', () => {
  test('REST: the answer names the field only, not the student or department, and leaves an audit line naming the matched record', async () => {
    // Given a student of another department, and our manager
    const [student] = await theirStudents(1);
    const manager = await ourManager();
    // When our manager admits someone with that national ID
    const response = await admitOne(manager, student.nationalId);
    // Then it is a 400 on nationalId that says nothing else
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors.map((e: { path: string[] }) => e.path)).toEqual([['nationalId']]);
    const body = JSON.stringify(response.body);
    const stored = (await app.strapi.db.query('api::student.student').findOne({ where: { documentId: student.documentId }, populate: ['department'] })) as any;
    for (const secret of [stored.documentId, stored.studentNumber, stored.name, stored.department.name, stored.department.documentId]) expect(body).not.toContain(secret);
    // And the audit log has the match, by our manager, on the matched record, though nothing was admitted
    const lines = await auditRows(app, student.documentId, 'identity-match');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ actor_type: 'user', actor_id: manager.userId, channel: 'rest', fields: ['nationalId'] });
    expect(JSON.stringify(lines)).not.toContain(student.nationalId);
  });

  test('bulk admission by a trusted system (API token): one audit line per matched row, naming the token', async () => {
    const matched = await theirStudents(2);
    const rows = [...matched.map((s) => studentInput(ours.schoolClass.documentId, { nationalId: s.nationalId })), studentInput(ours.schoolClass.documentId)];
    const response = await app.http.post('/api/students/admissions').set('Authorization', app.auth).send({ data: rows });
    expect(response.status).toBe(400);
    for (const student of matched) expect(await auditRows(app, student.documentId, 'identity-match')).toEqual([expect.objectContaining({ actor_type: 'api-token' })]);
  });

  test('Content Manager: an admin-side admission is told and audited the same way', async () => {
    const [student] = await theirStudents(1);
    const manager = await ourManager();
    const response = await app.http
      .post('/content-manager/collection-types/api::student.student')
      .set('Authorization', manager.admin)
      .send(studentInput(ours.schoolClass.documentId, { nationalId: student.nationalId }));
    expect(response.status).toBe(400);
    expect(await auditRows(app, student.documentId, 'identity-match')).toEqual([expect.objectContaining({ actor_type: 'admin', actor_id: manager.adminUserId, channel: 'admin' })]);
  });

  test(`after ${IDENTITY_MATCHES_PER_WINDOW} matches a person's admissions wait for the window (429, nothing written), then go on`, async () => {
    // Given a manager who has been told "already on record" the limit's number of times
    const matched = await theirStudents(IDENTITY_MATCHES_PER_WINDOW + 1);
    const manager = await ourManager();
    for (const student of matched.slice(0, IDENTITY_MATCHES_PER_WINDOW)) expect((await admitOne(manager, student.nationalId)).status).toBe(400);
    const before = await studentsOfOurs();
    // When they admit again, with a matching or a new national ID, then no answer is given about it
    const matching = await admitOne(manager, matched[IDENTITY_MATCHES_PER_WINDOW].nationalId);
    const fresh = await admitOne(manager, studentInput(ours.schoolClass.documentId).nationalId as string);
    for (const response of [matching, fresh]) {
      expect(response.status).toBe(429);
      expect(response.body.error.name).toBe('RateLimitError');
    }
    expect(await studentsOfOurs()).toBe(before);
    // And another person is not affected, and the window passing lets the manager go on
    expect((await admitOne(await ourManager(), studentInput(ours.schoolClass.documentId).nationalId as string)).status).toBe(201);
    expect((await afterTheWindow(() => admitOne(manager, studentInput(ours.schoolClass.documentId).nationalId as string))).status).toBe(201);
  });
});
