/** The Content Manager settings (src/bootstrap/admin-view-settings.ts) cover every field, in Chinese. */
import fs from 'node:fs';
import path from 'node:path';
import { VIEW_SETTINGS } from '../../src/bootstrap/admin-view-settings';
import { WORKFLOW_FIELDS } from '../../src/document-middlewares/status-change-writes';

const SRC = path.resolve(__dirname, '..', '..', 'src');
const CJK = /[\u4e00-\u9fff]/;

type Attributes = Record<string, { private?: boolean; configurable?: boolean }>;

function schemas(): Array<[string, Attributes]> {
  const found: Array<[string, Attributes]> = [];
  for (const api of fs.readdirSync(path.join(SRC, 'api'))) {
    const dir = path.join(SRC, 'api', api, 'content-types');
    if (!fs.existsSync(dir)) continue;
    for (const type of fs.readdirSync(dir)) found.push([`api::${api}.${type}`, JSON.parse(fs.readFileSync(path.join(dir, type, 'schema.json'), 'utf8')).attributes]);
  }
  for (const category of fs.readdirSync(path.join(SRC, 'components'))) {
    for (const file of fs.readdirSync(path.join(SRC, 'components', category))) {
      found.push([`${category}.${file.replace(/\.json$/, '')}`, JSON.parse(fs.readFileSync(path.join(SRC, 'components', category, file), 'utf8')).attributes]);
    }
  }
  return found;
}

const shownFields = (attributes: Attributes) => Object.keys(attributes).filter((field) => !attributes[field].private);

test.each(schemas())('%s is configured, with a Chinese label on every field', (uid, attributes) => {
  const view = VIEW_SETTINGS[uid];
  expect(view).toBeDefined();
  expect(shownFields(attributes).filter((field) => !CJK.test(view.labels[field] ?? ''))).toEqual([]);
});

test.each(Object.entries(VIEW_SETTINGS))('%s: its layouts name its own fields, rows at most 12 wide', (uid, view) => {
  const attributes = schemas().find(([name]) => name === uid)?.[1] ?? {};
  const known = new Set([...Object.keys(attributes), 'id', 'createdAt', 'updatedAt']);
  for (const row of view.edit) {
    expect(row.reduce((width, [, size]) => width + size, 0)).toBeLessThanOrEqual(12);
    for (const [field] of row) expect(known).toContain(field);
  }
  for (const field of [...view.list, ...(view.readOnly ?? []), ...Object.keys(view.descriptions ?? {}), ...Object.keys(view.relationMainFields ?? {}), view.mainField]) {
    expect(known).toContain(field);
  }
});

test('no workflow-owned field of a status change can be edited in the form', () => {
  const view = VIEW_SETTINGS['api::status-change.status-change'];
  const editable = view.edit.flat().map(([field]) => field).filter((field) => !view.readOnly?.includes(field));
  expect(editable.filter((field) => (WORKFLOW_FIELDS as readonly string[]).includes(field))).toEqual([]);
});

test.each(['api::approval-decision.approval-decision', 'api::status-history.status-history', 'api::notification.notification'])('%s is read-only: the system writes it', (uid) => {
  const view = VIEW_SETTINGS[uid];
  const attributes = schemas().find(([name]) => name === uid)?.[1] ?? {};
  expect(shownFields(attributes).filter((field) => !view.readOnly?.includes(field))).toEqual([]);
});

test('a student’s class and suspension period change only through approved status changes', () => {
  expect(VIEW_SETTINGS['api::student.student'].readOnly).toEqual(expect.arrayContaining(['schoolClass', 'suspensionStart', 'suspensionEnd', 'numberRetiredAt', 'status']));
});
