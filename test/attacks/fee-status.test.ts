/**
 * Finance's fee statuses as an attacker sees them (issue 16): every role but finance writing one
 * through REST, GraphQL, the Content Manager and the import; finance itself smuggling system fields
 * or two students into one status; a department manager learning anything of another department's
 * statuses through filters, `$or`/`$not`, private columns, sorts, populate, counts and GraphQL; a
 * student reaching anyone's status but their own. The existing cases of test/api/fee-status.test.ts
 * and test/attacks/registration.test.ts are not repeated.
 */
import ExcelJS from 'exceljs';
import { SUPER_ADMIN_ROLE } from '../../src/domain/permissions';
import { createStaff, type StaffActor } from '../factories/actors';
import { createSemester, type TestSemester } from '../factories/registration';
import { buildWorld, classmateLeaksOf, leaksOf, type Person, type World } from './world';

const FEE_STATUS = 'api::fee-status.fee-status';
const REST = '/api/fee-statuses';
const CM = `/content-manager/collection-types/${FEE_STATUS}`;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A note only their fee statuses carry: found in a body, it leaked. */
const THEIR_NOTE = `他系欠费备注${Math.random().toString(36).slice(2, 8)}`;
const THEIR_AMOUNT = 7654.32;

let world: World;
let semester: TestSemester;
let finance: StaffActor;
let archive: StaffActor;
let security: StaffActor;
let superAdmin: StaffActor;
/** Fee status documentIds per student documentId. */
const feeOf = new Map<string, string>();
let ourFees: string[];
let theirFees: string[];

type Row = Record<string, any>;
const http = () => world.app.http;
const get = (path: string, auth?: string) => (auth ? http().get(path).set('Authorization', auth) : http().get(path));
const gql = (auth: string | undefined, query: string) => (auth ? http().post('/graphql').set('Authorization', auth) : http().post('/graphql')).send({ query });
const rows = () => world.app.strapi.db.connection('fee_statuses').select('*').orderBy('id') as Promise<Row[]>;
const ids = (body: { data?: Array<{ documentId: string }> | null }) => (body.data ?? []).map((r) => r.documentId).sort();
const errorPaths = (body: any): string[] => (body.error?.details?.errors ?? []).map((e: { path: string[] }) => e.path.join('.'));

/** Nothing of their side, their fee statuses or their note in `body`. */
function theirLeaks(body: unknown): string[] {
  const text = JSON.stringify(body ?? null);
  return [...leaksOf(body, world.theirs), ...[...theirFees, THEIR_NOTE, String(THEIR_AMOUNT)].filter((s) => text.includes(s))];
}

async function fee(person: Person, data: Row): Promise<void> {
  const created = (await world.app.strapi.documents(FEE_STATUS as never).create({ data: { student: person.documentId, semester: semester.documentId, ...data } as never })) as unknown as { documentId: string };
  feeOf.set(person.documentId, created.documentId);
}

