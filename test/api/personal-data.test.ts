import { createClassTree, fakeNationalId, studentInput, type ClassTree } from '../factories';
import { countStudents } from '../helpers/db';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let tree: ClassTree;
beforeAll(async () => {
  app = await startStrapi();
  tree = await createClassTree(app.strapi);
});
afterAll(async () => {
  await app.stop();
});

async function admit(overrides: Record<string, unknown> = {}) {
  const input = studentInput(tree.schoolClass.documentId, { phone: '13812345678', homeAddress: '湖南省长沙市人民路12号', ...overrides });
  const response = await app.http.post('/api/students').set('Authorization', app.auth).send({ data: input });
  return { input, response };
}

describe('personal data at rest', () => {
  test('the students table holds no clear national ID, phone or address', async () => {
    // Given a student admitted with personal data
    const { input, response } = await admit();
    expect(response.status).toBe(201);
    // When the table is read directly
    const { rows } = await app.strapi.db.connection.raw('SELECT * FROM students WHERE document_id = ?', [response.body.data.documentId]);
    const raw = JSON.stringify(rows[0]);
    // Then none of the clear values appears in any column
    expect(raw).not.toContain(input.nationalId as string);
    expect(raw).not.toContain('13812345678');
    expect(raw).not.toContain('人民路12号');
    expect(rows[0].national_id_cipher).toMatch(/^v1:/);
    expect(rows[0].national_id).toBe(`${(input.nationalId as string).slice(0, 3)}***************`);
  });

  test('REST list, REST findOne and GraphQL show masked values only', async () => {
    const { input, response } = await admit();
    const id = response.body.data.documentId;
    const nationalId = input.nationalId as string;
    const one = await app.http.get(`/api/students/${id}`).set('Authorization', app.auth);
    expect(one.body.data).toMatchObject({ nationalId: `${nationalId.slice(0, 3)}***************`, phone: '138******78', homeAddress: '湖南省长沙市****' });
    const list = await app.http.get('/api/students').query({ filters: { documentId: id } }).set('Authorization', app.auth);
    expect(list.body.data[0].nationalId).toContain('*');
    const graph = await app.http.post('/graphql').set('Authorization', app.auth).send({ query: `{ student(documentId: "${id}") { nationalId phone homeAddress } }` });
    expect(graph.body.data.student).toEqual({ nationalId: one.body.data.nationalId, phone: '138******78', homeAddress: '湖南省长沙市****' });
    for (const body of [one.body, list.body, graph.body]) {
      const text = JSON.stringify(body);
      expect(text).not.toContain(nationalId);
      expect(text).not.toContain('Cipher');
      expect(text).not.toContain('Index');
    }
  });

  test('an exact search by national ID finds the student through the blind index', async () => {
    const { input, response } = await admit();
    const found = await app.http.get('/api/students').query({ filters: { nationalId: { $eq: input.nationalId } } }).set('Authorization', app.auth);
    expect(found.body.data.map((s: { documentId: string }) => s.documentId)).toEqual([response.body.data.documentId]);
    const lower = await app.http.get('/api/students').query({ filters: { nationalId: (input.nationalId as string).toLowerCase() } }).set('Authorization', app.auth);
    expect(lower.body.data.length).toBe(1);
  });

  test('sending the masked values back changes nothing; a new phone is re-encrypted', async () => {
    const { response } = await admit();
    const id = response.body.data.documentId;
    const before = await app.strapi.db.query('api::student.student').findOne({ where: { documentId: id } });
    const same = await app.http.put(`/api/students/${id}`).set('Authorization', app.auth).send({ data: { nationalId: before.nationalId, phone: before.phone, homeAddress: before.homeAddress } });
    expect(same.status).toBe(200);
    const unchanged = await app.strapi.db.query('api::student.student').findOne({ where: { documentId: id } });
    expect(unchanged.nationalIdCipher).toBe(before.nationalIdCipher);
    const changed = await app.http.put(`/api/students/${id}`).set('Authorization', app.auth).send({ data: { phone: '13900001111' } });
    expect(changed.body.data.phone).toBe('139******11');
    const after = await app.strapi.db.query('api::student.student').findOne({ where: { documentId: id } });
    expect(after.phoneCipher).not.toBe(before.phoneCipher);
    expect(after.nationalIdCipher).toBe(before.nationalIdCipher);
  });

  test('a second student with the same national ID is a 400 naming the field', async () => {
    const nationalId = fakeNationalId();
    expect((await admit({ nationalId })).response.status).toBe(201);
    const before = await countStudents(app.strapi);
    const { response } = await admit({ nationalId: nationalId.toLowerCase() });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['nationalId']);
    expect(await countStudents(app.strapi)).toBe(before);
  });

  test('changing a student to another student\'s national ID is a 400', async () => {
    const nationalId = fakeNationalId();
    await admit({ nationalId });
    const { response } = await admit();
    const clash = await app.http.put(`/api/students/${response.body.data.documentId}`).set('Authorization', app.auth).send({ data: { nationalId } });
    expect(clash.status).toBe(400);
    expect(clash.body.error.details.errors[0].path).toEqual(['nationalId']);
  });

  test('gender is derived from the ID, and a contradicting gender is a 400', async () => {
    const male = fakeNationalId({ gender: 'male' });
    const derived = await admit({ nationalId: male });
    expect(derived.response.body.data).toMatchObject({ gender: 'male', birthDate: `${male.slice(6, 10)}-${male.slice(10, 12)}-${male.slice(12, 14)}` });
    const before = await countStudents(app.strapi);
    const { response } = await admit({ nationalId: fakeNationalId({ gender: 'male' }), gender: 'female' });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['gender']);
    expect(await countStudents(app.strapi)).toBe(before);
  });

  test('no error body carries the clear value that was refused', async () => {
    const nationalId = fakeNationalId();
    await admit({ nationalId });
    const { response } = await admit({ nationalId });
    const bad = await admit({ nationalId: '430102200509150016', phone: '12345' });
    for (const body of [response.body, bad.response.body]) {
      expect(JSON.stringify(body)).not.toContain(nationalId);
      expect(JSON.stringify(body)).not.toContain('430102200509150016');
    }
  });
});

describe('logs', () => {
  test('a search by national ID does not write the number into the request log', async () => {
    const lines: string[] = [];
    const original = app.strapi.log.http;
    app.strapi.log.http = ((message: string) => {
      lines.push(message);
    }) as never;
    try {
      const nationalId = fakeNationalId();
      await app.http.get('/api/students').query({ filters: { nationalId } }).set('Authorization', app.auth);
      expect(lines.some((line) => line.includes('/api/students'))).toBe(true);
      expect(lines.join('\n')).not.toContain(nationalId);
    } finally {
      app.strapi.log.http = original;
    }
  });
});
