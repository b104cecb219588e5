/**
 * The data key is the database's: a server started with another DATA_ENCRYPTION_KEY refuses to
 * start, naming the setting; `rotate-data-key` moves every personal value to a new key at once.
 * On a database of its own: rotating the shared one would lock out the other test files.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DATA_KEY_CHECK, assertDataKeyMatches } from '../../src/services/data-key-check';
import { rotateDataKey } from '../../src/services/data-key-rotation';
import { createPersonalDataCipher, personalDataCipher } from '../../src/services/personal-data';
import { createClassTree, studentInput } from '../factories';
import { startStrapi, type TestApp } from '../helpers/strapi';

const STUDENT = 'api::student.student';
let app: TestApp;
beforeAll(async () => {
  app = await startStrapi({ freshDatabase: true });
});
afterAll(async () => {
  await app.stop();
});

const otherKey = () => randomBytes(32).toString('base64');

async function admitThree(): Promise<Array<{ documentId: string; nationalId: string; phone: string }>> {
  const tree = await createClassTree(app.strapi);
  const rows = [1, 2, 3].map((i) => studentInput(tree.schoolClass.documentId, { phone: `1380013800${i}` }));
  const response = await app.http.post('/api/students/admissions').set('Authorization', app.auth).send({ data: rows });
  expect(response.status).toBe(201);
  return (response.body.data as Array<{ documentId: string }>).map((s, i) => ({ documentId: s.documentId, nationalId: rows[i].nationalId as string, phone: rows[i].phone as string }));
}

describe('the data key check', () => {
  test('the first start records the check value of the key in use', async () => {
    expect(await app.strapi.store.get(DATA_KEY_CHECK)).toBe(personalDataCipher().keyCheck());
  });

  test('another key is refused, naming DATA_ENCRYPTION_KEY', async () => {
    await expect(assertDataKeyMatches(app.strapi, createPersonalDataCipher(otherKey()))).rejects.toThrow(/DATA_ENCRYPTION_KEY/);
    await expect(assertDataKeyMatches(app.strapi)).resolves.toBeUndefined();
  });

  test('a database from before the check value: the key must open what is stored', async () => {
    // Given stored students and no check value
    await admitThree();
    await app.strapi.store.delete(DATA_KEY_CHECK);
    // Then another key is refused and writes no check value; the right key is accepted and recorded
    await expect(assertDataKeyMatches(app.strapi, createPersonalDataCipher(otherKey()))).rejects.toThrow(/DATA_ENCRYPTION_KEY/);
    expect(await app.strapi.store.get(DATA_KEY_CHECK)).toBeNull();
    await assertDataKeyMatches(app.strapi);
    expect(await app.strapi.store.get(DATA_KEY_CHECK)).toBe(personalDataCipher().keyCheck());
  });

  test('a server process started with another key exits at start, naming DATA_ENCRYPTION_KEY', async () => {
    // Given a Strapi process on this database with a different key
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'helpers', 'server-process.js')], {
      env: { ...process.env, DATABASE_URL: app.strapi.config.get('database.connection.connection.connectionString') as string, PORT: '0', DATA_ENCRYPTION_KEY: otherKey() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // When it starts, Then it exits with an error naming the setting, without serving
    const serving = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearTimeout(serving);
    expect(code).toBe(1);
    expect(output).toContain('DATA_ENCRYPTION_KEY does not match');
    expect(output).not.toContain('ready');
  });
});

describe('rotating the data key', () => {
  test('every value reads the same under the new key, the indexes find them, and the old key no longer opens them', async () => {
    // Given students sealed with the current key
    const admitted = await admitThree();
    const from = personalDataCipher();
    const to = createPersonalDataCipher(otherKey());
    // When the key is rotated
    const counts = await rotateDataKey(app.strapi, from, to, 2);
    // Then each row opens with the new key to the same values, and its indexes are the new key's
    expect(counts[STUDENT]).toBeGreaterThanOrEqual(admitted.length);
    for (const student of admitted) {
      const row = (await app.strapi.db.query(STUDENT).findOne({ where: { documentId: student.documentId } })) as Record<string, string>;
      expect(to.decrypt(row.nationalIdCipher)).toBe(student.nationalId);
      expect(to.decrypt(row.phoneCipher)).toBe(student.phone);
      expect(row.nationalIdIndex).toBe(to.blindIndex('nationalId', student.nationalId));
      expect(() => from.decrypt(row.nationalIdCipher)).toThrow();
    }
    // And the check value is the new key's: the old key would now be refused at start
    expect(await app.strapi.store.get(DATA_KEY_CHECK)).toBe(to.keyCheck());
    await expect(assertDataKeyMatches(app.strapi, from)).rejects.toThrow(/DATA_ENCRYPTION_KEY/);
    await rotateDataKey(app.strapi, to, from);
  });
});
