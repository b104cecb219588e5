/**
 * A status change's final approval files its form with every decision and its proofs into the
 * student's archive (issue 17), in the same transaction as the effect: both happen or neither.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createStaff, type StaffActor } from '../factories/actors';
import { act, activeStudent, createRequest, createWorkflowWorld, suspensionData, type WorkflowWorld } from '../factories/status-changes';
import { binary } from '../helpers/binary';
import { pdfText } from '../helpers/pdf-text';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';
import { now, schoolDate, setClock } from '../../src/services/clock';

let app: TestApp;
let world: WorkflowWorld;
let archiveOffice: StaffActor;

const SIGNED = { studentSigned: true, guardianSigned: true };
const proofPdf = (label: string) => Buffer.from(`%PDF-1.7\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);

const sql = <T = Record<string, any>>(text: string, bindings: unknown[] = []) => app.strapi.db.connection.raw(text, bindings as never).then((r: { rows: T[] }) => r.rows);
const archiveOf = async (studentId: number) => (await sql<{ id: number; document_id: string; custody: string }>('SELECT id, document_id, custody FROM student_archives WHERE student_key = ?', [studentId]))[0];
const materialsOf = (archiveId: number) =>
  sql(
    `SELECT m.*, m.material_date::text AS day, k.name AS kind_name FROM archive_materials m
       LEFT JOIN archive_materials_kind_lnk l ON l.archive_material_id = m.id LEFT JOIN material_kinds k ON k.id = l.material_kind_id
      WHERE m.archive_key = ? ORDER BY m.id`,
    [archiveId],
  );
const filesOf = (materialId: number) =>
  sql<{ id: number; name: string; provider: string }>(
    `SELECT f.id, f.name, f.provider FROM files f JOIN files_related_mph r ON r.file_id = f.id
      WHERE r.related_type = 'api::archive-material.archive-material' AND r.field = 'files' AND r.related_id = ? ORDER BY r."order", f.id`,
    [materialId],
  );
const statusChange = (documentId: string) =>
  sql('SELECT state, effect, current_step FROM status_changes WHERE document_id = ?', [documentId]).then(([row]) => ({ ...row, effect: typeof row.effect === 'string' ? JSON.parse(row.effect) : row.effect }));
const privateDir = () => process.env.PRIVATE_FILES_DIR || path.join(ROOT, 'private-files');
const privateFiles = () => new Set(fs.existsSync(privateDir()) ? fs.readdirSync(privateDir()) : []);

/** Staff with names of their own, so the form shows who decided each step. */
async function name(actor: StaffActor, staffName: string) {
  await app.strapi.db.query('api::staff-membership.staff-membership').updateMany({ where: { email: actor.email }, data: { staffName } });
}

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorkflowWorld(app);
  archiveOffice = await createStaff(app, { adminRole: 'archive-office', office: 'archive' });
  await name(world.manager, '系主任王一');
  await name(world.academicAffairs, '教务处李二');
  await name(world.studentAffairs, '学生处张三');
  await name(world.leader, '校领导赵四');
  await app.strapi.db.query('api::school-setting.school-setting').updateMany({ where: {}, data: { majorChangeWindowStart: '01-01', majorChangeWindowEnd: '12-31' } });
});

afterAll(async () => {
  setClock(null);
  await app.stop();
});

const deciders = (): Record<string, string> => ({
  department: world.manager.api,
  'academic-affairs': world.academicAffairs.api,
  'student-affairs': world.studentAffairs.api,
  leadership: world.leader.api,
});

/** Approves every step but the last; answers with the last step's unit. */
async function approveAllButLast(documentId: string): Promise<string> {
  for (;;) {
    const row = (await app.strapi.db.query('api::status-change.status-change').findOne({ where: { documentId } })) as { chainSteps: Array<{ unit: string }>; currentStep: number };
    const unit = row.chainSteps[row.currentStep - 1].unit;
    if (row.currentStep === row.chainSteps.length) return unit;
    const response = await act(app, deciders()[unit], documentId, 'approve', { comment: `${unit} 同意`, step: row.currentStep });
    if (response.status !== 200) throw new Error(`approve failed: ${JSON.stringify(response.body)}`);
  }
}

