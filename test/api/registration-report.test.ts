/**
 * The registration report (issue 16) on the seed example (001, 3. 数据与案例): 3,000 students
 * expected in two departments, 2,950 registered in the window (98.3 %), 50 deferred: 45 applied
 * and registered by their deferral's end, 5 overdue of whom 3 registered later and 2 left. The
 * students are admitted in bulk, the semester opened by academic affairs, then each row is put in
 * the state the flow would leave it in (as window-end and reopen write them). Through REST, as a
 * sheet and through GraphQL, for the school and per department, in each caller's scope.
 */
import { setClock } from '../../src/services/clock';
import { currentCohort, studentInput } from '../factories';
import { createWorkflowWorld, type WorkflowWorld } from '../factories/status-changes';
import { createSemester, openSemester, type TestSemester } from '../factories/registration';
import { binary, sheetRows } from '../helpers/binary';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: WorkflowWorld;
let semester: TestSemester;
const departments: Record<'own' | 'other', { id: number; name: string; code: string }> = {} as never;

/** Each department's share of the seed example; together 3,000 / 2,950 / 45 / 5 (3 later, 2 left). */
const MIX = {
  own: { expected: 1800, deferred: 25, lateRegistered: 2, left: 1 },
  other: { expected: 1200, deferred: 20, lateRegistered: 1, left: 1 },
};

const SEED_SCHOOL = {
  expected: 3000,
  registered: 2950,
  registeredTotal: 2998,
  onTimeRate: 98.3,
  deferred: { total: 50, applied: 45, overdue: 5, registeredLater: 3, left: 2 },
  neverRegistered: 2,
  pending: 0,
};

/** `count` students admitted in bulk into classes of the department's major (at most 90 a class). */
async function admitInto(tree: WorkflowWorld['tree'], count: number): Promise<void> {
  const classes = [tree.schoolClass.documentId];
  for (let sequence = 2; classes.length * 90 < count; sequence += 1) {
    const created = await app.strapi.documents('api::school-class.school-class').create({
      data: { name: `注册统计班${sequence}`, enrollmentYear: currentCohort(), sequence: String(sequence).padStart(2, '0'), major: tree.major.documentId } as never,
    });
    classes.push(created.documentId);
  }
  const rows = Array.from({ length: count }, (_, i) => studentInput(classes[Math.floor(i / 90)]));
  const response = await app.http.post('/api/students/admissions').set('Authorization', app.auth).send({ data: rows });
  if (response.status !== 200 && response.status !== 201) throw new Error(`admission failed: ${response.status} ${JSON.stringify(response.body).slice(0, 500)}`);
}

/**
 * The department's rows put where the flow leaves them, in id order: first the deferred (registered
 * by their deferral's end), then those on time, then the overdue registered later (reopened: late),
 * last the overdue who left (missed at the window's end).
 */
async function settle(departmentId: number, mix: (typeof MIX)['own']): Promise<void> {
  const onTimeEnd = mix.expected - mix.lateRegistered - mix.left;
  const lateEnd = mix.expected - mix.left;
  await app.strapi.db.connection.raw(
    `WITH ranked AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM registrations WHERE semester_key = :semester AND department_scope = :department)
     UPDATE registrations r SET
       state = CASE WHEN ranked.n > :lateEnd THEN 'missed' ELSE 'registered' END,
       workflow_state = CASE WHEN ranked.n > :lateEnd THEN 'draft' ELSE 'approved' END,
       deferred_until = CASE WHEN ranked.n <= :deferred THEN r.window_closes + 14 END,
       overdue = ranked.n > :onTimeEnd,
       late = ranked.n > :onTimeEnd AND ranked.n <= :lateEnd,
       missed_at = CASE WHEN ranked.n > :lateEnd THEN now() END
      FROM ranked WHERE ranked.id = r.id`,
    { semester: semester.id, department: departmentId, deferred: mix.deferred, onTimeEnd, lateEnd },
  );
}

