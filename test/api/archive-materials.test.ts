/**
 * Filing materials into a student archive and reading them back (issue 17): the upload with its
 * marks (checked against the original, stamp), files checked by content and the school's size
 * limit, kept privately and streamed only through the scope; corrections that supersede without
 * deleting; and the access register, written on every read of a material's list or file by anyone
 * but the archive's own student, and append-only in the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createClassTree, type ClassTree } from '../factories';
import { createStaff, createStudentLogin, ensureOffices, type StaffActor } from '../factories/actors';
import { activeStudent } from '../factories/status-changes';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let ours: ClassTree;
let theirs: ClassTree;
let clerk: StaffActor;
let otherClerk: StaffActor;
let archiveOffice: StaffActor;
let academicAffairs: StaffActor;
let leadership: StaffActor;
let student: { id: number; documentId: string; api: string };
let otherStudent: { id: number; documentId: string; api: string };
let archive: { id: number; document_id: string };

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const HTML = Buffer.from('<html><script>alert(1)</script></html>');

const sql = <T = Record<string, any>>(text: string, bindings: unknown[] = []) => app.strapi.db.connection.raw(text, bindings as never).then((r: { rows: T[] }) => r.rows);
const archiveOf = async (studentId: number) => (await sql<{ id: number; document_id: string }>('SELECT id, document_id FROM student_archives WHERE student_key = ?', [studentId]))[0];
const kindId = async (name: string) => (await sql<{ document_id: string }>('SELECT document_id FROM material_kinds WHERE name = ?', [name]))[0].document_id;
const materialCount = async () => Number((await sql<{ n: string }>('SELECT count(*) AS n FROM archive_materials'))[0].n);
const fileCount = async () => Number((await sql<{ n: string }>('SELECT count(*) AS n FROM files'))[0].n);
const logsOf = (archiveId: number) => sql<Record<string, any>>('SELECT * FROM archive_access_logs WHERE archive_key = ? ORDER BY id', [archiveId]);
const binary = (request: any) =>
  request.buffer(true).parse((response: any, done: (error: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });

interface Upload {
  fields?: Record<string, string>;
  files?: Array<{ bytes: Buffer; name: string; type?: string }>;
}

function post(url: string, auth: string, { fields = {}, files = [{ bytes: PDF, name: '身份证.pdf' }] }: Upload) {
  let request = app.http.post(url).set('Authorization', auth);
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
  for (const file of files) request = request.attach('files', file.bytes, { filename: file.name, contentType: file.type ?? 'application/pdf' });
  return request;
}

const fileInto = async (archiveDocumentId: string, auth: string, upload: Upload = {}) =>
  post(`/api/student-archives/${archiveDocumentId}/materials`, auth, { ...upload, fields: { kind: await kindId('身份证复印件'), materialDate: '2035-09-02', ...upload.fields } });

beforeAll(async () => {
  app = await startStrapi();
  await ensureOffices(app);
  ours = await createClassTree(app.strapi);
  theirs = await createClassTree(app.strapi);
  clerk = await createStaff(app, { adminRole: 'department-clerk', department: ours.department.documentId });
  otherClerk = await createStaff(app, { adminRole: 'department-clerk', department: theirs.department.documentId });
  archiveOffice = await createStaff(app, { adminRole: 'archive-office', office: 'archive' });
  academicAffairs = await createStaff(app, { adminRole: 'academic-affairs', office: 'academic-affairs' });
  leadership = await createStaff(app, { adminRole: 'school-leadership', office: 'leadership' });
  const own = await activeStudent(app, ours.schoolClass.documentId);
  student = { id: own.id, documentId: own.documentId, api: (await createStudentLogin(app, own.documentId)).api };
  const other = await activeStudent(app, ours.schoolClass.documentId);
  otherStudent = { id: other.id, documentId: other.documentId, api: (await createStudentLogin(app, other.documentId)).api };
  archive = await archiveOf(student.id);
});

afterAll(async () => {
  await app.stop();
});

describe('filing a material', () => {
  test('a department clerk files a PDF with the marks: the kind gives its category, the checker and the filer are recorded, the file is private', async () => {
    const response = await fileInto(archive.document_id, clerk.api, { fields: { checkedAgainstOriginal: 'true', stampUnit: '信息工程系', title: '身份证正反面复印件' } });
    expect(response.status).toBe(201);
    const { documentId, files } = response.body.data as { documentId: string; files: Array<{ id: number; name: string; mime: string }> };
    expect(files).toEqual([expect.objectContaining({ name: '身份证.pdf', mime: 'application/pdf' })]);
    const [row] = await sql('SELECT * FROM archive_materials WHERE document_id = ?', [documentId]);
    expect(row).toMatchObject({ category: 'admission', title: '身份证正反面复印件', checked_against_original: true, checked_by: clerk.email, stamp_unit: '信息工程系', added_by: clerk.email, superseded: false, archive_key: archive.id, custody: 'department' });
    expect(row.checked_at).toBeInstanceOf(Date);
    expect(String(row.material_date).length).toBeGreaterThan(0);
    const [file] = await sql('SELECT provider, url, provider_metadata FROM files WHERE id = ?', [files[0].id]);
    expect(file.provider).toBe('private-files');
    expect(file.url).toBe(`/api/archive-materials/${documentId}/files/${files[0].id}`);
    expect(fs.existsSync(path.join(ROOT, 'public', 'uploads', JSON.parse(file.provider_metadata).file))).toBe(false);
    const audit = await app.strapi.db.query('api::audit-log.audit-log').findMany({ where: { targetDocumentId: documentId, action: 'create' } });
    expect(audit).toHaveLength(1);
  });

  test('without the mark, nobody is named as having checked it', async () => {
    const response = await fileInto(archive.document_id, archiveOffice.api, { files: [{ bytes: PNG, name: 'photo.png', type: 'image/png' }], fields: { kind: await kindId('彩色正面免冠一寸照片') } });
    expect(response.status).toBe(201);
    const [row] = await sql('SELECT checked_against_original, checked_by, checked_at FROM archive_materials WHERE document_id = ?', [response.body.data.documentId]);
    expect(row).toEqual({ checked_against_original: false, checked_by: null, checked_at: null });
  });

  test.each([
    ['no kind', { kind: '' }, 'kind'],
    ['a kind that does not exist', { kind: 'nosuchkind0000000000000' }, 'kind'],
    ['no date', { materialDate: '' }, 'materialDate'],
    ['an impossible date', { materialDate: '2035-02-30' }, 'materialDate'],
    ['a date after today', { materialDate: '2036-01-02' }, 'materialDate'],
    ['a field the upload does not have', { custody: 'archive-office' }, 'custody'],
    ['a title over 100 characters', { title: '档'.repeat(101) }, 'title'],
    ['a mark that is not true or false', { checkedAgainstOriginal: 'yes' }, 'checkedAgainstOriginal'],
  ])('%s is a 400 naming the field, and nothing is kept', async (_case, fields, field) => {
    const [materials, files] = [await materialCount(), await fileCount()];
    const response = await fileInto(archive.document_id, clerk.api, { fields: fields as Record<string, string> });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual([field]);
    expect([await materialCount(), await fileCount()]).toEqual([materials, files]);
  });

  test('a file that is not a PDF, JPG or PNG by its content is refused whatever its name says; none of the upload is kept', async () => {
    const [materials, files] = [await materialCount(), await fileCount()];
    const response = await fileInto(archive.document_id, clerk.api, { files: [{ bytes: PDF, name: 'ok.pdf' }, { bytes: HTML, name: 'scan.pdf' }] });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['files']);
    expect(response.body.error.message).toContain('scan.pdf');
    expect([await materialCount(), await fileCount()]).toEqual([materials, files]);
    const none = await fileInto(archive.document_id, clerk.api, { files: [] });
    expect(none.status).toBe(400);
  });

  test("a file over the school's limit is refused; the limit is the school's setting", async () => {
    await sql('UPDATE school_settings SET archive_max_file_megabytes = 1');
    try {
      const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10, 0x20)]);
      const refused = await fileInto(archive.document_id, clerk.api, { files: [{ bytes: big, name: 'big.pdf' }] });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain('1 MB');
      await sql('UPDATE school_settings SET archive_max_file_megabytes = 2');
      expect((await fileInto(archive.document_id, clerk.api, { files: [{ bytes: big, name: 'big.pdf' }] })).status).toBe(201);
    } finally {
      await sql('UPDATE school_settings SET archive_max_file_megabytes = 20');
    }
  });

  test("another department's clerk does not find the archive (404); academic affairs and the leadership may not file (403); a student may not; nothing is kept", async () => {
    const [materials, files] = [await materialCount(), await fileCount()];
    expect((await fileInto(archive.document_id, otherClerk.api)).status).toBe(404);
    expect((await fileInto(archive.document_id, academicAffairs.api)).status).toBe(403);
    expect((await fileInto(archive.document_id, leadership.api)).status).toBe(403);
    expect((await fileInto(archive.document_id, student.api)).status).toBe(403);
    expect((await fileInto(archive.document_id, '')).status).toBe(403);
    expect([await materialCount(), await fileCount()]).toEqual([materials, files]);
  });

  test('once custody moves to the archive office the department files nothing (it no longer sees the archive); the archive office does; nobody files into a transferred archive', async () => {
    const moved = await archiveOf((await activeStudent(app, ours.schoolClass.documentId)).id);
    await sql("UPDATE student_archives SET custody = 'archive-office', state = 'in-custody' WHERE id = ?", [moved.id]);
    expect((await fileInto(moved.document_id, clerk.api)).status).toBe(404);
    const filed = await fileInto(moved.document_id, archiveOffice.api);
    expect(filed.status).toBe(201);
    expect((await sql('SELECT custody FROM archive_materials WHERE document_id = ?', [filed.body.data.documentId]))[0].custody).toBe('archive-office');
    await sql("UPDATE student_archives SET custody = 'transferred', state = 'transferred' WHERE id = ?", [moved.id]);
    const refused = await fileInto(moved.document_id, archiveOffice.api);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('已转出');
  });

  test('a custody move that lands while an upload is on its way wins: the upload finds the archive locked and moved, and keeps nothing', async () => {
    const racing = await archiveOf((await activeStudent(app, ours.schoolClass.documentId)).id);
    const [materials, files] = [await materialCount(), await fileCount()];
    // The move holds the archive's row while the clerk's upload arrives; it commits first.
    const connection = await app.strapi.db.connection.client.acquireConnection();
    try {
      await new Promise((resolve, reject) => connection.query('BEGIN', (e: Error | null) => (e ? reject(e) : resolve(null))));
      await new Promise((resolve, reject) => connection.query(`UPDATE student_archives SET custody = 'archive-office' WHERE id = ${racing.id}`, (e: Error | null) => (e ? reject(e) : resolve(null))));
      const upload = fileInto(racing.document_id, clerk.api);
      await new Promise((resolve) => setTimeout(resolve, 400));
      await new Promise((resolve, reject) => connection.query('COMMIT', (e: Error | null) => (e ? reject(e) : resolve(null))));
      const response = await upload;
      expect([403, 404]).toContain(response.status);
    } finally {
      await app.strapi.db.connection.client.releaseConnection(connection);
    }
    expect([await materialCount(), await fileCount()]).toEqual([materials, files]);
  });
});

describe('corrections supersede, nothing is deleted', () => {
  test('the archive office corrects a material: a new one of the same kind, the old one kept and marked superseded by it, its file still readable', async () => {
    const first = await fileInto(archive.document_id, clerk.api, { fields: { kind: await kindId('健康检查报告'), materialDate: '2035-09-03' } });
    const old = first.body.data as { documentId: string; files: Array<{ id: number }> };
    const corrected = await post(`/api/archive-materials/${old.documentId}/corrections`, archiveOffice.api, { fields: { title: '健康检查报告（更正）' } });
    expect(corrected.status).toBe(201);
    const [oldRow] = await sql('SELECT id, superseded FROM archive_materials WHERE document_id = ?', [old.documentId]);
    const [newRow] = await sql('SELECT id, category, title, material_date, superseded FROM archive_materials WHERE document_id = ?', [corrected.body.data.documentId]);
    expect(oldRow.superseded).toBe(true);
    expect(newRow).toMatchObject({ category: 'admission', title: '健康检查报告（更正）', superseded: false });
    const link = await sql('SELECT inv_archive_material_id FROM archive_materials_superseded_by_lnk WHERE archive_material_id = ?', [oldRow.id]).catch(() => sql('SELECT * FROM archive_materials_superseded_by_lnk WHERE archive_material_id = ?', [oldRow.id]));
    expect(JSON.stringify(link)).toContain(String(newRow.id));
    const kinds = await sql('SELECT material_kind_id FROM archive_materials_kind_lnk WHERE archive_material_id = ANY(?::int[]) ORDER BY archive_material_id', [[oldRow.id, newRow.id]]);
    expect(kinds[0].material_kind_id).toBe(kinds[1].material_kind_id);
    expect((await binary(app.http.get(`/api/archive-materials/${old.documentId}/files/${old.files[0].id}`).set('Authorization', archiveOffice.api))).status).toBe(200);
    const again = await post(`/api/archive-materials/${old.documentId}/corrections`, clerk.api, {});
    expect(again.status).toBe(403);
    expect(again.body.error.message).toContain('已被更正件替换');
  });

  test('two corrections of the same material at once: one supersedes it, the other is refused and keeps nothing', async () => {
    const first = await fileInto(archive.document_id, clerk.api, { fields: { kind: await kindId('政治面貌证明') } });
    const documentId = first.body.data.documentId as string;
    const [materials, files] = [await materialCount(), await fileCount()];
    const answers = await Promise.all([post(`/api/archive-materials/${documentId}/corrections`, clerk.api, {}), post(`/api/archive-materials/${documentId}/corrections`, archiveOffice.api, {})]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 403]);
    expect([await materialCount(), await fileCount()]).toEqual([materials + 1, files + 1]);
  });
});

describe('reading files, and the access register', () => {
  let material: { documentId: string; files: Array<{ id: number }> };
  let elsewhere: { documentId: string; files: Array<{ id: number }> };

  beforeAll(async () => {
    material = (await fileInto(archive.document_id, clerk.api, { fields: { kind: await kindId('录取通知书复印件') } })).body.data;
    const theirArchive = await archiveOf((await activeStudent(app, theirs.schoolClass.documentId)).id);
    elsewhere = (await fileInto(theirArchive.document_id, otherClerk.api, { fields: { kind: await kindId('录取通知书复印件') } })).body.data;
  });

  const fileUrl = (m: { documentId: string; files: Array<{ id: number }> }) => `/api/archive-materials/${m.documentId}/files/${m.files[0].id}`;
  const read = (url: string, auth: string) => binary(app.http.get(url).set('Authorization', auth));

  test("the department's clerk reads the file as it was uploaded, as an attachment never cached; the register gains a line naming the clerk, the material and why", async () => {
    const before = (await logsOf(archive.id)).length;
    const response = await read(fileUrl(material), clerk.api);
    expect(response.status).toBe(200);
    expect(Buffer.compare(response.body, PDF)).toBe(0);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^attachment;/);
    expect(response.headers['cache-control']).toBe('private, no-store');
    const logs = await logsOf(archive.id);
    expect(logs).toHaveLength(before + 1);
    const [materialRow] = await sql('SELECT id FROM archive_materials WHERE document_id = ?', [material.documentId]);
    expect(logs.at(-1)).toMatchObject({ action: 'file', reader: clerk.email, channel: 'rest', purpose: '工作查阅', file_name: '身份证.pdf' });
    // Strapi reads jsonb columns as text and parses them itself; a raw query sees the text.
    expect(JSON.parse(logs.at(-1)!.material_ids)).toEqual([materialRow.id]);
    expect(logs.at(-1)!.student_label).toContain('（');
    expect(logs.at(-1)!.materials).toContain('录取通知书复印件');
  });

  test('a reader may say why (?purpose=), written in the register; a purpose that is not one short line is a 400 and registers nothing', async () => {
    const before = (await logsOf(archive.id)).length;
    expect((await read(`${fileUrl(material)}?purpose=${encodeURIComponent('核对转专业材料')}`, clerk.api)).status).toBe(200);
    expect((await logsOf(archive.id)).at(-1)).toMatchObject({ purpose: '核对转专业材料', reader: clerk.email });
    for (const bad of [`purpose=${'长'.repeat(301)}`, 'purpose=a&purpose=b', `purpose=${encodeURIComponent('一行\n两行')}`]) {
      const response = await app.http.get(`${fileUrl(material)}?${bad}`).set('Authorization', clerk.api);
      expect(response.status).toBe(400);
      expect(response.body.error.details.errors[0].path).toEqual(['purpose']);
    }
    expect(await logsOf(archive.id)).toHaveLength(before + 1);
  });

  test('the student reads their own file and list: no line in the register', async () => {
    const before = (await logsOf(archive.id)).length;
    expect((await read(fileUrl(material), student.api)).status).toBe(200);
    const list = await app.http.get('/api/archive-materials').set('Authorization', student.api);
    expect(list.status).toBe(200);
    expect(list.body.data.length).toBeGreaterThan(0);
    expect(await logsOf(archive.id)).toHaveLength(before);
  });

  test("files guessed across archives are 404 and registered nowhere: another department's clerk, another student, a file id of another material", async () => {
    const before = Number((await sql<{ n: string }>('SELECT count(*) AS n FROM archive_access_logs'))[0].n);
    expect((await read(fileUrl(material), otherClerk.api)).status).toBe(404);
    expect((await read(fileUrl(material), otherStudent.api)).status).toBe(404);
    expect((await read(`/api/archive-materials/${material.documentId}/files/${elsewhere.files[0].id}`, clerk.api)).status).toBe(404);
    expect((await read(`/api/archive-materials/${elsewhere.documentId}/files/${elsewhere.files[0].id}`, clerk.api)).status).toBe(404);
    expect((await read(`/api/archive-materials/${material.documentId}/files/../../x`, clerk.api)).status).toBe(404);
    expect((await read(`/api/archive-materials/${material.documentId}/files/1e3`, clerk.api)).status).toBe(404);
    expect((await read(fileUrl(material), leadership.api)).status).toBe(403);
    expect((await read(fileUrl(material), '')).status).toBe(403);
    expect(Number((await sql<{ n: string }>('SELECT count(*) AS n FROM archive_access_logs'))[0].n)).toBe(before);
  });

  test('the stored file is not served from /uploads', async () => {
    const [file] = await sql('SELECT provider_metadata FROM files WHERE id = ?', [material.files[0].id]);
    const stored = JSON.parse(file.provider_metadata).file as string;
    expect(stored).toMatch(/\.pdf$/);
    expect((await app.http.get(`/uploads/${stored}`)).status).toBe(404);
  });

  test('a list read by staff through REST, GraphQL and the Content Manager writes one line per archive read, naming the door and the materials', async () => {
    const before = (await logsOf(archive.id)).length;
    const rest = await app.http.get(`/api/archive-materials?filters[archive][documentId]=${archive.document_id}`).set('Authorization', archiveOffice.api);
    expect(rest.status).toBe(200);
    const graphql = await app.http.post('/graphql').set('Authorization', academicAffairs.api).send({ query: `{ archiveMaterials(filters: { archive: { documentId: { eq: "${archive.document_id}" } } }) { documentId title } }` });
    expect(graphql.status).toBe(200);
    expect(graphql.body.errors).toBeUndefined();
    // The worker's database holds other files' materials too: the list is of this archive's.
    const admin = await app.http.get(`/content-manager/collection-types/api::archive-material.archive-material?page=1&pageSize=100&filters[$and][0][archive][documentId][$eq]=${archive.document_id}`).set('Authorization', archiveOffice.admin);
    expect(admin.status).toBe(200);
    const logs = (await logsOf(archive.id)).slice(before);
    expect(logs.map((l) => `${l.channel}:${l.action}:${l.reader}`)).toEqual([`rest:list:${archiveOffice.email}`, `graphql:list:${academicAffairs.email}`, `admin:list:${archiveOffice.email}`]);
    const listed = rest.body.data.length as number;
    expect(JSON.parse(logs[0].material_ids)).toHaveLength(listed);
  });

  test('the register is append-only in the database: no update, delete or truncate, whoever asks', async () => {
    const [line] = await logsOf(archive.id);
    await expect(sql("UPDATE archive_access_logs SET reader = 'nobody' WHERE id = ?", [line.id])).rejects.toThrow(/keeps its history/);
    await expect(sql('DELETE FROM archive_access_logs WHERE id = ?', [line.id])).rejects.toThrow(/keeps its history/);
    await expect(sql('TRUNCATE archive_access_logs CASCADE')).rejects.toThrow(/keeps its history/);
    await expect(sql('DELETE FROM archive_access_logs_archive_lnk WHERE archive_access_log_id = ?', [line.id])).rejects.toThrow(/keeps its history/);
    expect((await logsOf(archive.id))[0]).toEqual(line);
  });

  test('the archive office and academic affairs read the register; a department, the leadership and the student do not; nobody writes it through the API', async () => {
    const listed = await app.http.get('/api/archive-access-logs?sort=id:desc').set('Authorization', archiveOffice.api);
    expect(listed.status).toBe(200);
    expect(listed.body.data[0]).toMatchObject({ reader: expect.any(String), purpose: expect.any(String) });
    expect(listed.body.data[0].departmentScope).toBeUndefined();
    expect((await app.http.get('/api/archive-access-logs').set('Authorization', academicAffairs.api)).status).toBe(200);
    for (const who of [clerk, leadership]) expect((await app.http.get('/api/archive-access-logs').set('Authorization', who.api)).status).toBe(403);
    expect((await app.http.get('/api/archive-access-logs').set('Authorization', student.api)).status).toBe(403);
    const before = Number((await sql<{ n: string }>('SELECT count(*) AS n FROM archive_access_logs'))[0].n);
    expect((await app.http.post('/api/archive-access-logs').set('Authorization', archiveOffice.api).send({ data: { reader: 'x' } })).status).toBeGreaterThanOrEqual(403);
    const cm = await app.http.post('/content-manager/collection-types/api::archive-access-log.archive-access-log').set('Authorization', archiveOffice.admin).send({ reader: 'x', purpose: 'x', readAt: new Date().toISOString(), channel: 'rest', action: 'list' });
    expect(cm.status).toBe(403);
    expect(Number((await sql<{ n: string }>('SELECT count(*) AS n FROM archive_access_logs'))[0].n)).toBe(before);
  });
});
