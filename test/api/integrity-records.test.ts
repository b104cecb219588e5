/**
 * The integrity archive (issue 15): the archive made with the student and closed when they leave;
 * records entered by the offices the rules name, confirmed at their level, shown to the student,
 * acknowledged; every change a new version, the versions append-only; nothing deleted; confirmed
 * records changed only through the flows (第十九条).
 */
import { studentWithLogin } from '../factories/status-changes';
import { confirmedBadRecord, createIntegrityWorld, enterRecord, recordAction, recordRow, RECORD, versionsOf, type IntegrityWorld, SAMPLE_PDF } from '../factories/integrity';
import { studentInput } from '../factories';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: IntegrityWorld;

beforeAll(async () => {
  app = await startStrapi();
  world = await createIntegrityWorld(app);
});

afterAll(async () => {
  await app.stop();
});

const ARCHIVE = 'api::integrity-archive.integrity-archive';

async function departmentId(documentId: string): Promise<number> {
  return ((await app.strapi.db.query('api::department.department').findOne({ where: { documentId } })) as { id: number }).id;
}

async function archiveOf(studentId: number) {
  return (await app.strapi.db.query(ARCHIVE).findOne({ where: { studentKey: studentId }, populate: ['student'] })) as Record<string, any> | null;
}

describe('the archive', () => {
  it('is made with a student admitted one by one, in their department, open', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const archive = await archiveOf(student.id);
    expect(archive).toMatchObject({ state: 'open', departmentScope: await departmentId(world.tree.department.documentId) });
    expect(archive?.student?.documentId).toBe(student.documentId);
  });

  it('is made for every student of a bulk admission, one each', async () => {
    const rows = [0, 1, 2].map(() => studentInput(world.otherTree.schoolClass.documentId));
    const response = await app.http.post('/api/students/admissions').set('Authorization', world.academicAffairs.api).send({ data: rows });
    expect(response.status).toBe(201);
    const numbers = (response.body.data as Array<{ studentNumber: string }>).map((s) => s.studentNumber);
    const students = (await app.strapi.db.query('api::student.student').findMany({ where: { studentNumber: { $in: numbers } } })) as Array<{ id: number }>;
    expect(students).toHaveLength(3);
    const other = await departmentId(world.otherTree.department.documentId);
    for (const student of students) expect(await archiveOf(student.id)).toMatchObject({ state: 'open', departmentScope: other });
    const count = await app.strapi.db.query(ARCHIVE).count({ where: { studentKey: { $in: students.map((s) => s.id) } } });
    expect(count).toBe(3);
  });

  it('a second archive for the same student is refused by the database', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    await expect(app.strapi.db.connection.raw("INSERT INTO integrity_archives (document_id, state, student_key) VALUES ('x-dup-archive', 'open', ?)", [student.id])).rejects.toThrow(/integrity_archives_one_per_student_uq/);
  });

  it('is closed by an approved withdrawal, and then refuses new records', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const request = await app.http.post('/api/status-changes').set('Authorization', world.manager.api).send({ data: { student: student.documentId, type: 'withdrawal', withdrawalKind: 'voluntary', reason: '个人原因', studentSigned: true, guardianSigned: true } });
    expect(request.status).toBe(201);
    const id = request.body.data.documentId as string;
    const submit = await app.http.post(`/api/status-changes/${id}/submit`).set('Authorization', world.manager.api).send({});
    expect(submit.status).toBe(200);
    const units: Record<string, string> = { department: world.manager.api, 'academic-affairs': world.academicAffairs.api, 'student-affairs': world.studentAffairs.api, leadership: world.leader.api, 'leadership-meeting': world.leadershipMeeting.api };
    for (;;) {
      const row = (await app.strapi.db.query('api::status-change.status-change').findOne({ where: { documentId: id } })) as Record<string, any>;
      if (row.state !== 'submitted') break;
      const unit = row.chainSteps[row.currentStep - 1].unit as string;
      const approved = await app.http.post(`/api/status-changes/${id}/approve`).set('Authorization', units[unit]).send({ comment: '同意', step: row.currentStep });
      expect(approved.status).toBe(200);
    }
    const archive = await archiveOf(student.id);
    expect(archive).toMatchObject({ state: 'closed', closedReason: 'withdrawn' });
    const refused = await app.http.post(RECORD).set('Authorization', world.finance.api).send({ data: { student: student.documentId, indicator: 'economic', kind: 'bad', title: '欠费', occurredOn: '2026-10-01' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors[0].path).toEqual(['student']);
  });
});