beforeAll(async () => {
  // A database of its own: opening a semester takes in every student who should register.
  app = await startStrapi({ freshDatabase: true });
  world = await createWorkflowWorld(app);
  for (const [key, tree] of [['own', world.tree], ['other', world.otherTree]] as const) {
    const row = (await app.strapi.db.query('api::department.department').findOne({ where: { documentId: tree.department.documentId }, select: ['id', 'name', 'code'] })) as { id: number; name: string; code: string };
    departments[key] = row;
    await admitInto(tree, MIX[key].expected);
  }
  semester = await createSemester(app);
  setClock(`${semester.code.slice(0, 4)}-08-25T10:00:00+08:00`);
  const opened = await openSemester(app, world.academicAffairs.api, semester.code);
  if (opened.status !== 200) throw new Error(`open failed: ${opened.status} ${JSON.stringify(opened.body)}`);
  await settle(departments.own.id, MIX.own);
  await settle(departments.other.id, MIX.other);
}, 120_000);

afterAll(async () => {
  setClock(null);
  await app?.stop();
});

const report = (auth: string, query = `semester=${semester.code}`) => app.http.get(`/api/registrations/report?${query}`).set('Authorization', auth);

describe('the seed example on generated data', () => {
  test('the rows are as the flow would leave them: 3,000 opened, 2,998 registered, 2 missed', async () => {
    const { rows } = (await app.strapi.db.connection.raw(`SELECT state, count(*)::int AS n FROM registrations WHERE semester_key = ? GROUP BY state ORDER BY state`, [semester.id])) as { rows: Array<{ state: string; n: number }> };
    expect(rows).toEqual([{ state: 'missed', n: 2 }, { state: 'registered', n: 2998 }]);
  });

  test('academic affairs: the school figures are the seed\'s (3,000 expected, 2,950 on time = 98.3 %, 50 deferred: 45 + 5, 3 later, 2 left)', async () => {
    // When academic affairs asks for the semester's report
    const res = await report(world.academicAffairs.api);
    // Then the school's figures are the seed example's
    expect(res.status).toBe(200);
    expect(res.body.data.semester.code).toBe(semester.code);
    expect(res.body.data.school).toEqual(SEED_SCHOOL);
  });

  test('per department: each department\'s own figures, adding up to the school\'s', async () => {
    const res = await report(world.academicAffairs.api);
    const byCode = Object.fromEntries(res.body.data.departments.map((d: { department: { code: string } }) => [d.department.code, d]));
    expect(Object.keys(byCode).sort()).toEqual([departments.own.code, departments.other.code].sort());
    expect(byCode[departments.own.code]).toEqual({
      department: departments.own,
      expected: 1800,
      registered: 1772,
      registeredTotal: 1799,
      onTimeRate: 98.4,
      deferred: { total: 28, applied: 25, overdue: 3, registeredLater: 2, left: 1 },
      neverRegistered: 1,
      pending: 0,
    });
    expect(byCode[departments.other.code]).toMatchObject({ expected: 1200, registered: 1178, onTimeRate: 98.2, deferred: { total: 22, applied: 20, overdue: 2, registeredLater: 1, left: 1 } });
  });

  test('a department manager sees only their department: its row, and the school line is theirs alone', async () => {
    const res = await report(world.manager.api);
    expect(res.status).toBe(200);
    expect(res.body.data.departments.map((d: { department: { id: number } }) => d.department.id)).toEqual([departments.own.id]);
    expect(res.body.data.school).toMatchObject({ expected: 1800, registered: 1772, onTimeRate: 98.4, deferred: { total: 28, applied: 25, overdue: 3, registeredLater: 2, left: 1 } });
    const other = await report(world.otherManager.api);
    expect(other.body.data.departments.map((d: { department: { id: number } }) => d.department.id)).toEqual([departments.other.id]);
    expect(other.body.data.school.expected).toBe(1200);
  });
});

