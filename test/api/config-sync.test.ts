/**
 * Layouts, labels and role permissions kept in files (issue 14, docs/config-sync.md). The rule:
 * the database is the live configuration and no start overwrites it; a fresh database takes
 * config/sync/ before the start-up code adds what the code brings beyond the files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSiblingDatabase, ROOT, startStrapi, type TestApp } from '../helpers/strapi';
import { CONTENT_MANAGER_VIEW_PREFIX, SYNCED_STORE_KEYS } from '../../src/services/config-sync/settings';

const NEW_LABEL = '学号（十位）';
const ADDED = { action: 'plugin::content-manager.explorer.delete', subject: 'api::status-change.status-change' };

interface Main {
  exportAllConfig(): Promise<void>;
  getFormattedDiff(): Promise<{ diff: Record<string, unknown> }>;
  getAllConfigFromDatabase(): Promise<Record<string, unknown>>;
}
const main = (app: TestApp) => app.strapi.plugin('config-sync').service('main') as unknown as Main;

type Permission = { action: string; subject: string | null; properties?: unknown; conditions?: string[]; actionParameters?: unknown };

/** Starts the project on `databaseUrl` with `syncDir` as its config/sync/. */
async function start(databaseUrl: string, syncDir: string): Promise<TestApp> {
  const before = process.env.CONFIG_SYNC_DIR;
  process.env.CONFIG_SYNC_DIR = `${syncDir}/`;
  try {
    return await startStrapi({ databaseUrl });
  } finally {
    if (before === undefined) delete process.env.CONFIG_SYNC_DIR;
    else process.env.CONFIG_SYNC_DIR = before;
  }
}

type View = { metadatas: Record<string, { edit: { label?: string } }> };
const contentTypes = (app: TestApp) => app.strapi.plugin('content-manager').service('content-types') as unknown as {
  findConfiguration(model: unknown): Promise<View>;
  updateConfiguration(model: unknown, configuration: View): Promise<unknown>;
};
const studentModel = (app: TestApp) => app.strapi.contentTypes['api::student.student' as keyof typeof app.strapi.contentTypes];

async function studentNumberLabel(app: TestApp): Promise<string | undefined> {
  return (await contentTypes(app).findConfiguration(studentModel(app))).metadatas.studentNumber.edit.label;
}

async function relabelStudentNumber(app: TestApp, label: string): Promise<void> {
  const view = await contentTypes(app).findConfiguration(studentModel(app));
  view.metadatas.studentNumber.edit.label = label;
  await contentTypes(app).updateConfiguration(studentModel(app), view);
}

async function clerkPermissions(app: TestApp): Promise<Permission[]> {
  const role = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'department-clerk' } })) as { id: number };
  return (await app.strapi.db.query('admin::permission').findMany({ where: { role: { id: role.id } } })) as Permission[];
}
const holdsAdded = (permissions: Permission[]) => permissions.some((p) => p.action === ADDED.action && p.subject === ADDED.subject);

const databases: Array<{ drop(): Promise<void> }> = [];
const dirs: string[] = [];
let app: TestApp | undefined;

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-sync-'));
  dirs.push(dir);
  return dir;
}

async function database(): Promise<string> {
  const created = await createSiblingDatabase();
  databases.push(created);
  return created.url;
}

afterEach(async () => {
  await app?.stop();
  app = undefined;
});
afterAll(async () => {
  for (const db of databases) await db.drop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('config/sync/ in the repository', () => {
  test('is all a fresh server holds: the start-up code adds nothing to it; nothing secret or per-server', async () => {
    // Given a fresh database started with the committed files
    app = await start(await database(), path.join(ROOT, 'config', 'sync'));
    // When the database is compared with them after the roles and views were ensured
    const { diff } = await main(app).getFormattedDiff();
    // Then nothing differs (a role or view changed in code and not exported shows here: npm run config:export)
    expect(Object.keys(diff)).toEqual([]);
    // And the core-store rows synced are the views and the records named in the settings only
    const names = Object.keys(await main(app).getAllConfigFromDatabase()).filter((name) => name.startsWith('core-store.'));
    const unexpected = names.map((name) => name.slice('core-store.'.length)).filter((key) => !key.startsWith(CONTENT_MANAGER_VIEW_PREFIX) && !(SYNCED_STORE_KEYS as readonly string[]).includes(key));
    expect(unexpected).toEqual([]);
    const text = fs.readdirSync(path.join(ROOT, 'config', 'sync')).map((file) => fs.readFileSync(path.join(ROOT, 'config', 'sync', file), 'utf8')).join('\n');
    expect(text).not.toMatch(/documentId"\s*:\s*"[a-z0-9]{24}"|super-admin|https?:\/\/|@example\.com|"(jwtSecret|secret|salt|password|token|accessKey)"\s*:\s*"/);
  });
});

describe("an admin's changes", () => {
  test('exported to files come back on a fresh database; a restart keeps them, exported or not', async () => {
    const files = tempDir();
    const first = await database();
    // Given a server whose admin relabels 学号 in the student form and lets the department clerk delete requests
    // (through the services the admin's "Configure the view" and role screens call)
    app = await start(first, files);
    await relabelStudentNumber(app, NEW_LABEL);
    const role = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'department-clerk' } })) as { id: number };
    const held = await clerkPermissions(app);
    const permissions = [...held, { ...ADDED, properties: {}, conditions: ['api::own-department'] }].map(({ action, subject, properties, conditions, actionParameters }) => ({ action, subject, properties, conditions, actionParameters }));
    await app.strapi.service('admin::role').assignPermissions(role.id, permissions);
    // When the configuration is exported (npm run config:export)
    await main(app).exportAllConfig();
    expect(fs.readFileSync(path.join(files, 'core-store.plugin_content_manager_configuration_content_types##api##student.student.json'), 'utf8')).toContain(NEW_LABEL);
    // and, after the export, the admin changes the label once more
    await relabelStudentNumber(app, '学号（新）');
    await app.stop();

    // Then a restart of the same server keeps the database's configuration, not the files'
    app = await start(first, files);
    expect(await studentNumberLabel(app)).toBe('学号（新）');
    expect(holdsAdded(await clerkPermissions(app))).toBe(true);
    await app.stop();

    // And a fresh server comes up with the exported configuration
    app = await start(await database(), files);
    expect(await studentNumberLabel(app)).toBe(NEW_LABEL);
    expect(holdsAdded(await clerkPermissions(app))).toBe(true);
    // with nothing else changed: the files and the fresh database agree
    expect(Object.keys((await main(app).getFormattedDiff()).diff)).toEqual([]);
  });

  test('a permission an admin removed and exported stays removed on a fresh database (the code does not put it back)', async () => {
    const files = tempDir();
    app = await start(await database(), files);
    const role = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'department-clerk' } })) as { id: number };
    const [read] = (await app.strapi.db.query('admin::permission').findMany({
      where: { role: { id: role.id }, action: 'plugin::content-manager.explorer.read', subject: 'api::status-history.status-history' },
    })) as Array<{ id: number }>;
    expect(read).toBeDefined();
    await app.strapi.db.query('admin::permission').delete({ where: { id: read.id } });
    await main(app).exportAllConfig();
    await app.stop();

    app = await start(await database(), files);
    const permissions = await clerkPermissions(app);
    expect(permissions.some((p) => p.action === 'plugin::content-manager.explorer.read' && p.subject === 'api::status-history.status-history')).toBe(false);
    expect(permissions.some((p) => p.action === 'plugin::content-manager.explorer.read' && p.subject === 'api::student.student')).toBe(true);
  });
});
