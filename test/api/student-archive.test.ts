/**
 * The student archive (issue 17, domain.md 6), its first part: one archive per student made by the
 * database with the student, the catalogue of material kinds, materials that carry their archive's
 * department and custody, and who reads them: a department while it keeps the archive, the archive
 * office and academic affairs always, the student their own; nothing of an archive deleted.
 */
import { createClassTree, studentInput, type ClassTree } from '../factories';
import { createStaff, createStudentLogin, ensureOffices, type StaffActor } from '../factories/actors';
import { activeStudent } from '../factories/status-changes';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { SUPER_ADMIN_ROLE } from '../../src/domain/permissions';

const ARCHIVE = 'api::student-archive.student-archive';
const MATERIAL = 'api::archive-material.archive-material';
const KIND = 'api::material-kind.material-kind';

let app: TestApp;
let ours: ClassTree;
let theirs: ClassTree;
let manager: StaffActor;
let clerk: StaffActor;
let archiveOffice: StaffActor;
let academicAffairs: StaffActor;
let leadership: StaffActor;
let student: { id: number; documentId: string; api: string };
let elsewhere: { id: number; documentId: string };

const sql = <T = Record<string, any>>(text: string, bindings: unknown[] = []) => app.strapi.db.connection.raw(text, bindings as never).then((r: { rows: T[] }) => r.rows);
const archiveOf = async (studentId: number) => (await sql('SELECT * FROM student_archives WHERE student_key = ?', [studentId]))[0];
const get = (path: string, auth: string) => app.http.get(path).set('Authorization', auth);
const ids = (rows: Array<{ documentId: string }> | undefined) => (rows ?? []).map((row) => row.documentId).sort();

/** A material filed straight into the archive, as the upload will (the trigger fills its department and custody). */
async function fileMaterial(archiveId: number, kindName: string): Promise<{ id: number; documentId: string }> {
  const kind = (await sql<{ id: number; category: string }>('SELECT id, category FROM material_kinds WHERE name = ?', [kindName]))[0];
  const created = (await app.strapi.db.query(MATERIAL as never).create({
    data: { documentId: `m${Math.random().toString(36).slice(2, 14)}`, archive: archiveId, kind: kind.id, category: kind.category, title: kindName, materialDate: '2035-09-01', archiveKey: archiveId, publishedAt: new Date() },
  })) as { id: number; documentId: string };
  return created;
}

beforeAll(async () => {
  app = await startStrapi();
  await ensureOffices(app);
  ours = await createClassTree(app.strapi);
  theirs = await createClassTree(app.strapi);
  manager = await createStaff(app, { adminRole: 'department-manager', department: ours.department.documentId });
  clerk = await createStaff(app, { adminRole: 'department-clerk', department: ours.department.documentId });
  archiveOffice = await createStaff(app, { adminRole: 'archive-office', office: 'archive' });
  academicAffairs = await createStaff(app, { adminRole: 'academic-affairs', office: 'academic-affairs' });
  leadership = await createStaff(app, { adminRole: 'school-leadership', office: 'leadership' });
  const own = await activeStudent(app, ours.schoolClass.documentId);
  student = { id: own.id, documentId: own.documentId, api: (await createStudentLogin(app, own.documentId)).api };
  elsewhere = await activeStudent(app, theirs.schoolClass.documentId);
});

afterAll(async () => {
  await app.stop();
});

