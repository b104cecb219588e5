/**
 * Rows stored before issue 10 keep the old masks (first 3 and last 4 shown) until the migration
 * database/migrations/2026.11.30T00.00.00.personal-data-masks.sql redoes them as
 * src/domain/masking.ts masks now.
 */
import fs from 'node:fs';
import path from 'node:path';
import { maskNationalId, maskPhone } from '../../src/domain/masking';
import { createClassTree, studentInput } from '../factories';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';

const MIGRATION = path.join(ROOT, 'database', 'migrations', '2026.11.30T00.00.00.personal-data-masks.sql');

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app.stop();
});

const oldMask = (value: string) => `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;

test('Given a student stored with the old masks, When the re-masking migration runs (twice), Then the stored masks are the new ones', async () => {
  const tree = await createClassTree(app.strapi);
  const input = studentInput(tree.schoolClass.documentId, { phone: '13812345678' });
  const response = await app.http.post('/api/students/admissions').set('Authorization', app.auth).send({ data: [input] });
  expect(response.status).toBe(201);
  const documentId = response.body.data[0].documentId as string;
  const nationalId = input.nationalId as string;
  await app.strapi.db.connection.raw('UPDATE students SET national_id = ?, phone = ? WHERE document_id = ?', [oldMask(nationalId), oldMask('13812345678'), documentId]);

  const sql = fs.readFileSync(MIGRATION, 'utf8');
  await app.strapi.db.connection.raw(sql);
  await app.strapi.db.connection.raw(sql);

  const { rows } = await app.strapi.db.connection.raw('SELECT national_id, phone FROM students WHERE document_id = ?', [documentId]);
  expect(rows[0]).toEqual({ national_id: maskNationalId(nationalId), phone: maskPhone('13812345678') });
});
