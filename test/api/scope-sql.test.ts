/**
 * The scope as SQL (src/services/scope/scope-sql.ts) reaches exactly the rows the entity manager
 * reaches with `scopeWhere`, for every scoped type and every kind of scope: the home page's
 * charts count what the caller's lists show, and no row more.
 */
import { SCOPED_TYPES, scopeWhere, type Scope } from '../../src/domain/scope';
import { scopeSql } from '../../src/services/scope/scope-sql';
import { withoutScope } from '../../src/services/scope/context';
import { act, activeStudent, attachDocuments, createRequest, studentWithLogin, suspensionData } from '../factories/status-changes';
import { confirmedBadRecord, createIntegrityWorld, enterRecord, fileRequest, requestAction, type IntegrityWorld } from '../factories/integrity';
import { createSemester, openSemester, setFee } from '../factories/registration';
import { setClock } from '../../src/services/clock';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { createStaff } from '../factories/actors';

let app: TestApp;
let world: IntegrityWorld;
let departments: { ours: number; theirs: number };
let studentUser: number;

const stateOf = async (documentId: string) => ((await app.strapi.db.query('api::status-change.status-change').findOne({ where: { documentId } })) as { state: string }).state;
const idOf = async (uid: string, documentId: string) => ((await app.strapi.db.query(uid as never).findOne({ where: { documentId } })) as { id: number }).id;

beforeAll(async () => {
  app = await startStrapi();
  world = await createIntegrityWorld(app);
  departments = { ours: await idOf('api::department.department', world.tree.department.documentId), theirs: await idOf('api::department.department', world.otherTree.department.documentId) };
  const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
  studentUser = student.userId;
  const theirs = await activeStudent(app, world.otherTree.schoolClass.documentId);
  // A request in each department, decided through its chain: decisions, notifications, status history
  for (const [documentId, manager] of [
    [student.documentId, world.manager],
    [theirs.documentId, world.otherManager],
  ] as const) {
    const request = await createRequest(app, manager.api, suspensionData(documentId));
    await attachDocuments(app, request.documentId);
    expect((await act(app, manager.api, request.documentId, 'submit')).status).toBe(200);
    // Each step approved by whoever of the deciders stands at it, until the request takes effect
    for (let step = 0; step < 6 && (await stateOf(request.documentId)) !== 'approved'; step += 1) {
      let decided = false;
      for (const who of [manager, world.academicAffairs, world.studentAffairs, world.leader]) {
        if ((await act(app, who.api, request.documentId, 'approve', { comment: '同意', step: step + 1 })).status === 200) decided = true;
        if (decided) break;
      }
      expect(decided).toBe(true);
    }
    expect(await stateOf(request.documentId)).toBe('approved');
  }
  await integrityRows(student, theirs);
  await registrationRows(student, theirs);
  await archiveRows(student, theirs);
  await rosterRows();
});

/** A class roster in each department, produced by academic affairs: its lines include the student's own. */
async function rosterRows() {
  for (const tree of [world.tree, world.otherTree]) {
    const response = await app.http.post('/api/class-rosters').set('Authorization', world.academicAffairs.api).send({ schoolClass: tree.schoolClass.documentId });
    expect(response.status).toBe(201);
  }
}

