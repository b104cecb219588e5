/**
 * The role screen (Settings > 角色 > a role) names types, fields and permissions in Chinese:
 * what GET /admin/permissions sends is what the screen prints.
 */
import fs from 'node:fs';
import path from 'node:path';
import { adminToken } from '../helpers/admin';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';

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
const english = (text: string) => text.replace(/GraphQL|API|IP|ID|Webhooks/g, '').match(/[A-Za-z]{2,}/) !== null;

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

  test("names Strapi's own types and every field of every type in Chinese", async () => {
    const { collectionTypes } = await layout();
    const flat = (nodes: FieldNode[]): FieldNode[] => nodes.flatMap((node) => [node, ...flat(node.children ?? [])]);
    const left = collectionTypes.subjects.flatMap((subject) => [
      ...(english(subject.label) ? [subject.uid] : []),
      ...subject.properties.flatMap((property) => flat(property.children ?? [])).filter((node) => english(node.label)).map((node) => `${subject.uid}.${node.value}`),
    ]);
    expect(left).toEqual([]);
  });

  test('every name the screen looks up as a message (the condition dialogs) has a zh-Hans message', async () => {
    const messages = JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'admin', 'translations', 'zh-Hans.admin.json'), 'utf8')) as Record<string, string>;
    const { collectionTypes, plugins, settings } = await layout();
    const names = [...collectionTypes.subjects.map((s) => s.label), ...plugins.flatMap((p) => [p.plugin, p.subCategory]), ...settings.flatMap((s) => [s.category, s.subCategory])];
    expect([...new Set(names)].filter((name) => !(name in messages))).toEqual([]);
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
