/**
 * Strapi's home-page widget 系统统计 counts entries; for a department's staff it must count what
 * their lists show, not the school (src/services/home-widgets.ts): the same answer through every
 * door.
 */
import { activeStudent, createWorkflowWorld, type WorkflowWorld } from '../factories/status-changes';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: WorkflowWorld;

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorkflowWorld(app);
  for (let i = 0; i < 3; i += 1) await activeStudent(app, world.otherTree.schoolClass.documentId);
  await activeStudent(app, world.tree.schoolClass.documentId);
});

afterAll(() => app?.stop());

/** What the person's Content Manager lists hold, added up over the types they may read. */
async function listTotals(admin: string): Promise<number> {
  const permissions = await app.http.get('/admin/users/me/permissions').set('Authorization', admin);
  expect(permissions.status).toBe(200);
  const readable = [
    ...new Set(
      (permissions.body.data as Array<{ action: string; subject: string | null }>)
        .filter((p) => p.action === 'plugin::content-manager.explorer.read' && p.subject)
        .map((p) => p.subject as string),
    ),
  ];
  expect(readable).toContain('api::student.student');
  let total = 0;
  for (const uid of readable) {
    const list = await app.http.get(`/content-manager/collection-types/${uid}?page=1&pageSize=1`).set('Authorization', admin);
    if (list.status === 200) total += list.body.pagination.total as number;
  }
  return total;
}

async function widgetCount(admin: string): Promise<number> {
  const counts = await app.http.get('/content-manager/homepage/count-documents').set('Authorization', admin);
  expect(counts.status).toBe(200);
  const { draft, published, modified } = counts.body.data as { draft: number; published: number; modified: number };
  return draft + published + modified;
}

test("a department manager's 系统统计 counts their department's records: what their lists hold", async () => {
  const counted = await widgetCount(world.manager.admin);
  expect(counted).toBe(await listTotals(world.manager.admin));
  // And not the school's: academic affairs counts more (the other department's three students)
  expect(await widgetCount(world.academicAffairs.admin)).toBeGreaterThanOrEqual(counted + 3);
});

test("academic affairs' 系统统计 counts the whole school, as its lists do", async () => {
  expect(await widgetCount(world.academicAffairs.admin)).toBe(await listTotals(world.academicAffairs.admin));
});