describe('entering and confirming', () => {
  let student: Awaited<ReturnType<typeof studentWithLogin>>;

  beforeAll(async () => {
    student = await studentWithLogin(app, world.tree.schoolClass.documentId);
  });

  it('finance enters an unpaid-fees record: entered, level school, version 1, hidden from the student', async () => {
    const record = await enterRecord(app, world.finance.api, { student: student.documentId, indicator: 'economic', kind: 'bad', title: '欠缴学费' });
    const row = await recordRow(app, record.documentId);
    expect(row).toMatchObject({ state: 'entered', level: 'school', sourceOffice: 'finance', version: 1, departmentScope: await departmentId(world.tree.department.documentId) });
    expect((await versionsOf(app, record.documentId)).map((v) => [v.version, v.event, v.state])).toEqual([[1, 'enter', 'entered']]);
    const mine = await app.http.get(RECORD).set('Authorization', student.api);
    expect(mine.status).toBe(200);
    expect(mine.body.data.map((r: { documentId: string }) => r.documentId)).not.toContain(record.documentId);
    const one = await app.http.get(`${RECORD}/${record.documentId}`).set('Authorization', student.api);
    expect(one.status).toBe(404);
  });

  it('an office the rules do not name for an indicator is refused (403), and nothing is written', async () => {
    const before = await app.strapi.db.query('api::integrity-record.integrity-record').count({});
    const library = await app.http.post(RECORD).set('Authorization', world.library.api).send({ data: { student: student.documentId, indicator: 'academic', kind: 'good', title: '竞赛获奖', occurredOn: '2026-10-01' } });
    expect(library.status).toBe(403);
    const security = await app.http.post(RECORD).set('Authorization', world.security.api).send({ data: { student: student.documentId, indicator: 'economic', kind: 'bad', title: '欠费', occurredOn: '2026-10-01' } });
    expect(security.status).toBe(403);
    expect(await app.strapi.db.query('api::integrity-record.integrity-record').count({})).toBe(before);
  });

  it('entering for another office is refused; a department enters only for its own students', async () => {
    const asOther = await app.http.post(RECORD).set('Authorization', world.finance.api).send({ data: { student: student.documentId, indicator: 'daily-life', kind: 'bad', title: '违纪', occurredOn: '2026-10-01', sourceOffice: 'security' } });
    expect(asOther.status).toBe(403);
    const other = await app.http.post(RECORD).set('Authorization', world.otherManager.api).send({ data: { student: student.documentId, indicator: 'daily-life', kind: 'good', title: '表彰', occurredOn: '2026-10-01' } });
    expect(other.status).toBe(400);
    expect(other.body.error.details.errors[0].path).toEqual(['student']);
    const own = await enterRecord(app, world.manager.api, { student: student.documentId, indicator: 'daily-life', kind: 'good', title: '系部表彰' });
    expect(await recordRow(app, own.documentId)).toMatchObject({ level: 'department', sourceOffice: 'department' });
  });

  it('the workflow fields cannot be set by hand', async () => {
    for (const [field, value] of [['state', 'confirmed'], ['version', 5], ['confirmedBy', 'x']] as const) {
      const response = await app.http.post(RECORD).set('Authorization', world.finance.api).send({ data: { student: student.documentId, indicator: 'economic', kind: 'bad', title: '欠费', occurredOn: '2026-10-01', [field]: value } });
      expect(response.status).toBe(400);
      expect(response.body.error.details.errors[0].path).toEqual([field]);
    }
  });

  it('only an administrator at the record\'s level confirms it; then the student sees and acknowledges it', async () => {
    const school = await enterRecord(app, world.finance.api, { student: student.documentId, indicator: 'economic', kind: 'bad', title: '欠缴住宿费' });
    // Wrong level: a department manager, and the entering office itself.
    expect((await recordAction(app, world.manager.api, school.documentId, 'confirm')).status).toBe(403);
    expect((await recordAction(app, world.finance.api, school.documentId, 'confirm')).status).toBe(403);
    expect((await recordRow(app, school.documentId)).state).toBe('entered');
    const confirmed = await recordAction(app, world.studentAffairs.api, school.documentId, 'confirm', { comment: '核实无误' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.data.state).toBe('confirmed');
    // Twice: the record has moved on.
    expect((await recordAction(app, world.studentAffairs.api, school.documentId, 'confirm')).status).toBe(409);

    const department = await enterRecord(app, world.manager.api, { student: student.documentId, indicator: 'daily-life', kind: 'good', title: '文明寝室' });
    expect((await recordAction(app, world.studentAffairs.api, department.documentId, 'confirm')).status).toBe(403);
    expect((await recordAction(app, world.otherManager.api, department.documentId, 'confirm')).status).toBe(404);
    expect((await recordAction(app, world.manager.api, department.documentId, 'confirm')).status).toBe(200);

    const seen = await app.http.get(`${RECORD}/${school.documentId}`).set('Authorization', student.api);
    expect(seen.status).toBe(200);
    const notification = await app.http.get('/api/me/notifications').set('Authorization', student.api);
    expect(JSON.stringify(notification.body)).toContain('欠缴住宿费');
    // Only the student acknowledges their record.
    expect((await recordAction(app, world.studentAffairs.api, school.documentId, 'acknowledge')).status).toBe(403);
    const acknowledged = await recordAction(app, student.api, school.documentId, 'acknowledge');
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.data.state).toBe('acknowledged');
    expect((await versionsOf(app, school.documentId)).map((v) => [v.version, v.event, v.state])).toEqual([
      [1, 'enter', 'entered'],
      [2, 'confirm', 'confirmed'],
      [3, 'acknowledge', 'acknowledged'],
    ]);
    const timeline = await app.http.get(`${RECORD}/${school.documentId}/timeline`).set('Authorization', student.api);
    expect(timeline.status).toBe(200);
    // The student's timeline starts at confirmation; the entered version is the office's.
    expect(timeline.body.data.versions.map((v: { event: string }) => v.event)).toEqual(['confirm', 'acknowledge']);
    const staffTimeline = await app.http.get(`${RECORD}/${school.documentId}/timeline`).set('Authorization', world.studentAffairs.api);
    expect(staffTimeline.body.data.versions.map((v: { event: string }) => v.event)).toEqual(['enter', 'confirm', 'acknowledge']);
  });

  it('before confirmation the entering office corrects the record (a new version); after it nobody edits it, on any door', async () => {
    const record = await enterRecord(app, world.finance.api, { student: student.documentId, indicator: 'economic', kind: 'bad', title: '欠费 500 元' });
    const corrected = await app.http.put(`${RECORD}/${record.documentId}`).set('Authorization', world.finance.api).send({ data: { title: '欠费 300 元' } });
    expect(corrected.status).toBe(200);
    expect((await versionsOf(app, record.documentId)).map((v) => [v.event, v.content.title])).toEqual([
      ['enter', '欠费 500 元'],
      ['edit', '欠费 300 元'],
    ]);
    expect((await app.http.put(`${RECORD}/${record.documentId}`).set('Authorization', world.studentAffairs.api).send({ data: { title: '改' } })).status).toBe(403);
    expect((await recordAction(app, world.studentAffairs.api, record.documentId, 'confirm')).status).toBe(200);
    const rest = await app.http.put(`${RECORD}/${record.documentId}`).set('Authorization', world.studentAffairs.api).send({ data: { title: '欠费 0 元' } });
    expect(rest.status).toBe(400);
    expect(rest.body.error.details.errors[0].path).toEqual(['title']);
    const admin = await app.http.put(`/content-manager/collection-types/api::integrity-record.integrity-record/${record.documentId}`).set('Authorization', world.studentAffairs.admin).send({ title: '欠费 0 元' });
    expect(admin.status).toBe(400);
    const graphql = await app.http.post('/graphql').set('Authorization', world.studentAffairs.api).send({ query: `mutation { updateIntegrityRecord(documentId: "${record.documentId}", data: { description: "改" }) { documentId } }` });
    expect(JSON.stringify(graphql.body)).toMatch(/description|Forbidden|第十九条/);
    expect((await recordRow(app, record.documentId)).title).toBe('欠费 300 元');
    expect((await recordRow(app, record.documentId)).description ?? null).toBeNull();
  });

  it('nothing is deleted: REST has no delete, the Content Manager and GraphQL are refused, the database refuses versions', async () => {
    const documentId = await confirmedBadRecord(app, world, student.documentId, '图书逾期');
    expect([404, 405]).toContain((await app.http.delete(`${RECORD}/${documentId}`).set('Authorization', world.studentAffairs.api)).status);
    const admin = await app.http.delete(`/content-manager/collection-types/api::integrity-record.integrity-record/${documentId}`).set('Authorization', world.studentAffairs.admin);
    expect([403, 400]).toContain(admin.status);
    const graphql = await app.http.post('/graphql').set('Authorization', world.studentAffairs.api).send({ query: `mutation { deleteIntegrityRecord(documentId: "${documentId}") { documentId } }` });
    expect(graphql.body.errors).toBeDefined();
    expect(await recordRow(app, documentId)).toBeTruthy();
    const record = await recordRow(app, documentId);
    await expect(app.strapi.db.connection.raw('UPDATE integrity_record_versions SET reason = ? WHERE id IN (SELECT integrity_record_version_id FROM integrity_record_versions_record_lnk WHERE integrity_record_id = ?)', ['x', record.id])).rejects.toThrow(/append-only/);
    await expect(app.strapi.db.connection.raw('DELETE FROM integrity_record_versions WHERE id IN (SELECT integrity_record_version_id FROM integrity_record_versions_record_lnk WHERE integrity_record_id = ?)', [record.id])).rejects.toThrow(/append-only/);
    await expect(app.strapi.db.connection.raw('DELETE FROM integrity_records WHERE id = ?', [record.id])).rejects.toThrow(/keeps its history/);
    expect(await versionsOf(app, documentId)).toHaveLength(2);
  });
});