async function sheet(values: ExcelJS.CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('缴费状态');
  ws.addRow(['学号', '姓名', '缴费状态', '欠费金额', '备注']);
  for (const row of values) ws.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

beforeAll(async () => {
  world = await buildWorld();
  semester = await createSemester(world.app);
  finance = await createStaff(world.app, { adminRole: 'finance', office: 'finance' });
  archive = await createStaff(world.app, { adminRole: 'archive-office', office: 'archive' });
  security = await createStaff(world.app, { adminRole: 'integrity-source', office: 'security' });
  superAdmin = await createStaff(world.app, { adminRole: SUPER_ADMIN_ROLE, office: 'academic-affairs' });
  const [o0, o1, o2] = world.ours.students;
  await fee(o0, { status: 'paid' });
  await fee(o1, { status: 'owing', amountOwed: 100, note: '本系欠费' });
  await fee(o2, { status: 'aid', note: '本系资助' });
  for (const p of world.theirs.students) await fee(p, { status: 'owing', amountOwed: THEIR_AMOUNT, note: THEIR_NOTE });
  ourFees = world.ours.students.map((p) => feeOf.get(p.documentId) as string).sort();
  theirFees = world.theirs.students.map((p) => feeOf.get(p.documentId) as string).sort();
}, 120_000);

afterAll(async () => {
  await world.app.stop();
});

describe('nobody but finance writes a fee status', () => {
  const writers = () => ({ manager: world.manager, clerk: world.clerk, academic: world.academic, archive, security });

  test('Given the other roles and the public, When each creates, edits and deletes through REST and GraphQL, Then every door refuses and nothing is written', async () => {
    const before = await rows();
    const target = feeOf.get(world.ours.students[1].documentId) as string;
    const newOne = { student: world.ours.students[0].documentId, semester: semester.documentId, status: 'paid' };
    const auths: Array<[string, string | undefined]> = [...Object.entries(writers()).map(([name, s]) => [name, s.api] as [string, string]), ['student', world.student.api], ['public', undefined]];
    for (const [name, auth] of auths) {
      const send = (request: ReturnType<typeof get>) => (auth ? request.set('Authorization', auth) : request);
      const answers = [
        (await send(http().post(REST)).send({ data: newOne })).status,
        (await send(http().put(`${REST}/${target}`)).send({ data: { status: 'paid', amountOwed: null } })).status,
        (await send(http().delete(`${REST}/${target}`))).status,
      ];
      expect({ name, answers: answers.map((s) => [401, 403, 404, 405].includes(s)) }).toEqual({ name, answers: [true, true, true] });
      const created = await gql(auth, `mutation { createFeeStatus(data: { student: "${newOne.student}", semester: "${semester.documentId}", status: paid }) { documentId } }`);
      const updated = await gql(auth, `mutation { updateFeeStatus(documentId: "${target}", data: { status: paid, amountOwed: null }) { documentId } }`);
      for (const answer of [created, updated]) {
        expect({ name, errors: Boolean(answer.body.errors?.length) }).toEqual({ name, errors: true });
        expect(answer.status).toBeLessThan(500);
      }
    }
    expect(await rows()).toEqual(before);
  });

  test('Given the staff roles other than finance, When each creates and edits in the Content Manager, Then 403 and nothing is written', async () => {
    const before = await rows();
    const target = feeOf.get(world.ours.students[1].documentId) as string;
    for (const [name, staff] of Object.entries(writers())) {
      const create = await http().post(CM).set('Authorization', staff.admin).send({ student: { connect: [{ documentId: world.ours.students[0].documentId }] }, semester: { connect: [{ documentId: semester.documentId }] }, status: 'paid' });
      const update = await http().put(`${CM}/${target}`).set('Authorization', staff.admin).send({ status: 'paid', amountOwed: null });
      expect({ name, answers: [create.status, update.status] }).toEqual({ name, answers: [403, 403] });
    }
    expect(await rows()).toEqual(before);
  });

  test('Given finance and a super admin, When one clones a status and the other bulk-deletes statuses in the Content Manager, Then both are refused and nothing changes', async () => {
    const before = await rows();
    const clone = await http().post(`${CM}/clone/${ourFees[0]}`).set('Authorization', finance.admin).send({ student: { connect: [{ documentId: world.theirs.students[0].documentId }] } });
    const bulk = await http().post(`${CM}/actions/bulkDelete`).set('Authorization', superAdmin.admin).send({ documentIds: [ourFees[0], theirFees[0]] });
    expect(clone.status).toBeGreaterThanOrEqual(400);
    expect(clone.status).toBeLessThan(500);
    expect(bulk.status).toBeGreaterThanOrEqual(400);
    expect(bulk.status).toBeLessThan(500);
    expect(await rows()).toEqual(before);
  });

  test('Given a finance member whose membership is no longer active, When they create by REST and import, Then refused and nothing is written', async () => {
    const own = await createSemester(world.app);
    const former = await createStaff(world.app, { adminRole: 'finance', office: 'finance', active: false });
    const p = world.theirs.students[2];
    const created = await http().post(REST).set('Authorization', former.api).send({ data: { student: p.documentId, semester: own.documentId, status: 'paid' } });
    const importOf = async (number: string, name: string) =>
      http().post(`${REST}/import`).set('Authorization', former.api).field('semester', own.code).attach('file', await sheet([[number, name, '已缴费', null, null]]), { filename: '缴费.xlsx', contentType: XLSX });
    const imported = await importOf(p.studentNumber, p.name);
    const nobody = await importOf('209999999999', p.name);
    expect([400, 403]).toContain(created.status);
    expect(theirLeaks(created.body)).toEqual([]);
    // The import echoes the number it was sent, and says the same of a real student out of reach as of nobody.
    expect([400, 403]).toContain(imported.status);
    const said = (error: any) => JSON.stringify([error?.message, error?.details?.errors]).replaceAll(p.studentNumber, 'N').replaceAll('209999999999', 'N');
    expect(said(imported.body.error)).toEqual(said(nobody.body.error));
    expect(await world.app.strapi.db.connection('fee_statuses').where({ semester_key: own.id })).toEqual([]);
  });

  test('Given a sheet, When the public, a student, a clerk, academic affairs and the archive import it, Then 401/403 and nothing is written', async () => {
    const own = await createSemester(world.app);
    const body = await sheet([[world.ours.students[0].studentNumber, world.ours.students[0].name, '已缴费', null, null]]);
    const callers: Array<[string, string | undefined]> = [['public', undefined], ['student', world.student.api], ['clerk', world.clerk.api], ['academic', world.academic.api], ['archive', archive.api]];
    for (const [name, auth] of callers) {
      const request = http().post(`${REST}/import`);
      if (auth) request.set('Authorization', auth);
      const response = await request.field('semester', own.code).attach('file', body, { filename: '缴费.xlsx', contentType: XLSX });
      expect({ name, status: [401, 403].includes(response.status) }).toEqual({ name, status: true });
    }
    expect(await world.app.strapi.db.connection('fee_statuses').where({ semester_key: own.id })).toEqual([]);
  });
});

describe('nobody outside finance, academic affairs, the student\'s department and the student reads one', () => {
  test('Given the public, the archive office and a source office, When each lists, opens and asks GraphQL, Then refused and nothing of either department', async () => {
    for (const [name, auth] of [['public', undefined], ['archive', archive.api], ['security', security.api]] as Array<[string, string | undefined]>) {
      const list = await get(`${REST}?pagination[pageSize]=100`, auth);
      const one = await get(`${REST}/${theirFees[0]}`, auth);
      const graphql = await gql(auth, '{ feeStatuses(pagination: { pageSize: 100 }) { documentId note student { name } } }');
      expect({ name, list: list.status, one: one.status }).toEqual({ name, list: expect.any(Number), one: expect.any(Number) });
      expect([401, 403]).toContain(list.status);
      expect([401, 403, 404]).toContain(one.status);
      expect(graphql.body.errors?.length ?? 0).toBeGreaterThan(0);
      for (const body of [list.body, one.body, graphql.body]) expect({ name, leaks: [...theirLeaks(body), ...leaksOf(body, world.ours), ...ourFees.filter((id) => JSON.stringify(body).includes(id))] }).toEqual({ name, leaks: [] });
    }
  });
});

describe('finance cannot write what the system writes', () => {
  test('Given finance, When a REST create names timestamps, authors, id and documentId, Then none of them is stored', async () => {
    const own = await createSemester(world.app);
    const response = await http().post(REST).set('Authorization', finance.api).send({
      data: { student: world.ours.students[0].documentId, semester: own.documentId, status: 'paid', createdAt: '2000-01-01T00:00:00.000Z', updatedAt: '2000-01-01T00:00:00.000Z', createdBy: 1, updatedBy: 1, id: 999999, documentId: 'forgedforgedforgedforged' },
    });
    expect(response.status).toBeLessThan(500);
    const [row] = await world.app.strapi.db.connection('fee_statuses').where({ semester_key: own.id });
    if (response.status === 201) {
      expect(new Date(row.created_at).getUTCFullYear()).not.toBe(2000);
      expect(new Date(row.updated_at).getUTCFullYear()).not.toBe(2000);
      expect(row.id).not.toBe(999999);
      expect(row.document_id).not.toBe('forgedforgedforgedforged');
      expect(row.created_by_id ?? null).not.toBe(1);
    } else {
      expect(response.status).toBe(400);
      expect(row).toBeUndefined();
    }
  });

  test('Given finance, When an update names another status\'s documentId, Then that other status is untouched', async () => {
    const before = (await rows()).find((r) => r.document_id === theirFees[0]);
    const response = await http().put(`${REST}/${ourFees[0]}`).set('Authorization', finance.api).send({ data: { documentId: theirFees[0], note: '改写他人' } });
    expect(response.status).toBeLessThan(500);
    expect((await rows()).find((r) => r.document_id === theirFees[0])).toEqual(before);
    await http().put(`${REST}/${ourFees[0]}`).set('Authorization', finance.api).send({ data: { note: null } });
  });

  test.each([
    ['connect with two students', (a: string, b: string) => ({ connect: [{ documentId: a }, { documentId: b }] })],
    ['set with two students', (a: string, b: string) => ({ set: [{ documentId: a }, { documentId: b }] })],
    ['set beside connect', (a: string, b: string) => ({ set: [{ documentId: a }], connect: [{ documentId: b }] })],
    ['a list of two', (a: string, b: string) => [a, b]],
  ])('Given finance, When a status names its student by %s (REST create, REST update, Content Manager create), Then each is a 400 naming student and nothing is written', async (_label, relation) => {
    const own = await createSemester(world.app);
    const before = await rows();
    const [a, b] = [world.ours.students[2].documentId, world.theirs.students[2].documentId];
    const answers = [
      await http().post(REST).set('Authorization', finance.api).send({ data: { student: relation(a, b), semester: own.documentId, status: 'paid' } }),
      await http().put(`${REST}/${ourFees[2]}`).set('Authorization', finance.api).send({ data: { student: relation(a, b) } }),
      await http().post(CM).set('Authorization', finance.admin).send({ student: relation(a, b), semester: { connect: [{ documentId: own.documentId }] }, status: 'paid' }),
    ];
    expect(answers.map((r) => r.status)).toEqual([400, 400, 400]);
    for (const r of answers) expect(errorPaths(r.body)).toEqual(['student']);
    expect(await rows()).toEqual(before);
  });

  test('Given two students with statuses for one semester, When finance moves one status onto the other student, Then a 400 naming student, never a 500, and both rows stay', async () => {
    const before = await rows();
    const response = await http().put(`${REST}/${feeOf.get(world.ours.students[0].documentId)}`).set('Authorization', finance.api).send({ data: { student: world.ours.students[1].documentId } });
    expect(response.status).toBe(400);
    expect(errorPaths(response.body)).toEqual(['student']);
    expect(await rows()).toEqual(before);
  });

  test('Given a student with statuses for two semesters, When finance moves one onto the other semester, Then a 400 (the student already has one there) and both rows stay', async () => {
    const other = await createSemester(world.app);
    const p = world.ours.students[2];
    const created = await http().post(REST).set('Authorization', finance.api).send({ data: { student: p.documentId, semester: other.documentId, status: 'paid' } });
    expect(created.status).toBe(201);
    const before = await rows();
    const response = await http().put(`${REST}/${created.body.data.documentId}`).set('Authorization', finance.api).send({ data: { semester: semester.documentId } });
    // The one-per-student-and-semester index answers for the pair, naming the student.
    expect(response.status).toBe(400);
    expect(errorPaths(response.body)).toEqual(['student']);
    expect(await rows()).toEqual(before);
  });

  test('Given no status yet, When finance sends the same new status twice at once, Then one 201 and one 400, never a 500, and one row', async () => {
    const own = await createSemester(world.app);
    const send = () => http().post(REST).set('Authorization', finance.api).send({ data: { student: world.theirs.students[1].documentId, semester: own.documentId, status: 'owing', amountOwed: 1 } });
    const answers = await Promise.all([send(), send()]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 400]);
    expect(await world.app.strapi.db.connection('fee_statuses').where({ semester_key: own.id })).toHaveLength(1);
  });

  test('Given finance, When an update clears the student or the semester, Then a 400 naming it and the row keeps its links', async () => {
    const before = await rows();
    for (const field of ['student', 'semester']) {
      const response = await http().put(`${REST}/${ourFees[1]}`).set('Authorization', finance.api).send({ data: { [field]: null } });
      expect({ field, status: response.status, paths: errorPaths(response.body) }).toEqual({ field, status: 400, paths: [field] });
    }
    expect(await rows()).toEqual(before);
  });

  test('Given a sheet naming one student twice, once as a number and once as text with spaces, When finance imports it, Then a 400 naming both rows, never a 500, and nothing is written', async () => {
    const own = await createSemester(world.app);
    const p = world.ours.students[0];
    const response = await http()
      .post(`${REST}/import`)
      .set('Authorization', finance.api)
      .field('semester', own.code)
      .attach('file', await sheet([[Number(p.studentNumber), p.name, '已缴费', null, null], [` ${p.studentNumber} `, p.name, '欠费', 10, null]]), { filename: '缴费.xlsx', contentType: XLSX });
    expect(response.status).toBe(400);
    expect((response.body.error.details.errors as Array<{ row: number; column: string }>).map((e) => [e.row, e.column])).toEqual([[2, '学号'], [3, '学号']]);
    expect(await world.app.strapi.db.connection('fee_statuses').where({ semester_key: own.id })).toEqual([]);
  });

  test('Given finance, When the import gets no file, a JSON body, or bytes that are no workbook, Then a 400, never a 500, and nothing is written', async () => {
    const own = await createSemester(world.app);
    const answers = [
      await http().post(`${REST}/import`).set('Authorization', finance.api).field('semester', own.code),
      await http().post(`${REST}/import`).set('Authorization', finance.api).send({ semester: own.code, file: 'x' }),
      await http().post(`${REST}/import`).set('Authorization', finance.api).field('semester', own.code).attach('file', Buffer.from('PK\u0003\u0004 not a workbook'), { filename: '缴费.xlsx', contentType: XLSX }),
      await http().post(`${REST}/import`).set('Authorization', finance.api).field('semester', own.code).field('semester', own.code).attach('file', await sheet([]), { filename: '缴费.xlsx', contentType: XLSX }),
    ];
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400]);
    expect(await world.app.strapi.db.connection('fee_statuses').where({ semester_key: own.id })).toEqual([]);
  });

  test('Given a sheet with columns naming system fields, When finance imports it, Then they are not written: the row is source import with the student\'s own department', async () => {
    const own = await createSemester(world.app);
    const p = world.ours.students[1];
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('缴费状态');
    ws.addRow(['学号', '姓名', '缴费状态', '欠费金额', '备注', 'source', 'departmentScope', 'studentKey']);
    ws.addRow([p.studentNumber, p.name, '已缴费', null, null, 'manual', world.theirs.departmentId, 1]);
    const response = await http().post(`${REST}/import`).set('Authorization', finance.api).field('semester', own.code).attach('file', Buffer.from(await workbook.xlsx.writeBuffer()), { filename: '缴费.xlsx', contentType: XLSX });
    expect(response.status).toBeLessThan(500);
    const written = await world.app.strapi.db.connection('fee_statuses').where({ semester_key: own.id });
    if (response.status === 201) expect(written).toEqual([expect.objectContaining({ source: 'import', department_scope: world.ours.departmentId })]);
    else expect(written).toEqual([]);
  });
});