async function uploadProofs(documentId: string, names: string[]): Promise<Array<{ id: number; name: string }>> {
  let request = app.http.post(`/api/status-changes/${documentId}/documents`).set('Authorization', world.manager.api);
  for (const proof of names) request = request.attach('files', proofPdf(proof), { filename: proof, contentType: 'application/pdf' });
  const response = await request;
  if (response.status !== 200 && response.status !== 201) throw new Error(`upload failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data;
}

/** A change of major to the other department's class, with proofs, submitted and approved up to its last step. */
async function majorChangeAtLastStep(proofs: string[] = []) {
  const student = await activeStudent(app, world.tree.schoolClass.documentId);
  const request = await createRequest(app, world.manager.api, {
    student: student.documentId, type: 'change-of-major', reason: '兴趣与特长', targetMajor: world.otherTree.major.documentId, targetClass: world.otherTree.schoolClass.documentId, ...SIGNED,
  });
  expect((await app.http.put(`/api/status-changes/${request.documentId}`).set('Authorization', world.academicAffairs.api).send({ data: { failedCourses: 0, averageScore: 86 } })).status).toBe(200);
  const uploaded = proofs.length > 0 ? await uploadProofs(request.documentId, proofs) : [];
  expect((await act(app, world.manager.api, request.documentId, 'submit')).status).toBe(200);
  const lastUnit = await approveAllButLast(request.documentId);
  return { student, documentId: request.documentId, uploaded, lastUnit, archive: await archiveOf(student.id) };
}

async function suspensionAtLastStep() {
  const student = await activeStudent(app, world.tree.schoolClass.documentId);
  const request = await createRequest(app, world.manager.api, suspensionData(student.documentId));
  // A suspension is submitted with its proof (a hospital's certificate).
  const [proof] = await uploadProofs(request.documentId, ['诊断证明.pdf']);
  const submitted = await act(app, world.manager.api, request.documentId, 'submit');
  expect([submitted.status, submitted.body?.error?.message]).toEqual([200, undefined]);
  const lastUnit = await approveAllButLast(request.documentId);
  return { student, documentId: request.documentId, proof, lastUnit, archive: await archiveOf(student.id) };
}

async function studentNow(id: number) {
  return (await app.strapi.db.query('api::student.student').findOne({ where: { id }, populate: ['major', 'schoolClass'] })) as Record<string, any>;
}

async function readFile(materialDocumentId: string, fileId: number, auth = archiveOffice.api) {
  return binary(app.http.get(`/api/archive-materials/${materialDocumentId}/files/${fileId}`).set('Authorization', auth));
}

describe('filed on final approval', () => {
  test('a change of major kept by the archive office: the form with every decision and each proof are filed, dated the school day of the decision, by the final approver', async () => {
    // Given a change of major with two proofs, its archive already moved to the archive office
    const { student, documentId, uploaded, lastUnit, archive } = await majorChangeAtLastStep(['成绩证明.pdf', '面试记录.pdf']);
    await sql("UPDATE student_archives SET custody = 'archive-office' WHERE id = ?", [archive.id]);
    const filesBefore = Number((await sql('SELECT count(*) AS n FROM files'))[0].n);
    // When the last step approves at 00:30 in Beijing (still the day before in UTC)
    const tomorrow = schoolDate(new Date(now().getTime() + 24 * 3600 * 1000));
    setClock(`${tomorrow}T00:30:00+08:00`);
    const response = await act(app, deciders()[lastUnit], documentId, 'approve', { comment: '最终同意转专业' });
    setClock(null);
    expect(response.status).toBe(200);

    // Then the student moved, and three status-change materials are in the archive
    expect((await studentNow(student.id)).major.documentId).toBe(world.otherTree.major.documentId);
    const materials = await materialsOf(archive.id);
    expect(materials.map((m) => [m.category, m.kind_name])).toEqual([
      ['status-change', '学籍异动申请表'],
      ['status-change', '异动证明材料'],
      ['status-change', '异动证明材料'],
    ]);
    const lastApprover = [world.manager, world.academicAffairs, world.studentAffairs, world.leader].find((s) => deciders()[lastUnit] === s.api)!;
    for (const material of materials) {
      expect(material).toMatchObject({ day: tomorrow, added_by: lastApprover.email, custody: 'archive-office', superseded: false });
    }
    const effect = (await statusChange(documentId)).effect;
    expect(effect.archiveFiling).toEqual({ filed: true, archive: archive.document_id, materials: materials.map((m) => m.document_id) });

    // The proofs are the request's own files, linked, not copied: only the form's PDF is a new file
    expect(Number((await sql('SELECT count(*) AS n FROM files'))[0].n)).toBe(filesBefore + 1);
    const proofFiles = await Promise.all(materials.slice(1).map((m) => filesOf(m.id)));
    expect(proofFiles.map((files) => files.map((f) => f.id))).toEqual(uploaded.map((u) => [u.id]));
    expect(materials.slice(1).map((m) => m.title)).toEqual(['异动证明材料：成绩证明.pdf', '异动证明材料：面试记录.pdf']);

    // The archive office reads a proof through the archive's file endpoint, and the read is registered
    const logsBefore = Number((await sql('SELECT count(*) AS n FROM archive_access_logs WHERE archive_key = ?', [archive.id]))[0].n);
    const proof = await readFile(materials[1].document_id, uploaded[0].id);
    expect(proof.status).toBe(200);
    expect(Buffer.compare(proof.body as Buffer, proofPdf('成绩证明.pdf'))).toBe(0);
    const logs = await sql('SELECT * FROM archive_access_logs WHERE archive_key = ? ORDER BY id', [archive.id]);
    expect(logs).toHaveLength(logsBefore + 1);
    expect(logs[logs.length - 1]).toMatchObject({ action: 'file', reader: archiveOffice.email, file_name: '成绩证明.pdf' });

    // The form is a PDF naming the student and every decision's approver and comment
    const [formFile] = await filesOf(materials[0].id);
    expect(formFile.provider).not.toBe('local');
    const form = await readFile(materials[0].document_id, formFile.id);
    expect(form.status).toBe(200);
    const text = pdfText(form.body as Buffer);
    const studentName = (await studentNow(student.id)).name as string;
    expect(text).toContain('学籍异动申请表');
    expect(text).toContain(studentName);
    expect(text).toContain('转专业');
    const decisions = (await app.strapi.db.query('api::approval-decision.approval-decision').findMany({ where: { subjectDocumentId: documentId } })) as Array<{ deciderName: string; comment: string }>;
    expect(decisions.length).toBeGreaterThanOrEqual(2);
    for (const decision of decisions) {
      expect(text).toContain(decision.deciderName);
      expect(text).toContain(decision.comment);
    }
    expect(text).toContain('最终同意转专业');
    expect(text).not.toContain('待审批');
  });

  test('a suspension kept by the department: its form and proof are filed under the department, which reads them', async () => {
    const { student, documentId, proof, lastUnit, archive } = await suspensionAtLastStep();
    expect(archive.custody).toBe('department');
    expect((await act(app, deciders()[lastUnit], documentId, 'approve', { comment: '同意休学' })).status).toBe(200);
    expect((await studentNow(student.id)).status).toBe('suspended');
    const materials = await materialsOf(archive.id);
    expect(materials.map((m) => [m.category, m.kind_name, m.custody, m.title])).toEqual([
      ['status-change', '学籍异动申请表', 'department', '学籍异动申请表（休学）'],
      ['status-change', '异动证明材料', 'department', '异动证明材料：诊断证明.pdf'],
    ]);
    expect((await filesOf(materials[1].id)).map((f) => f.id)).toEqual([proof.id]);
    // The department that keeps the archive reads it as well
    const [formFile] = await filesOf(materials[0].id);
    const form = await readFile(materials[0].document_id, formFile.id, world.manager.api);
    expect(form.status).toBe(200);
    const text = pdfText(form.body as Buffer);
    expect(text).toContain('系主任王一');
    expect(text).toContain('同意休学');
  });

  test('a rejected request files nothing', async () => {
    const { student, documentId, lastUnit, archive } = await suspensionAtLastStep();
    expect((await act(app, deciders()[lastUnit], documentId, 'reject', { comment: '材料不全' })).status).toBe(200);
    expect((await statusChange(documentId)).state).toBe('rejected');
    expect((await studentNow(student.id)).status).toBe('active');
    expect(await materialsOf(archive.id)).toEqual([]);
  });

  test('an archive already transferred out: the approval stands, nothing is filed, and the request says why', async () => {
    const { student, documentId, lastUnit, archive } = await suspensionAtLastStep();
    await sql("UPDATE student_archives SET custody = 'transferred' WHERE id = ?", [archive.id]);
    expect((await act(app, deciders()[lastUnit], documentId, 'approve', { comment: '同意' })).status).toBe(200);
    expect((await studentNow(student.id)).status).toBe('suspended');
    expect(await materialsOf(archive.id)).toEqual([]);
    expect((await statusChange(documentId)).effect.archiveFiling).toEqual({ filed: false, reason: expect.stringContaining('学籍档案已转出') });
  });
});

describe('the catalogue kinds it files under', () => {
  test('an admin renamed the form kind away: the kind is made again under its catalogue name and the filing goes on', async () => {
    const { documentId, lastUnit, archive } = await suspensionAtLastStep();
    await sql("UPDATE material_kinds SET name = '学籍异动申请表（旧）', active = false WHERE name = '学籍异动申请表'");
    expect((await act(app, deciders()[lastUnit], documentId, 'approve', { comment: '同意' })).status).toBe(200);
    const [form] = await materialsOf(archive.id);
    expect(form.kind_name).toBe('学籍异动申请表');
    const [kind] = await sql("SELECT category, active, required_for_first_archive, document_id FROM material_kinds WHERE name = '学籍异动申请表'");
    expect(kind).toMatchObject({ category: 'status-change', active: true, required_for_first_archive: false });
    expect(kind.document_id).toMatch(/^[a-z0-9]{24}$/);
    // Listed through the API like any other kind
    const listed = await app.http.get('/api/material-kinds').query({ filters: { name: '学籍异动申请表' } }).set('Authorization', archiveOffice.api);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((k: { name: string }) => k.name)).toContain('学籍异动申请表');
  });
});

describe('one transaction with the effect', () => {
  /** Runs the last approval while `trigger` (SQL run with the archive's id and the request's id) refuses a write; drops it after. */
  async function approveWhileRefused(create: (archiveId: number, requestId: number) => string, table: string) {
    const { student, documentId, uploaded, lastUnit, archive } = await majorChangeAtLastStep(['证明.pdf']);
    const [{ id: requestId }] = await sql<{ id: number }>('SELECT id FROM status_changes WHERE document_id = ?', [documentId]);
    const before = { student: await studentNow(student.id), files: privateFiles(), rows: Number((await sql('SELECT count(*) AS n FROM files'))[0].n) };
    await sql(`CREATE OR REPLACE FUNCTION test_refuse_filing() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF ${create(archive.id, requestId)} THEN RAISE EXCEPTION 'test: refused'; END IF; RETURN NEW; END $$`);
    await sql(`CREATE TRIGGER test_refuse_filing BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION test_refuse_filing()`);
    let response;
    try {
      response = await act(app, deciders()[lastUnit], documentId, 'approve', { comment: '同意' });
    } finally {
      await sql(`DROP TRIGGER test_refuse_filing ON ${table}`);
      await sql('DROP FUNCTION test_refuse_filing()');
    }
    return { response, student, documentId, uploaded, archive, before };
  }

  /** Nothing of the approval or the filing is left: the student as before, no material, no decision, no PDF on disk. */
  async function expectNothingKept(run: Awaited<ReturnType<typeof approveWhileRefused>>) {
    expect(run.response.status).toBe(500);
    const after = await studentNow(run.student.id);
    expect([after.status, after.major.documentId, after.schoolClass.documentId]).toEqual([run.before.student.status, run.before.student.major.documentId, run.before.student.schoolClass.documentId]);
    expect(await materialsOf(run.archive.id)).toEqual([]);
    expect((await statusChange(run.documentId)).state).toBe('submitted');
    expect(await app.strapi.db.query('api::status-history.status-history').count({ where: { statusChange: { documentId: run.documentId } } })).toBe(0);
    expect(Number((await sql('SELECT count(*) AS n FROM files'))[0].n)).toBe(run.before.rows);
    // No form of this request left on disk (other test files share the directory: only ours are looked at)
    const added = [...privateFiles()].filter((file) => !run.before.files.has(file));
    const ours = added.filter((file) => {
      try {
        return pdfText(fs.readFileSync(path.join(privateDir(), file))).includes(run.documentId);
      } catch {
        return false;
      }
    });
    expect(ours).toEqual([]);
  }

  test('filing refused after the form was stored (linking its files): the effect rolls back too, and the stored PDF is removed', async () => {
    const run = await approveWhileRefused(() => "NEW.related_type = 'api::archive-material.archive-material'", 'files_related_mph');
    await expectNothingKept(run);
    // The request's own proof is still the request's
    const documents = await sql("SELECT file_id FROM files_related_mph WHERE related_type = 'api::status-change.status-change' AND field = 'documents' AND file_id = ?", [run.uploaded[0].id]);
    expect(documents).toHaveLength(1);
  });

  test('the material row refused: the effect rolls back too', async () => {
    const run = await approveWhileRefused((archiveId) => `NEW.archive_key = ${archiveId}`, 'archive_materials');
    await expectNothingKept(run);
  });

  test('the request refused its approved state after the filing: the filing rolls back too', async () => {
    const run = await approveWhileRefused((_archiveId, requestId) => `NEW.id = ${requestId} AND NEW.state = 'approved'`, 'status_changes');
    await expectNothingKept(run);
    // Once nothing refuses, the same approval goes through and files
    const row = (await app.strapi.db.query('api::status-change.status-change').findOne({ where: { documentId: run.documentId } })) as { chainSteps: Array<{ unit: string }>; currentStep: number };
    expect((await act(app, deciders()[row.chainSteps[row.currentStep - 1].unit], run.documentId, 'approve', { comment: '同意' })).status).toBe(200);
    expect((await materialsOf(run.archive.id)).map((m) => m.kind_name)).toEqual(['学籍异动申请表', '异动证明材料']);
  });
});
