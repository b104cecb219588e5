/**
 * The role screen (Settings > 角色 > a role) names types, fields and permissions in Chinese:
 * what GET /admin/permissions sends is what the screen prints.
 */
import { adminToken } from '../helpers/admin';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let admin: string;
beforeAll(async () => {
  app = await startStrapi();
  admin = await adminToken(app);
});
afterAll(async () => {
  await app.stop();
});

interface FieldNode { label: string; value: string; children?: FieldNode[] }
interface Sections {
  collectionTypes: { subjects: Array<{ uid: string; label: string; properties: Array<FieldNode & { children: FieldNode[] }> }> };
  plugins: Array<{ displayName: string; plugin: string; subCategory: string }>;
  settings: Array<{ displayName: string; category: string; subCategory: string }>;
}

/** Latin words left in a Chinese label (product and standard names allowed). */
const english = (text: string) => text.replace(/GraphQL|API|Webhooks/g, '').match(/[A-Za-z]{2,}/) !== null;

async function layout(): Promise<Sections> {
  const clerk = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'department-clerk' } })) as { id: number };
  const response = await app.http.get(`/admin/permissions?role=${clerk.id}`).set('Authorization', admin);
  expect(response.status).toBe(200);
  return response.body.data.sections as Sections;
}

describe('the role screen', () => {
  test("names the product's content types by their Chinese names and the student's fields by their form labels", async () => {
    const { collectionTypes } = await layout();
    const ours = collectionTypes.subjects.filter((subject) => subject.uid.startsWith('api::'));
    expect(ours.filter((subject) => english(subject.label)).map((subject) => subject.uid)).toEqual([]);
    const student = ours.find((subject) => subject.uid === 'api::student.student');
    expect(student?.label).toBe('学生学籍');
    const fields = student?.properties.find((property) => property.value === 'fields');
    expect(fields?.label).toBe('字段');
    const labels = Object.fromEntries((fields?.children ?? []).map((node) => [node.value, node.label]));
    expect(labels).toMatchObject({ studentNumber: '学号', name: '姓名' });
    expect(Object.entries(labels).filter(([, label]) => english(label))).toEqual([]);
  });

  test("names a component's fields by the component's form labels", async () => {
    const { collectionTypes } = await layout();
    const chain = collectionTypes.subjects.find((subject) => subject.uid === 'api::approval-chain.approval-chain');
    const steps = chain?.properties.find((property) => property.value === 'fields')?.children.find((node) => node.value === 'steps');
    expect(steps?.children?.length).toBeGreaterThan(0);
    expect((steps?.children ?? []).filter((node) => english(node.label)).map((node) => node.value)).toEqual([]);
  });

  test('names every plugin and settings permission in Chinese', async () => {
    const { plugins, settings } = await layout();
    const texts = [...plugins.flatMap((p) => [p.displayName, p.plugin, p.subCategory]), ...settings.flatMap((s) => [s.displayName, s.category, s.subCategory])];
    expect([...new Set(texts.filter((text) => text && english(text)))]).toEqual([]);
  });
});