describe('a department manager learns nothing of another department\'s fee statuses', () => {
  const their = () => world.theirs.students[0];
  const our = () => world.ours.students[1];

  /** The documentIds a REST list of the world's semester answers for `query`, asserting a 200 or 400 that leaks nothing. */
  async function listed(auth: string, query: string): Promise<{ status: number; ids: string[] }> {
    const response = await get(`${REST}?pagination[pageSize]=100&filters[semester][documentId][$eq]=${semester.documentId}&${query}`, auth);
    expect({ query, status: [200, 400].includes(response.status) }).toEqual({ query, status: true });
    expect({ query, leaks: theirLeaks(response.body) }).toEqual({ query, leaks: [] });
    return { status: response.status, ids: ids(response.body) };
  }

  // The last flag: whether the same filter on our student must find ours (the probe can see a match).
  test.each([
    ['student.name exact', (p: Person) => `filters[student][name][$eq]=${encodeURIComponent(p.name)}`, true],
    ['student.studentNumber exact', (p: Person) => `filters[student][studentNumber][$eq]=${p.studentNumber}`, true],
    ['student.studentNumber prefix', (p: Person) => `filters[student][studentNumber][$startsWith]=${p.studentNumber.slice(0, 8)}`, true],
    ['student.name prefix', (p: Person) => `filters[student][name][$startsWithi]=${encodeURIComponent(p.name.slice(0, 4))}`, true],
    ['student.documentId', (p: Person) => `filters[student][documentId][$eq]=${p.documentId}`, true],
    ['student bare documentId', (p: Person) => `filters[student][$eq]=${p.documentId}`, false],
    ['student.department.name', () => `filters[student][department][name][$eq]=${encodeURIComponent(world.theirs.departmentName)}`, false],
    ['student.schoolClass.major.name', () => `filters[student][schoolClass][major][name][$containsi]=${encodeURIComponent(world.theirs.majorName)}`, false],
    ['their note', () => `filters[note][$eq]=${encodeURIComponent(THEIR_NOTE)}`, false],
    ['their amount', () => `filters[amountOwed][$eq]=${THEIR_AMOUNT}`, false],
  ])('Given their student, When the manager filters by %s, Then nothing of theirs', async (_label, filter, ourMatches) => {
    expect((await listed(world.manager.api, filter(their()))).ids).toEqual([]);
    if (ourMatches) expect((await listed(world.manager.api, filter(our()))).ids).toContain(feeOf.get(our().documentId));
  });

  test('When $or and $not mix their student with a condition on ours, Then the answer is what the condition on ours alone gives', async () => {
    const owing = (await listed(world.manager.api, 'filters[status][$eq]=owing')).ids;
    expect(owing).toEqual([feeOf.get(our().documentId)]);
    const mixed = await listed(world.manager.api, `filters[$or][0][student][studentNumber][$eq]=${their().studentNumber}&filters[$or][1][status][$eq]=owing`);
    expect(mixed.ids).toEqual(owing);
    const not = await listed(world.manager.api, `filters[$not][student][studentNumber][$eq]=${their().studentNumber}`);
    expect(not.ids).toEqual(ourFees);
    const notMiss = await listed(world.manager.api, 'filters[$not][student][studentNumber][$eq]=000000000000');
    expect(not.ids).toEqual(notMiss.ids);
  });

  test.each([
    ['departmentScope filter', () => `filters[departmentScope][$eq]=${world.theirs.departmentId}`],
    ['studentKey filter', () => `filters[studentKey][$gt]=0`],
    ['semesterKey in $or', () => `filters[$or][0][semesterKey][$eq]=${semester.id}&filters[$or][1][status][$eq]=paid`],
    ['departmentScope sort', () => 'sort=departmentScope:desc'],
    ['studentKey field', () => 'fields[0]=studentKey&fields[1]=departmentScope'],
  ])('When the manager names a private column (%s), Then 400 or ours only, never theirs', async (_label, query) => {
    const answer = await listed(world.manager.api, query());
    for (const id of answer.ids) expect(ourFees).toContain(id);
  });

  test.each(['student.name', 'student.studentNumber:desc', 'student.department.name', 'student.schoolClass.name', 'amountOwed:desc'])('When the manager sorts by %s, Then 200 or 400, ours only', async (sort) => {
    const answer = await listed(world.manager.api, `sort=${sort}`);
    if (answer.status === 200) expect(answer.ids).toEqual(ourFees);
  });

  test.each([
    'populate=*',
    'populate[student][populate]=*',
    'populate[student][populate][department]=true&populate[student][populate][schoolClass][populate][major]=true',
    'populate[student][filters][studentNumber][$startsWith]=2',
  ])('When the manager populates (%s), Then ours only, and no student of theirs', async (query) => {
    const answer = await listed(world.manager.api, query);
    expect(answer.ids).toEqual(ourFees);
  });

  test('When the manager and the clerk count, open their status or page through, Then totals count ours only and their status is not found', async () => {
    for (const staff of [world.manager, world.clerk]) {
      const counted = await get(`${REST}?filters[semester][documentId][$eq]=${semester.documentId}&pagination[withCount]=true&pagination[pageSize]=1`, staff.api);
      expect(counted.body.meta.pagination.total).toBe(ourFees.length);
      const one = await get(`${REST}/${theirFees[0]}?populate=*`, staff.api);
      expect(one.status).toBe(404);
      expect(theirLeaks(one.body)).toEqual([]);
    }
  });

  test('When the manager asks GraphQL with aliases, filters, nested student and totals, Then nothing of theirs and ours counted alone', async () => {
    const response = await gql(
      world.manager.api,
      `{
        byName: feeStatuses(filters: { student: { name: { eq: "${their().name}" } } }) { documentId }
        byNumber: feeStatuses(filters: { or: [{ student: { studentNumber: { startsWith: "${their().studentNumber.slice(0, 8)}" } } }, { note: { eq: "${THEIR_NOTE}" } }] }) { documentId }
        all: feeStatuses(filters: { semester: { documentId: { eq: "${semester.documentId}" } } }, pagination: { pageSize: 100 }, sort: "student.name") { documentId note amountOwed student { documentId name studentNumber department { name } schoolClass { name major { name } } } }
        one: feeStatus(documentId: "${theirFees[0]}") { documentId note student { name } }
        total: feeStatuses_connection(filters: { semester: { documentId: { eq: "${semester.documentId}" } } }, pagination: { pageSize: 1 }) { pageInfo { total } }
      }`,
    );
    expect(response.status).toBeLessThan(500);
    expect(theirLeaks(response.body)).toEqual([]);
    const data = response.body.data ?? {};
    expect(data.byName ?? []).toEqual([]);
    expect(data.byNumber ?? []).toEqual([]);
    if (data.all) expect(ids({ data: data.all })).toEqual(ourFees);
    expect(data.one ?? null).toBeNull();
    if (data.total) expect(data.total.pageInfo.total).toBe(ourFees.length);
  });

  test('When the manager filters the Content Manager list by their student or opens their status\'s student relation, Then nothing of theirs', async () => {
    const list = await get(`${CM}?page=1&pageSize=100&filters[$and][0][student][studentNumber][$startsWith]=${their().studentNumber.slice(0, 8)}`, world.manager.admin);
    expect([200, 400]).toContain(list.status);
    expect(theirLeaks(list.body)).toEqual([]);
    expect(list.body.results ?? []).toEqual([]);
    const relation = await get(`/content-manager/relations/${FEE_STATUS}/${theirFees[0]}/student`, world.manager.admin);
    expect(relation.status).toBeLessThan(500);
    expect(theirLeaks(relation.body)).toEqual([]);
    for (const query of [`_q=${encodeURIComponent(THEIR_NOTE)}`, 'sort=student[name]:ASC', 'sort=student[department][name]:DESC', `filters[$or][0][student][name][$eq]=${encodeURIComponent(their().name)}&filters[$or][1][status][$eq]=paid`]) {
      const listedInCm = await get(`${CM}?page=1&pageSize=100&${query}`, world.manager.admin);
      expect({ query, status: [200, 400].includes(listedInCm.status), leaks: theirLeaks(listedInCm.body) }).toEqual({ query, status: true, leaks: [] });
    }
    const one = await get(`${CM}/${theirFees[0]}`, world.manager.admin);
    expect([403, 404]).toContain(one.status);
    expect(theirLeaks(one.body)).toEqual([]);
    const picker = await get(`/content-manager/relations/${FEE_STATUS}/student?pageSize=10&_q=${their().studentNumber}`, world.manager.admin);
    expect(picker.status).toBeLessThan(500);
    expect(theirLeaks(picker.body)).toEqual([]);
  });
});