describe('one archive per student, made with the student', () => {
  test('a student admitted one by one has an archive of their department, being built, kept by the department, naming them', async () => {
    const archive = await archiveOf(student.id);
    const stored = (await sql('SELECT department_scope, picker_label FROM students WHERE id = ?', [student.id]))[0];
    expect(archive).toMatchObject({ custody: 'department', state: 'building', department_scope: stored.department_scope, student_label: stored.picker_label });
    expect(archive.student_label).toContain('（');
    const link = await sql('SELECT student_id FROM student_archives_student_lnk WHERE student_archive_id = ?', [archive.id]);
    expect(link).toEqual([{ student_id: student.id }]);
  });

  test('a bulk admission makes one archive per admitted student', async () => {
    const rows = [0, 1, 2].map(() => studentInput(ours.schoolClass.documentId));
    const response = await app.http.post('/api/students/admissions').set('Authorization', app.auth).send({ data: rows });
    expect(response.status).toBe(201);
    const admitted = (await sql<{ id: number }>('SELECT id FROM students WHERE national_id_index IS NOT NULL ORDER BY id DESC LIMIT 3')).map((r) => r.id);
    const archives = await sql('SELECT student_key FROM student_archives WHERE student_key = ANY(?::int[])', [admitted]);
    expect(archives).toHaveLength(3);
  });

  test('a student entered by mistake is deleted while their archive is empty; one with a material filed is kept (403)', async () => {
    const superAdmin = await createStaff(app, { adminRole: SUPER_ADMIN_ROLE, office: 'academic-affairs' });
    const mistaken = await activeStudent(app, ours.schoolClass.documentId);
    const archived = await activeStudent(app, ours.schoolClass.documentId);
    await fileMaterial((await archiveOf(archived.id)).id, '健康检查报告');
    const cm = `/content-manager/collection-types/api::student.student`;
    expect((await app.http.delete(`${cm}/${mistaken.documentId}`).set('Authorization', superAdmin.admin)).status).toBe(200);
    expect(await sql('SELECT id FROM students WHERE id = ?', [mistaken.id])).toEqual([]);
    expect(await archiveOf(mistaken.id)).toBeDefined();
    expect((await app.http.delete(`${cm}/${archived.documentId}`).set('Authorization', superAdmin.admin)).status).toBe(403);
    expect(await sql('SELECT id FROM students WHERE id = ?', [archived.id])).toHaveLength(1);
  });

  test('a second archive for a student is refused by the database', async () => {
    await expect(sql("INSERT INTO student_archives (document_id, custody, state, student_key) VALUES ('duplicate-archive-000000', 'department', 'building', ?)", [student.id])).rejects.toThrow(/student_archives_one_per_student_uq/);
  });

  test('nothing of an archive is deleted, by SQL either', async () => {
    const archive = await archiveOf(elsewhere.id);
    await expect(sql('DELETE FROM student_archives WHERE id = ?', [archive.id])).rejects.toThrow(/keeps its history/);
    const material = await fileMaterial(archive.id, '身份证复印件');
    await expect(sql('DELETE FROM archive_materials WHERE id = ?', [material.id])).rejects.toThrow(/keeps its history/);
    expect(await archiveOf(elsewhere.id)).toBeDefined();
  });
});

describe('the catalogue of material kinds', () => {
  test('is seeded with seed 001\'s list: six admission materials required for the first archive', async () => {
    const response = await get('/api/material-kinds?pagination[pageSize]=100&sort=position', academicAffairs.api);
    expect(response.status).toBe(200);
    const kinds = response.body.data as Array<{ name: string; category: string; requiredForFirstArchive: boolean }>;
    expect(kinds.length).toBeGreaterThanOrEqual(27);
    expect(kinds.filter((k) => k.requiredForFirstArchive).map((k) => k.name)).toEqual(['录取通知书复印件', '高中（或同等学历）毕业证书复印件', '身份证复印件', '彩色正面免冠一寸照片', '健康检查报告', '政治面貌证明']);
    expect(new Set(kinds.map((k) => k.category))).toEqual(new Set(['admission', 'academic', 'status-change', 'rewards-discipline', 'graduation', 'other']));
  });

  test('the archive office adds a kind; the same name again is a 400 naming name; a department may read but not add', async () => {
    const name = `实习单位鉴定${Date.now() % 100000}`;
    const added = await app.http.post('/api/material-kinds').set('Authorization', archiveOffice.api).send({ data: { name, category: 'academic' } });
    expect(added.status).toBe(201);
    const again = await app.http.post('/api/material-kinds').set('Authorization', academicAffairs.api).send({ data: { name: ` ${name} `, category: 'other' } });
    expect(again.status).toBe(400);
    expect(again.body.error.details.errors[0].path).toEqual(['name']);
    expect((await get('/api/material-kinds', manager.api)).status).toBe(200);
    const refused = await app.http.post('/api/material-kinds').set('Authorization', manager.api).send({ data: { name: `${name}乙`, category: 'other' } });
    expect(refused.status).toBe(403);
    expect(await sql('SELECT id FROM material_kinds WHERE name = ?', [`${name}乙`])).toEqual([]);
  });

  test('a kind some material is filed under is not deleted, not even by a super admin (403: retire it instead)', async () => {
    const used = (await sql<{ document_id: string }>("SELECT document_id FROM material_kinds WHERE name = '身份证复印件'"))[0];
    const cm = `/content-manager/collection-types/${KIND}`;
    const superAdmin = await createStaff(app, { adminRole: SUPER_ADMIN_ROLE, office: 'academic-affairs' });
    const refused = await app.http.delete(`${cm}/${used.document_id}`).set('Authorization', superAdmin.admin);
    expect(refused.status).toBe(403);
    expect(await sql("SELECT id FROM material_kinds WHERE name = '身份证复印件'")).toHaveLength(1);
  });
});