describe('nothing of the archive is deleted, on any door', () => {
  const TYPES = [
    ['integrity-archive', 'IntegrityArchive'],
    ['integrity-record', 'IntegrityRecord'],
    ['integrity-record-version', 'IntegrityRecordVersion'],
    ['integrity-self-entry', 'IntegritySelfEntry'],
    ['integrity-third-party-record', 'IntegrityThirdPartyRecord'],
    ['integrity-appeal', 'IntegrityAppeal'],
    ['integrity-amendment', 'IntegrityAmendment'],
  ] as const;

  it.each(TYPES)('%s: the Content Manager refuses a super admin, GraphQL offers no delete, the database refuses', async (name, graphqlName) => {
    const uid = `api::${name}.${name}`;
    const table = (app.strapi.db.metadata.get(uid as never) as unknown as { tableName: string }).tableName;
    const { rows } = (await app.strapi.db.connection.raw(`SELECT document_id FROM ${table} LIMIT 1`)) as { rows: Array<{ document_id: string }> };
    const documentId = rows[0]?.document_id ?? 'nosuchdocument0000000000';
    const superAdmin = await (await import('../factories/actors')).createStaff(app, { adminRole: 'strapi-super-admin', office: 'student-affairs' });
    const cm = await app.http.delete(`/content-manager/collection-types/${uid}/${documentId}`).set('Authorization', superAdmin.admin);
    expect(cm.status).toBe(rows.length > 0 ? 403 : 404);
    const graphql = await app.http.post('/graphql').set('Authorization', superAdmin.api).send({ query: `mutation { delete${graphqlName}(documentId: "${documentId}") { documentId } }` });
    expect(graphql.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    if (rows.length > 0) {
      const count = Number(((await app.strapi.db.connection.raw(`SELECT count(*) AS n FROM ${table} WHERE document_id = ?`, [documentId])) as { rows: Array<{ n: string }> }).rows[0].n);
      expect(count).toBe(1);
      await expect(app.strapi.db.connection.raw(`DELETE FROM ${table} WHERE document_id = ?`, [documentId])).rejects.toThrow(/append-only|keeps its history/);
    }
  });
});

describe('the entry rules are content', () => {
  it('student affairs takes a source\'s rule away: that office is refused at once; a rule\'s kinds are checked', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const RULES = '/api/integrity-entry-rules';
    const list = await app.http.get(`${RULES}?filters[source][$eq]=library&pagination[pageSize]=10`).set('Authorization', world.studentAffairs.api);
    expect(list.status).toBe(200);
    const rule = list.body.data[0] as { documentId: string };
    expect(rule).toBeDefined();
    await enterRecord(app, world.library.api, { student: student.documentId, indicator: 'economic', kind: 'bad', title: '图书未还' });
    const off = await app.http.put(`${RULES}/${rule.documentId}`).set('Authorization', world.studentAffairs.api).send({ data: { active: false } });
    expect(off.status).toBe(200);
    try {
      const refused = await app.http.post(RECORD).set('Authorization', world.library.api).send({ data: { student: student.documentId, indicator: 'economic', kind: 'bad', title: '图书未还二', occurredOn: '2026-10-01' } });
      expect(refused.status).toBe(403);
    } finally {
      await app.http.put(`${RULES}/${rule.documentId}`).set('Authorization', world.studentAffairs.api).send({ data: { active: true } }).expect(200);
    }
    for (const kinds of [[], ['bad', 'bad'], ['terrible'], 'bad']) {
      const bad = await app.http.put(`${RULES}/${rule.documentId}`).set('Authorization', world.studentAffairs.api).send({ data: { kinds } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors[0].path).toEqual(['kinds']);
    }
    expect((await app.http.put(`${RULES}/${rule.documentId}`).set('Authorization', world.finance.api).send({ data: { active: false } })).status).toBe(403);
  });
});

describe('a source office in the Content Manager', () => {
  it('finds a student by the full student number only, enters the record there; a department keeps to its own students', async () => {
    const student = await studentWithLogin(app, world.otherTree.schoolClass.documentId);
    const picker = (auth: string, q: string) => app.http.get(`/content-manager/relations/api::integrity-record.integrity-record/student?pageSize=10&_q=${q}`).set('Authorization', auth);
    const exact = await picker(world.finance.admin, student.studentNumber);
    expect(exact.status).toBe(200);
    expect(exact.body.results.map((r: { documentId: string }) => r.documentId)).toEqual([student.documentId]);
    // A browse, or a part of a number, finds nothing: the office reaches no student rows.
    expect((await picker(world.finance.admin, student.studentNumber.slice(0, 8))).body.results).toEqual([]);
    expect((await picker(world.finance.admin, '')).body.results).toEqual([]);
    // A department member's picker keeps to their department, whatever they type.
    expect((await picker(world.manager.admin, student.studentNumber)).body.results).toEqual([]);
    const created = await app.http.post('/content-manager/collection-types/api::integrity-record.integrity-record').set('Authorization', world.finance.admin)
      .send({ student: { connect: [{ documentId: student.documentId }] }, indicator: 'economic', kind: 'bad', title: '欠缴教材费', occurredOn: '2026-10-08' });
    expect(created.status).toBe(201);
    const row = await recordRow(app, created.body.data.documentId);
    expect(row).toMatchObject({ sourceOffice: 'finance', level: 'school', state: 'entered' });
    expect(row.studentLabel).toContain(student.studentNumber);
  });
});

describe('evidence', () => {
  const PDF = SAMPLE_PDF;
  const upload = (auth: string, documentId: string, bytes: Buffer, filename: string) =>
    app.http.post(`${RECORD}/${documentId}/evidence`).set('Authorization', auth).attach('files', bytes, { filename, contentType: 'application/pdf' });

  it('the entering office adds files before confirmation; the student and the department read them; nobody else', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const record = await enterRecord(app, world.finance.api, { student: student.documentId, indicator: 'economic', kind: 'bad', title: '欠费凭证' });
    expect((await upload(world.studentAffairs.api, record.documentId, PDF, '催缴单.pdf')).status).toBe(403);
    const notPdf = await upload(world.finance.api, record.documentId, Buffer.from('<html>not a pdf</html>'), 'x.pdf');
    expect(notPdf.status).toBe(400);
    expect(notPdf.body.error.details.errors[0].path).toEqual(['files']);
    const added = await upload(world.finance.api, record.documentId, PDF, '催缴单.pdf');
    expect(added.status).toBe(201);
    const fileId = added.body.data[0].id as number;
    expect(added.body.data[0]).toMatchObject({ name: '催缴单.pdf', mime: 'application/pdf' });
    // Not public: the file is outside /uploads and streamed only through the record.
    expect((await app.http.get(`/uploads/${added.body.data[0].name}`)).status).toBe(404);
    await recordAction(app, world.studentAffairs.api, record.documentId, 'confirm').expect(200);
    expect((await upload(world.finance.api, record.documentId, PDF, '补充.pdf')).status).toBe(403);
    const read = (auth: string) => app.http.get(`${RECORD}/${record.documentId}/evidence/${fileId}`).set('Authorization', auth);
    const own = await read(student.api);
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toContain('application/pdf');
    expect((await read(world.manager.api)).status).toBe(200);
    expect((await read(world.otherManager.api)).status).toBe(404);
    const other = await studentWithLogin(app, world.tree.schoolClass.documentId);
    expect((await read(other.api)).status).toBe(404);
    expect((await app.http.get(`${RECORD}/${record.documentId}/evidence/99999999`).set('Authorization', student.api)).status).toBe(404);
    // Files are never linked by id through the ordinary writes.
    const link = await app.http.put(`${RECORD}/${record.documentId}`).set('Authorization', world.finance.api).send({ data: { evidence: [fileId, fileId + 1] } });
    expect(link.status).toBe(400);
  });
});

