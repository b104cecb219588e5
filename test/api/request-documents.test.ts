/**
 * Supporting documents of a request: uploaded by those who may edit it (a clerk of its department,
 * the student for their own) while it is a draft or returned, checked by content and size, kept
 * out of `public/`, and read back only by those who may see the request.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createStudentLogin } from '../factories/actors';
import { act, activeStudent, createRequest, createWorkflowWorld, suspensionData, type WorkflowWorld } from '../factories/status-changes';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: WorkflowWorld;

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const HTML = Buffer.from('<html><script>alert(1)</script></html>');

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorkflowWorld(app);
});
afterAll(async () => {
  await app.stop();
});

const upload = (auth: string, documentId: string, files: Array<{ bytes: Buffer; name: string; type?: string }>) => {
  let request = app.http.post(`/api/status-changes/${documentId}/documents`).set('Authorization', auth);
  for (const file of files) request = request.attach('files', file.bytes, { filename: file.name, contentType: file.type ?? 'application/pdf' });
  return request;
};
const fileCount = () => app.strapi.db.query('plugin::upload.file').count({});
const documentsOf = async (documentId: string) =>
  (((await app.strapi.db.query('api::status-change.status-change').findOne({ where: { documentId }, populate: ['documents'] })) as { documents?: Array<{ id: number }> | null }).documents ?? []).map((d) => d.id);

async function draftOfOwnDepartment() {
  const student = await activeStudent(app, world.tree.schoolClass.documentId);
  const request = await createRequest(app, world.clerk.api, suspensionData(student.documentId));
  return { student, documentId: request.documentId };
}

test('a clerk attaches a proof to a draft of their department; the request can then be submitted', async () => {
  const { documentId } = await draftOfOwnDepartment();
  // Without a proof, submitting a suspension is refused naming documents
  const early = await act(app, world.manager.api, documentId, 'submit');
  expect(early.status).toBe(400);
  expect(early.body.error.details.errors[0].path).toEqual(['documents']);
  const response = await upload(world.clerk.api, documentId, [{ bytes: PDF, name: '诊断证明.pdf' }]);
  expect(response.status).toBe(201);
  expect(response.body.data).toEqual([{ id: expect.any(Number), name: '诊断证明.pdf', mime: 'application/pdf', size: expect.any(Number) }]);
  expect(await documentsOf(documentId)).toEqual([response.body.data[0].id]);
  expect((await act(app, world.manager.api, documentId, 'submit')).status).toBe(200);
});

test('the file is read back by whoever sees the request, and by nobody else; never from /uploads', async () => {
  const { documentId } = await draftOfOwnDepartment();
  const [file] = (await upload(world.clerk.api, documentId, [{ bytes: PNG, name: 'scan.png', type: 'image/png' }])).body.data;
  const url = `/api/status-changes/${documentId}/documents/${file.id}`;
  const mine = await app.http.get(url).set('Authorization', world.manager.api).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
  expect(mine.status).toBe(200);
  expect(mine.headers['content-type']).toBe('image/png');
  expect(mine.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''scan\.png$/);
  expect(mine.headers['cache-control']).toBe('private, no-store');
  expect(Buffer.compare(mine.body as Buffer, PNG)).toBe(0);
  // Another department's manager and an anonymous caller do not get it
  expect((await app.http.get(url).set('Authorization', world.otherManager.api)).status).toBe(404);
  expect([401, 403]).toContain((await app.http.get(url)).status);
  // Not under public/: nothing of it is served as a static file
  const stored = (await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: file.id } })) as { provider: string; url: string; provider_metadata: { file: string } };
  expect(stored.provider).toBe('private-files');
  expect(fs.existsSync(path.join(ROOT, 'public', 'uploads', stored.provider_metadata.file))).toBe(false);
  expect((await app.http.get(`/uploads/${stored.provider_metadata.file}`)).status).toBe(404);
});

test("the student uploads to their own request and reads it back; not to another's", async () => {
  const student = await activeStudent(app, world.tree.schoolClass.documentId);
  const login = await createStudentLogin(app, student.documentId);
  const own = await app.http.post('/api/me/status-changes').set('Authorization', login.api).send({ data: { ...suspensionData(student.documentId), student: undefined } });
  expect(own.status).toBe(201);
  const uploaded = await upload(login.api, own.body.data.documentId, [{ bytes: PDF, name: 'proof.pdf' }]);
  expect(uploaded.status).toBe(201);
  expect((await app.http.get(`/api/status-changes/${own.body.data.documentId}/documents/${uploaded.body.data[0].id}`).set('Authorization', login.api)).status).toBe(200);
  const { documentId: others } = await draftOfOwnDepartment();
  const before = await fileCount();
  expect((await upload(login.api, others, [{ bytes: PDF, name: 'proof.pdf' }])).status).toBe(404);
  expect(await fileCount()).toBe(before);
});

test("another department's clerk cannot attach to the request: 404, and nothing is stored", async () => {
  const { documentId } = await draftOfOwnDepartment();
  const before = await fileCount();
  const dir = process.env.PRIVATE_FILES_DIR as string;
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
  expect((await upload(world.otherManager.api, documentId, [{ bytes: PDF, name: 'x.pdf' }])).status).toBe(404);
  expect(await fileCount()).toBe(before);
  expect(fs.existsSync(dir) ? fs.readdirSync(dir).length : 0).toBe(files);
  expect(await documentsOf(documentId)).toEqual([]);
});

test.each([
  ['an HTML page named .pdf and sent as a PDF', [{ bytes: HTML, name: 'proof.pdf' }]],
  ['an empty file', [{ bytes: Buffer.alloc(0), name: 'empty.pdf' }]],
  ['a file over 10 MB', [{ bytes: Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024)]), name: 'huge.pdf' }]],
  ['six files at once', Array.from({ length: 6 }, (_, i) => ({ bytes: PDF, name: `p${i}.pdf` }))],
  ['a good file beside a bad one', [{ bytes: PDF, name: 'good.pdf' }, { bytes: HTML, name: 'bad.png', type: 'image/png' }]],
])('%s is a 400 naming files, and nothing is kept', async (_label, files) => {
  const { documentId } = await draftOfOwnDepartment();
  const before = await fileCount();
  const response = await upload(world.clerk.api, documentId, files);
  expect(response.status).toBe(400);
  expect(response.body.error.details.errors[0].path).toEqual(['files']);
  expect(await fileCount()).toBe(before);
  expect(await documentsOf(documentId)).toEqual([]);
});

test('nothing can be attached once the request is under approval', async () => {
  const { documentId } = await draftOfOwnDepartment();
  await upload(world.clerk.api, documentId, [{ bytes: PDF, name: 'proof.pdf' }]);
  expect((await act(app, world.manager.api, documentId, 'submit')).status).toBe(200);
  const late = await upload(world.clerk.api, documentId, [{ bytes: PDF, name: 'late.pdf' }]);
  expect(late.status).toBe(403);
  expect(await documentsOf(documentId)).toHaveLength(1);
});

test('a file id of another request, or not a number, is a 404', async () => {
  const { documentId: a } = await draftOfOwnDepartment();
  const { documentId: b } = await draftOfOwnDepartment();
  const [file] = (await upload(world.clerk.api, a, [{ bytes: PDF, name: 'a.pdf' }])).body.data;
  expect((await app.http.get(`/api/status-changes/${b}/documents/${file.id}`).set('Authorization', world.clerk.api)).status).toBe(404);
  expect((await app.http.get(`/api/status-changes/${a}/documents/..%2F..%2Fpackage.json`).set('Authorization', world.clerk.api)).status).toBe(404);
});

describe('in the admin panel', () => {
  const adminBase = (documentId: string) => `/student-records/status-changes/${documentId}`;

  test('the panel lists the documents, offers the upload while it may, and sends files through the server', async () => {
    const { documentId } = await draftOfOwnDepartment();
    const empty = await app.http.get(`${adminBase(documentId)}/timeline`).set('Authorization', world.clerk.admin);
    expect(empty.body.data).toMatchObject({ documents: [], canAttachDocuments: true });
    const uploaded = await app.http.post(`${adminBase(documentId)}/documents`).set('Authorization', world.clerk.admin).attach('files', PDF, { filename: '证明.pdf', contentType: 'application/pdf' });
    expect(uploaded.status).toBe(201);
    const [document] = uploaded.body.data.documents;
    expect(document).toMatchObject({ name: '证明.pdf', mime: 'application/pdf' });
    const downloaded = await app.http.get(`${adminBase(documentId)}/documents/${document.id}`).set('Authorization', world.manager.admin);
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers['content-type']).toBe('application/pdf');
    // Another department's manager sees nothing of it
    expect((await app.http.get(`${adminBase(documentId)}/documents/${document.id}`).set('Authorization', world.otherManager.admin)).status).toBe(404);
    // Once submitted, the upload is no longer offered
    expect((await act(app, world.manager.api, documentId, 'submit')).status).toBe(200);
    const after = await app.http.get(`${adminBase(documentId)}/timeline`).set('Authorization', world.clerk.admin);
    expect(after.body.data.canAttachDocuments).toBe(false);
  });

  test('a reader (the leadership) may download but not upload', async () => {
    const { documentId } = await draftOfOwnDepartment();
    const before = await fileCount();
    const refused = await app.http.post(`${adminBase(documentId)}/documents`).set('Authorization', world.leader.admin).attach('files', PDF, { filename: 'x.pdf', contentType: 'application/pdf' });
    expect(refused.status).toBe(403);
    expect(await fileCount()).toBe(before);
    const timeline = await app.http.get(`${adminBase(documentId)}/timeline`).set('Authorization', world.leader.admin);
    expect(timeline.body.data.canAttachDocuments).toBe(false);
  });
});

describe('files are linked only by the upload', () => {
  test("linking another request's document by its id is refused on REST and in the Content Manager, and nothing is linked", async () => {
    const { documentId: theirs } = await draftOfOwnDepartment();
    const [file] = (await upload(world.clerk.api, theirs, [{ bytes: PDF, name: 'private.pdf' }])).body.data;
    // A manager of another department with a draft of their own
    const student = await activeStudent(app, world.otherTree.schoolClass.documentId);
    const mine = await createRequest(app, world.otherManager.api, suspensionData(student.documentId));
    const rest = await app.http.put(`/api/status-changes/${mine.documentId}`).set('Authorization', world.otherManager.api).send({ data: { documents: [file.id] } });
    expect(rest.status).toBe(400);
    expect(rest.body.error.details.errors[0].path).toEqual(['documents']);
    const admin = await app.http.put(`/content-manager/collection-types/api::status-change.status-change/${mine.documentId}`).set('Authorization', world.otherManager.admin).send({ documents: [file.id] });
    expect(admin.status).toBe(400);
    expect(await documentsOf(mine.documentId)).toEqual([]);
    expect((await app.http.get(`/api/status-changes/${mine.documentId}/documents/${file.id}`).set('Authorization', world.otherManager.api)).status).toBe(404);
  });

  test('each upload leaves an audit line naming who added documents to which request', async () => {
    const { documentId } = await draftOfOwnDepartment();
    await upload(world.clerk.api, documentId, [{ bytes: PDF, name: 'a.pdf' }]);
    const rows = (await app.strapi.db.query('api::audit-log.audit-log').findMany({ where: { action: 'attach-documents', targetDocumentId: documentId } })) as Array<{ actorLabel: string; fields: string[] }>;
    expect(rows).toEqual([expect.objectContaining({ actorLabel: world.clerk.email, fields: ['documents'] })]);
  });
});