describe('who reads an archive', () => {
  test('a department reads its students\' archives and materials while it keeps them, and loses them when custody moves', async () => {
    const archive = await archiveOf(student.id);
    const material = await fileMaterial(archive.id, '录取通知书复印件');
    for (const staff of [manager, clerk]) {
      expect(ids((await get('/api/student-archives?pagination[pageSize]=100', staff.api)).body.data)).toContain(archive.document_id);
      expect((await get(`/api/archive-materials/${material.documentId}`, staff.api)).status).toBe(200);
    }
    expect(ids((await get('/api/student-archives?pagination[pageSize]=100', manager.api)).body.data)).not.toContain((await archiveOf(elsewhere.id)).document_id);

    // When the archive moves to the archive office
    await sql("UPDATE student_archives SET custody = 'archive-office', state = 'in-custody' WHERE id = ?", [archive.id]);
    expect((await sql('SELECT custody FROM archive_materials WHERE id = ?', [material.id]))[0].custody).toBe('archive-office');

    // Then the department reads neither, by any door; the archive office and academic affairs read both
    for (const staff of [manager, clerk]) {
      expect(ids((await get('/api/student-archives?pagination[pageSize]=100', staff.api)).body.data)).not.toContain(archive.document_id);
      expect((await get(`/api/student-archives/${archive.document_id}`, staff.api)).status).toBe(404);
      expect((await get(`/api/archive-materials/${material.documentId}`, staff.api)).status).toBe(404);
      const cm = await get(`/content-manager/collection-types/${ARCHIVE}/${archive.document_id}`, staff.admin);
      expect([403, 404]).toContain(cm.status);
      const gql = await app.http.post('/graphql').set('Authorization', staff.api).send({ query: `{ studentArchives(pagination: { pageSize: 100 }) { documentId } }` });
      expect(JSON.stringify(gql.body)).not.toContain(archive.document_id);
    }
    for (const staff of [archiveOffice, academicAffairs]) {
      expect((await get(`/api/student-archives/${archive.document_id}`, staff.api)).status).toBe(200);
      expect((await get(`/api/archive-materials/${material.documentId}`, staff.api)).status).toBe(200);
    }
    await sql("UPDATE student_archives SET custody = 'department', state = 'building' WHERE id = ?", [archive.id]);
  });

  test('the student reads their own archive and materials, not another\'s', async () => {
    const own = await archiveOf(student.id);
    const other = await archiveOf(elsewhere.id);
    const listed = await get('/api/student-archives', student.api);
    expect(listed.status).toBe(200);
    expect(ids(listed.body.data)).toEqual([own.document_id]);
    expect((await get(`/api/student-archives/${other.document_id}`, student.api)).status).toBe(404);
    const materials = await get('/api/archive-materials?pagination[pageSize]=100', student.api);
    expect(materials.status).toBe(200);
    const otherMaterials = (await sql<{ document_id: string }>('SELECT document_id FROM archive_materials WHERE archive_key = ?', [other.id])).map((m) => m.document_id);
    expect(otherMaterials.length).toBeGreaterThan(0);
    for (const documentId of otherMaterials) expect(ids(materials.body.data)).not.toContain(documentId);
  });

  test('the leadership and the other offices hold no permission on archives', async () => {
    expect((await get('/api/student-archives', leadership.api)).status).toBe(403);
    expect((await get('/api/archive-materials', leadership.api)).status).toBe(403);
  });

  test('nobody writes an archive or a material through REST: the routes are not there', async () => {
    const archive = await archiveOf(student.id);
    expect((await app.http.put(`/api/student-archives/${archive.document_id}`).set('Authorization', app.auth).send({ data: { custody: 'transferred' } })).status).toBe(405);
    expect((await app.http.post('/api/archive-materials').set('Authorization', app.auth).send({ data: { title: 'x' } })).status).toBe(405);
    expect((await app.http.delete(`/api/student-archives/${archive.document_id}`).set('Authorization', app.auth)).status).toBe(405);
    expect((await archiveOf(student.id)).custody).toBe('department');
  });
});