/** A material in each department's archive, and one of ours handed to the archive office (a department stops reaching it). */
async function archiveRows(student: { id: number }, theirs: { id: number }) {
  const kind = ((await app.strapi.db.connection.raw("SELECT id, category FROM material_kinds WHERE name = '身份证复印件'")).rows as Array<{ id: number; category: string }>)[0];
  for (const owner of [student, theirs]) {
    const archive = ((await app.strapi.db.connection.raw('SELECT id FROM student_archives WHERE student_key = ?', [owner.id])).rows as Array<{ id: number }>)[0];
    await app.strapi.db.query('api::archive-material.archive-material' as never).create({
      data: { documentId: `m${Math.random().toString(36).slice(2, 14)}`, archive: archive.id, kind: kind.id, category: kind.category, title: '身份证复印件', materialDate: '2035-09-01', archiveKey: archive.id, publishedAt: new Date() },
    });
  }
  // The access register: academic affairs reads the materials' list (a line for each archive read).
  expect((await app.http.get('/api/archive-materials').set('Authorization', world.academicAffairs.api)).status).toBe(200);
  // A transfer applied for in each department's archive, by the archive office.
  const office = await createStaff(app, { adminRole: 'archive-office', office: 'archive' });
  for (const owner of [student, theirs]) {
    const archive = ((await app.strapi.db.connection.raw('SELECT document_id FROM student_archives WHERE student_key = ?', [owner.id])).rows as Array<{ document_id: string }>)[0];
    const applied = await app.http.post('/api/archive-transfers').set('Authorization', office.api).send({ data: { archive: archive.document_id, reason: 'withdrawal', receivingUnit: '长沙市人才服务中心', receivingAddress: '长沙市岳麓区银盆南路 1 号' } });
    expect(applied.status).toBe(201);
  }
  await app.strapi.db.connection.raw("UPDATE student_archives SET custody = 'archive-office', state = 'in-custody' WHERE student_key = ?", [student.id]);
}

/** Registrations in both departments (a semester opened), a deferral applied for, and finance's fee statuses. */
async function registrationRows(student: Awaited<ReturnType<typeof studentWithLogin>>, theirs: { id: number }) {
  const semester = await createSemester(app);
  setClock(`${semester.code.slice(0, 4)}-08-20T10:00:00+08:00`);
  try {
    // The suspended students above do not register this semester: one active student in each department does.
    for (const tree of [world.tree, world.otherTree]) await activeStudent(app, tree.schoolClass.documentId);
    const opened = await openSemester(app, world.academicAffairs.api, semester.code);
    expect(opened.body.data.created).toBeGreaterThanOrEqual(2);
    for (const id of [student.id, theirs.id]) await setFee(app, id, semester.id, 'paid');
    const deferral = await app.http.post('/api/me/registration-deferrals').set('Authorization', student.api).send({ semester: semester.code, reason: '因病住院', requestedUntil: `${semester.code.slice(0, 4)}-09-20` });
    expect(deferral.status).toBe(201);
  } finally {
    setClock(null);
  }
}

/**
 * The integrity archive's rows in both departments, from three source offices and in several
 * states: records entered and confirmed, their versions, an appeal, an amendment, the student's own
 * entry and a third-party record.
 */
async function integrityRows(student: Awaited<ReturnType<typeof studentWithLogin>>, theirs: { documentId: string }) {
  const appealed = await confirmedBadRecord(app, world, student.documentId, '欠缴学费');
  const amended = await confirmedBadRecord(app, world, student.documentId, '欠缴住宿费');
  await confirmedBadRecord(app, world, theirs.documentId, '欠缴教材费');
  await enterRecord(app, world.security.api, { student: theirs.documentId, indicator: 'daily-life', kind: 'bad', title: '违规使用电器' });
  await enterRecord(app, world.library.api, { student: student.documentId, indicator: 'economic', kind: 'bad', title: '图书逾期未还' });
  const appeal = await fileRequest(app, student.api, 'integrity-appeals', { record: appealed, reason: '学费已于九月缴清' });
  expect((await requestAction(app, student.api, 'integrity-appeals', appeal.documentId, 'submit')).status).toBe(200);
  const amendment = await fileRequest(app, student.api, 'integrity-amendments', { record: amended, reason: '已缴清并写出检查', reformEvidence: '缴费收据' });
  expect((await requestAction(app, student.api, 'integrity-amendments', amendment.documentId, 'submit')).status).toBe(200);
  const entry = await app.http
    .post('/api/me/integrity/self-entries')
    .set('Authorization', student.api)
    .send({ data: { category: 'certificate', title: '全国计算机等级考试二级', organisation: '教育部教育考试院', startedOn: '2026-03-28' } });
  expect(entry.status).toBe(201);
  // Imported rows are written by the import's own SQL-side validation; one per department here.
  for (const [documentId, department] of [
    [student.documentId, departments.ours],
    [theirs.documentId, departments.theirs],
  ] as const) {
    const id = await idOf('api::student.student', documentId);
    await app.strapi.db.query('api::integrity-third-party-record.integrity-third-party-record').create({
      data: { student: id, department, departmentScope: department, category: 'phone-bill', agency: '测试通信', occurredOn: '2026-09-01', importBatch: 'scope-sql' } as never,
    });
  }
}

