import { createClassTree, studentInput, type ClassTree } from '../factories';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app.stop();
});

async function admit(tree: ClassTree, overrides: Record<string, unknown> = {}) {
  return app.http.post('/api/students').set('Authorization', app.auth).send({ data: studentInput(tree.schoolClass.documentId, overrides) });
}

describe('student numbers', () => {
  test('the fifth student of class 01, major 01, department 01, year 2023 gets 202301010105', async () => {
    // Given class 01 of major 01 of department 01, enrolment year 2023
    const tree = await createClassTree(app.strapi, { departmentCode: '01', majorCode: '01', classSequence: '01', enrollmentYear: 2023 });
    // When five students are admitted
    const numbers: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await admit(tree);
      expect(response.status).toBe(201);
      numbers.push(response.body.data.studentNumber);
    }
    // Then the fifth gets the number of the example
    expect(numbers[4]).toBe('202301010105');
    expect(numbers).toEqual(['202301010101', '202301010102', '202301010103', '202301010104', '202301010105']);
  });
});