describe('the archive follows its student', () => {
  test('to another department, with its materials; a rename reaches its label', async () => {
    const archive = await archiveOf(elsewhere.id);
    const ourDepartment = (await sql<{ id: number }>('SELECT id FROM departments WHERE document_id = ?', [ours.department.documentId]))[0].id;
    const theirDepartment = archive.department_scope;
    await sql('UPDATE students SET department_scope = ? WHERE id = ?', [ourDepartment, elsewhere.id]);
    expect((await archiveOf(elsewhere.id)).department_scope).toBe(ourDepartment);
    expect((await sql('SELECT DISTINCT department_scope FROM archive_materials WHERE archive_key = ?', [archive.id])).map((r) => r.department_scope)).toEqual([ourDepartment]);
    await sql('UPDATE students SET department_scope = ? WHERE id = ?', [theirDepartment, elsewhere.id]);

    await sql("UPDATE students SET name = '档案改名' WHERE id = ?", [elsewhere.id]);
    expect((await archiveOf(elsewhere.id)).student_label).toContain('档案改名（');
  });
});

describe('the admin', () => {
  test('archives and materials are not written in the Content Manager, not even by a super admin (403), and nothing is written', async () => {
    const superAdmin = await createStaff(app, { adminRole: SUPER_ADMIN_ROLE, office: 'academic-affairs' });
    const archive = await archiveOf(student.id);
    const before = await sql('SELECT count(*)::int AS n FROM archive_materials');
    const base = '/content-manager/collection-types';
    expect((await app.http.put(`${base}/${ARCHIVE}/${archive.document_id}`).set('Authorization', superAdmin.admin).send({ custody: 'transferred' })).status).toBe(403);
    expect((await app.http.post(`${base}/${MATERIAL}`).set('Authorization', superAdmin.admin).send({ title: '伪造材料', category: 'other', materialDate: '2035-01-01', archive: { connect: [{ documentId: archive.document_id }] } })).status).toBe(403);
    expect((await app.http.delete(`${base}/${ARCHIVE}/${archive.document_id}`).set('Authorization', superAdmin.admin)).status).toBe(403);
    expect((await archiveOf(student.id)).custody).toBe('department');
    expect(await sql('SELECT count(*)::int AS n FROM archive_materials')).toEqual(before);
  });

  test('the home page\'s 最近编辑的记录 lists no archive, though every admitted student has one', async () => {
    const superAdmin = await createStaff(app, { adminRole: SUPER_ADMIN_ROLE, office: 'academic-affairs' });
    const recent = await app.http.get('/content-manager/homepage/recent-documents?action=update').set('Authorization', superAdmin.admin);
    expect(recent.status).toBe(200);
    expect((recent.body.data as Array<{ contentTypeUid: string }>).map((d) => d.contentTypeUid)).not.toContain(ARCHIVE);
  });
});