describe('a student reaches only their own fee status', () => {
  const classmates = () => world.ours.students.slice(1);
  /** Every fee status of the logged-in student, as stored (other tests may add some in other semesters). */
  async function own(): Promise<string[]> {
    const student = await world.app.strapi.db.connection('students').where({ document_id: world.student.documentId }).first('id');
    return (await world.app.strapi.db.connection('fee_statuses').where({ student_key: student.id }).select('document_id')).map((r: Row) => r.document_id).sort();
  }

  test('When the student filters to a classmate, or mixes one into $or, Then their own status only', async () => {
    const mine = await own();
    for (const query of [
      `filters[student][documentId][$eq]=${classmates()[0].documentId}`,
      `filters[student][name][$eq]=${encodeURIComponent(classmates()[0].name)}`,
      `filters[$or][0][student][documentId][$eq]=${classmates()[0].documentId}&filters[$or][1][status][$eq]=paid`,
      `filters[$not][student][documentId][$eq]=${world.student.documentId}`,
      'filters[status][$eq]=owing',
      'populate[student][populate][schoolClass][populate]=*&populate[semester]=true',
      'sort=student.name&pagination[withCount]=true',
    ]) {
      const response = await get(`${REST}?pagination[pageSize]=100&${query}`, world.student.api);
      expect({ query, status: [200, 400].includes(response.status) }).toEqual({ query, status: true });
      for (const id of ids(response.body)) expect(mine).toContain(id);
      expect({ query, leaks: [...classmateLeaksOf(response.body, world.ours, world.student.documentId), ...theirLeaks(response.body)] }).toEqual({ query, leaks: [] });
      if (response.body.meta?.pagination?.total !== undefined) expect(response.body.meta.pagination.total).toBeLessThanOrEqual(mine.length);
    }
  });

  test('When the student asks GraphQL for everyone\'s, a classmate\'s by id, and the total, Then their own only', async () => {
    const mine = await own();
    const response = await gql(
      world.student.api,
      `{
        all: feeStatuses(pagination: { pageSize: 100 }) { documentId student { documentId name studentNumber } }
        other: feeStatus(documentId: "${feeOf.get(classmates()[0].documentId)}") { documentId note }
        filtered: feeStatuses(filters: { student: { documentId: { eq: "${classmates()[1].documentId}" } } }) { documentId }
        total: feeStatuses_connection { pageInfo { total } }
      }`,
    );
    expect(response.body.errors).toBeUndefined();
    expect(ids({ data: response.body.data.all })).toEqual(mine);
    expect(response.body.data.other).toBeNull();
    expect(response.body.data.filtered).toEqual([]);
    expect(response.body.data.total.pageInfo.total).toBe(mine.length);
    expect([...classmateLeaksOf(response.body, world.ours, world.student.documentId), ...theirLeaks(response.body)]).toEqual([]);
  });
});