afterAll(() => app?.stop());

function scopes(): Array<[string, Scope]> {
  return [
    ['the whole school', { kind: 'all' }],
    ['no scope', { kind: 'none' }],
    ['our department', { kind: 'departments', departmentIds: [departments.ours] }],
    ['their department', { kind: 'departments', departmentIds: [departments.theirs] }],
    ['both departments', { kind: 'departments', departmentIds: [departments.ours, departments.theirs] }],
    ['no department', { kind: 'departments', departmentIds: [] }],
    ['a student themself', { kind: 'self', userId: studentUser }],
    // The staff reach the integrity archive's own visibility reads (other types ignore it)
    ['finance, a source office', { kind: 'none', staff: { departmentIds: [], offices: ['finance'] } }],
    ['security and library', { kind: 'none', staff: { departmentIds: [], offices: ['security', 'library'] } }],
    ['our department as staff', { kind: 'departments', departmentIds: [departments.ours], staff: { departmentIds: [departments.ours], offices: [] } }],
    ['our department and finance', { kind: 'departments', departmentIds: [departments.ours], staff: { departmentIds: [departments.ours], offices: ['finance'] } }],
    ['student affairs', { kind: 'all', staff: { departmentIds: [], offices: ['student-affairs'] } }],
    ['academic affairs (whole school, not for integrity)', { kind: 'all', staff: { departmentIds: [], offices: ['academic-affairs'] } }],
    ['the archive office', { kind: 'all', staff: { departmentIds: [], offices: ['archive'] } }],
  ];
}

test.each(Object.keys(SCOPED_TYPES))('%s: the SQL condition and scopeWhere find the same rows under every scope', async (uid) => {
  const table = app.strapi.db.metadata.get(uid as never).tableName;
  const all = (await app.strapi.db.connection.raw(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
  expect(all).toBeGreaterThan(0);
  const reached = new Set<number>();
  for (const [name, scope] of scopes()) {
    const condition = scopeSql(app.strapi, uid, 'x', scope);
    const bySql = ((await app.strapi.db.connection.raw(`SELECT x.id FROM ${table} x WHERE ${condition.sql} ORDER BY x.id`, condition.bindings as never)).rows as Array<{ id: number }>).map((r) => r.id);
    const where = scopeWhere(uid, scope);
    const found = (await withoutScope(() => app.strapi.db.query(uid as never).findMany({ ...(where ? { where } : {}), select: ['id'], orderBy: { id: 'asc' } }))) as Array<{ id: number }>;
    expect({ scope: name, ids: bySql }).toEqual({ scope: name, ids: found.map((r) => r.id) });
    reached.add(bySql.length);
  }
  // Not a comparison of two empty answers: the scopes reach different numbers of rows.
  expect(reached.size).toBeGreaterThan(1);
});

test('the departments tell apart: one department reaches some rows of a type, not all of them', async () => {
  const condition = scopeSql(app.strapi, 'api::student.student', 's', { kind: 'departments', departmentIds: [departments.ours] });
  const ours = (await app.strapi.db.connection.raw(`SELECT count(*)::int AS n FROM students s WHERE ${condition.sql}`, condition.bindings as never)).rows[0].n as number;
  const all = (await app.strapi.db.connection.raw('SELECT count(*)::int AS n FROM students')).rows[0].n as number;
  expect(ours).toBeGreaterThan(0);
  expect(ours).toBeLessThan(all);
});
