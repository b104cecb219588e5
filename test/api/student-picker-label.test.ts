/**
 * The student picker's label (姓名（学号）· 班级) is kept by the database
 * (database/migrations/2026.12.01T02.00.00.student-picker-label.sql); since
 * 2026.12.01T10.00.00.student-picker-label-columns.sql its row trigger fires only when a column it
 * reads is written, and the label still follows each of them.
 */
import { createClassTree, studentInput } from '../factories';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app.stop();
});

const STUDENT = 'api::student.student';

async function labelOf(documentId: string): Promise<string> {
  return ((await app.strapi.db.query(STUDENT).findOne({ where: { documentId } })) as { pickerLabel: string }).pickerLabel;
}

async function admit(schoolClass: string, name: string): Promise<{ documentId: string; studentNumber: string }> {
  const response = await app.http.post('/api/students').set('Authorization', app.auth).send({ data: studentInput(schoolClass, { name }) });
  expect(response.status).toBe(201);
  return response.body.data;
}

describe('the student picker label', () => {
  test('the row trigger fires only on an update of the name, the number or the label itself', async () => {
    const rows = await app.strapi.db.connection.raw(
      `SELECT event_object_column AS column FROM information_schema.triggered_update_columns
       WHERE trigger_name = 'students_picker_label' AND event_object_table = 'students' ORDER BY 1`,
    );
    expect((rows.rows as Array<{ column: string }>).map((row) => row.column)).toEqual(['name', 'picker_label', 'student_number']);
  });

  test('follows a change of name', async () => {
    const tree = await createClassTree(app.strapi);
    const student = await admit(tree.schoolClass.documentId, '钱一');
    await app.strapi.documents(STUDENT).update({ documentId: student.documentId, data: { name: '钱二' } as never });
    expect(await labelOf(student.documentId)).toBe(`钱二（${student.studentNumber}）· 测试班级`);
  });

  test('follows a change of number', async () => {
    const tree = await createClassTree(app.strapi);
    const student = await admit(tree.schoolClass.documentId, '孙一');
    const renumbered = `${student.studentNumber.slice(0, 10)}99`;
    await app.strapi.db.query(STUDENT).update({ where: { documentId: student.documentId }, data: { studentNumber: renumbered } });
    expect(await labelOf(student.documentId)).toBe(`孙一（${renumbered}）· 测试班级`);
  });

  test('follows a change of class (a row of the link table, not a column of students)', async () => {
    const tree = await createClassTree(app.strapi);
    const student = await admit(tree.schoolClass.documentId, '李一');
    const other = await app.strapi.documents('api::school-class.school-class').create({
      data: { name: '另一班级', enrollmentYear: 2023, sequence: '02', major: tree.major.documentId } as never,
    });
    await app.strapi.documents(STUDENT).update({ documentId: student.documentId, data: { schoolClass: other.documentId } as never });
    expect(await labelOf(student.documentId)).toBe(`李一（${student.studentNumber}）· 另一班级`);
  });

  test('an update of other columns keeps the label, and a written label is put back', async () => {
    const tree = await createClassTree(app.strapi);
    const student = await admit(tree.schoolClass.documentId, '周一');
    const label = await labelOf(student.documentId);
    await app.strapi.db.query(STUDENT).update({ where: { documentId: student.documentId }, data: { status: 'active' } });
    expect(await labelOf(student.documentId)).toBe(label);
    await app.strapi.db.query(STUDENT).update({ where: { documentId: student.documentId }, data: { pickerLabel: '冒名' } });
    expect(await labelOf(student.documentId)).toBe(label);
  });

  test('bulk admission writes each label with the class at once, and later writes follow the triggers again', async () => {
    const tree = await createClassTree(app.strapi);
    const className = ((await app.strapi.db.query('api::school-class.school-class').findOne({ where: { documentId: tree.schoolClass.documentId } })) as { name: string }).name;
    const names = ['批量甲', '批量乙', '批量丙'];
    const response = await app.http
      .post('/api/students/admissions')
      .set('Authorization', app.auth)
      .send({ data: names.map((name) => studentInput(tree.schoolClass.documentId, { name })) });
    expect(response.status).toBe(201);
    const admitted = response.body.data as Array<{ documentId: string; studentNumber: string }>;
    expect(admitted).toHaveLength(names.length);
    // (the answer lists the students in the order they were sent)
    for (const [i, student] of admitted.entries()) expect(await labelOf(student.documentId)).toBe(`${names[i]}（${student.studentNumber}）· ${className}`);
    // The bulk mark was the admission's own transaction: a student admitted alone still gets the class from the link trigger
    const single = await admit(tree.schoolClass.documentId, '单独乙');
    expect(await labelOf(single.documentId)).toBe(`单独乙（${single.studentNumber}）· ${className}`);
  });
});