describe('as a sheet', () => {
  test('academic affairs: title row names the semester and the whole school; a row per department and the totals', async () => {
    const res = await binary(report(world.academicAffairs.api, `semester=${semester.code}&format=xlsx`));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetRows(res.body);
    expect(rows[0][0]).toBe('学籍注册统计');
    expect(rows[1][0]).toBe(`${semester.code} 学期 · 范围：全校`);
    expect(rows[2].slice(0, 4)).toEqual(['系部', '应注册', '按时注册', '按时注册率(%)']);
    expect(rows.slice(3, -1).map((r) => r[0]).sort()).toEqual([departments.own.name, departments.other.name].sort());
    expect(rows[rows.length - 1]).toEqual(['合计', 3000, 2950, 98.3, 2998, 50, 45, 5, 3, 2, 0]);
  });

  test('a department manager: the title row names their department, and only its row is there', async () => {
    const res = await binary(report(world.manager.api, `semester=${semester.code}&format=xlsx`));
    expect(res.status).toBe(200);
    const rows = await sheetRows(res.body);
    expect(rows[1][0]).toBe(`${semester.code} 学期 · 范围：${departments.own.name}`);
    expect(rows.slice(3, -1)).toEqual([[departments.own.name, 1800, 1772, 98.4, 1799, 28, 25, 3, 2, 1, 0]]);
  });
});

describe('refusals', () => {
  test('a format other than xlsx: 400 naming format', async () => {
    const res = await report(world.academicAffairs.api, `semester=${semester.code}&format=pdf`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain('format');
  });

  test.each(['1999-2000-1', 'autumn'])('semester %s (unknown or malformed): 400 naming semester', async (code) => {
    const res = await report(world.academicAffairs.api, `semester=${code}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details?.errors?.[0]?.path ?? []).toContain('semester');
  });
});

describe('through GraphQL', () => {
  const QUERY = `query ($semester: String) { registrationReport(semester: $semester) {
    semester { code }
    school { expected registered registeredTotal onTimeRate deferred { total applied overdue registeredLater left } neverRegistered pending }
    departments { department { id name code } expected registered registeredTotal onTimeRate deferred { total applied overdue registeredLater left } neverRegistered pending }
  } }`;
  const graphql = (auth: string, semesterCode: string) => app.http.post('/graphql').set('Authorization', auth).send({ query: QUERY, variables: { semester: semesterCode } });

  test('the same answer as the REST report, for academic affairs and in a manager\'s scope', async () => {
    for (const person of [world.academicAffairs, world.manager]) {
      const [rest, gql] = await Promise.all([report(person.api), graphql(person.api, semester.code)]);
      expect(gql.body.errors).toBeUndefined();
      expect(gql.body.data.registrationReport.school).toEqual(rest.body.data.school);
      expect(gql.body.data.registrationReport.departments).toEqual(rest.body.data.departments);
    }
    const school = await graphql(world.academicAffairs.api, semester.code);
    expect(school.body.data.registrationReport.school).toEqual(SEED_SCHOOL);
  });

  test('an unknown semester: a validation error naming semester', async () => {
    const res = await graphql(world.academicAffairs.api, '1999-2000-1');
    expect(res.body.data?.registrationReport ?? null).toBeNull();
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].extensions.error.details.errors[0].path).toEqual(['semester']);
  });

  test('registrations and deferrals have no generated mutations; fee statuses no delete', async () => {
    const res = await app.http.post('/graphql').set('Authorization', app.auth).send({ query: '{ __type(name: "Mutation") { fields { name } } }' });
    const names: string[] = res.body.data.__type.fields.map((f: { name: string }) => f.name);
    for (const name of ['createRegistration', 'updateRegistration', 'deleteRegistration', 'createRegistrationDeferral', 'updateRegistrationDeferral', 'deleteRegistrationDeferral', 'deleteFeeStatus']) {
      expect(names).not.toContain(name);
    }
    expect(names).toEqual(expect.arrayContaining(['createFeeStatus', 'updateFeeStatus']));
  });
});
