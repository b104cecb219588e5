/**
 * Printing (issue 14): 《学籍异动申请表》 with its decisions and a class roster, as PDFs with a
 * Chinese font, on REST and in the admin, in the caller's scope.
 */
import { binary } from '../helpers/binary';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { pdfText } from '../helpers/pdf-text';
import { act, activeStudent, attachDocuments, createRequest, createWorkflowWorld, suspensionData, type WorkflowWorld } from '../factories/status-changes';

let app: TestApp;
let world: WorkflowWorld;

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorkflowWorld(app);
});
afterAll(async () => {
  await app.stop();
});

const isPdf = (body: Buffer) => body.subarray(0, 5).toString('latin1') === '%PDF-';

describe('《学籍异动申请表》', () => {
  test('a decided request prints with the student, the request and every decision, in Chinese', async () => {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const request = await createRequest(app, world.manager.api, suspensionData(student.documentId));
    await attachDocuments(app, request.documentId);
    expect((await act(app, world.manager.api, request.documentId, 'submit')).status).toBe(200);
    expect((await act(app, world.clerk.api, request.documentId, 'approve', { comment: '情况属实，同意休学' })).status).toBe(200);

    const response = await binary(app.http.get(`/api/status-changes/${request.documentId}/form.pdf`).set('Authorization', world.manager.api));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('学籍异动申请表-')}`);
    const body = response.body as Buffer;
    expect(isPdf(body)).toBe(true);
    // The Chinese font travels with the file (a subset of Noto Sans SC).
    expect(body.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    const text = pdfText(body);
    expect(text).toContain('学籍异动申请表');
    expect(text).toContain(student.studentNumber);
    expect(text).toContain('休学');
    expect(text).toContain('情况属实，同意休学');
    expect(text).toContain('同意');
    // The step still to come is on the form, waiting.
    expect(text).toContain('待审批');
  });

  test('the admin prints the same form; a manager of another department gets 404 on both doors', async () => {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const request = await createRequest(app, world.manager.api, suspensionData(student.documentId));
    const admin = await binary(app.http.get(`/student-records/status-changes/${request.documentId}/form.pdf`).set('Authorization', world.manager.admin));
    expect(admin.status).toBe(200);
    expect(pdfText(admin.body as Buffer)).toContain(student.studentNumber);
    expect((await app.http.get(`/api/status-changes/${request.documentId}/form.pdf`).set('Authorization', world.otherManager.api)).status).toBe(404);
    expect((await app.http.get(`/student-records/status-changes/${request.documentId}/form.pdf`).set('Authorization', world.otherManager.admin)).status).toBe(404);
  });
});

describe('a class roster', () => {
  test("lists the class's students by number, with the class, major and department", async () => {
    const first = await activeStudent(app, world.tree.schoolClass.documentId);
    const second = await activeStudent(app, world.tree.schoolClass.documentId);
    const response = await binary(app.http.get(`/api/school-classes/${world.tree.schoolClass.documentId}/roster.pdf`).set('Authorization', world.manager.api));
    expect(response.status).toBe(200);
    const text = pdfText(response.body as Buffer);
    expect(text).toContain('花名册');
    expect(text).toMatch(/测试系部\S*　·　测试专业/);
    const [a, b] = [first.studentNumber, second.studentNumber].sort();
    expect(text.indexOf(a)).toBeGreaterThan(-1);
    expect(text.indexOf(b)).toBeGreaterThan(text.indexOf(a));
    expect(text).toContain('在籍');
  });

  test("another department's class is 404 on both doors; an unknown class is 404", async () => {
    const path = `/school-classes/${world.tree.schoolClass.documentId}/roster.pdf`;
    expect((await app.http.get(`/api${path}`).set('Authorization', world.otherManager.api)).status).toBe(404);
    expect((await app.http.get(`/student-records${path}`).set('Authorization', world.otherManager.admin)).status).toBe(404);
    expect((await app.http.get('/api/school-classes/nosuchclass0000000000000/roster.pdf').set('Authorization', world.academicAffairs.api)).status).toBe(404);
  });
});
