import { createClassTree, studentInput, type ClassTree } from '../factories';
import { studentsOfClass } from '../helpers/db';
import { startServerProcess, type ServerProcess } from '../helpers/processes';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let servers: ServerProcess[];
beforeAll(async () => {
  app = await startStrapi();
  const base = 41000 + Math.floor(Math.random() * 2000);
  servers = await Promise.all([startServerProcess(base), startServerProcess(base + 1)]);
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await app.stop();
});

/** Sends every body at once, alternating between the two processes. */
async function admitAtOnce(bodies: Array<Record<string, unknown>>) {
  return Promise.all(
    bodies.map((data, i) => servers[i % servers.length].http.post('/api/students').set('Authorization', app.auth).send({ data })),
  );
}

const sequences = (numbers: string[]) => numbers.map((n) => Number(n.slice(-2))).sort((a, b) => a - b);
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('admissions from two processes at once', () => {
  test('200 admissions into one class: 99 distinct numbers 01..99, the other 101 refused as class full', async () => {
    // Given an empty class, and two Strapi processes on one database
    const tree = await createClassTree(app.strapi);
    // When 200 admissions into it are sent at the same moment, half to each process
    const responses = await admitAtOnce(Array.from({ length: 200 }, () => studentInput(tree.schoolClass.documentId)));
    // Then exactly 99 are admitted, numbered 01..99 without a duplicate or a gap
    const admitted = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status !== 201);
    expect(admitted.length).toBe(99);
    expect(sequences(admitted.map((r) => r.body.data.studentNumber))).toEqual(oneTo(99));
    expect(refused.every((r) => r.status === 400 && r.body.error.details.errors[0].path[0] === 'schoolClass')).toBe(true);
    const stored = await studentsOfClass(app.strapi, tree.schoolClass.documentId);
    expect(sequences(stored.map((s) => s.studentNumber))).toEqual(oneTo(99));
  });

  test('200 admissions spread over three classes: 200 distinct numbers, each class 01..N with no gap', async () => {
    const trees: ClassTree[] = [];
    for (let i = 0; i < 3; i += 1) trees.push(await createClassTree(app.strapi));
    const responses = await admitAtOnce(Array.from({ length: 200 }, (_, i) => studentInput(trees[i % 3].schoolClass.documentId)));
    expect(responses.map((r) => r.status).every((status) => status === 201)).toBe(true);
    const numbers = responses.map((r) => r.body.data.studentNumber as string);
    expect(new Set(numbers).size).toBe(200);
    for (const [i, tree] of trees.entries()) {
      const expected = Math.floor(200 / 3) + (i < 200 % 3 ? 1 : 0);
      const stored = await studentsOfClass(app.strapi, tree.schoolClass.documentId);
      expect(sequences(stored.map((s) => s.studentNumber))).toEqual(oneTo(expected));
    }
  });
});