describe('who sees what', () => {
  it('a department sees its students\' records, a source office what it entered, student affairs all', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const finance = await confirmedBadRecord(app, world, student.documentId, '欠费甲');
    const department = await enterRecord(app, world.manager.api, { student: student.documentId, indicator: 'daily-life', kind: 'good', title: '系部表彰甲' });
    const list = async (auth: string) => ((await app.http.get(`${RECORD}?pagination[pageSize]=100`).set('Authorization', auth)).body.data as Array<{ documentId: string }>).map((r) => r.documentId);
    expect(await list(world.manager.api)).toEqual(expect.arrayContaining([finance, department.documentId]));
    expect(await list(world.otherManager.api)).not.toContain(finance);
    expect(await list(world.finance.api)).toContain(finance);
    expect(await list(world.finance.api)).not.toContain(department.documentId);
    expect(await list(world.security.api)).not.toContain(finance);
    // Academic affairs sees every student, but of integrity records only those it entered.
    expect(await list(world.academicAffairs.api)).not.toContain(finance);
    expect(await list(world.studentAffairs.api)).toEqual(expect.arrayContaining([finance, department.documentId]));
    // Filtering on the hidden column does not widen the reach.
    const oracle = await app.http.get(`${RECORD}?filters[sourceOffice][$eq]=finance`).set('Authorization', world.security.api);
    expect(oracle.body.data ?? []).toHaveLength(0);
  });

  it('every staff read is an audit line naming the record', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const documentId = await confirmedBadRecord(app, world, student.documentId, '欠费乙');
    const before = await app.strapi.db.query('api::audit-log.audit-log').count({ where: { action: 'read', targetDocumentId: documentId } });
    await app.http.get(`${RECORD}/${documentId}`).set('Authorization', world.manager.api).expect(200);
    await app.http.get(`${RECORD}/${documentId}`).set('Authorization', student.api).expect(200);
    expect(await app.strapi.db.query('api::audit-log.audit-log').count({ where: { action: 'read', targetDocumentId: documentId } })).toBe(before + 1);
  });
});
