/**
 * A new version of the view settings is merged into the admin's Content Manager configuration:
 * what the admin changed since the last version stays, the rest takes the new settings.
 */
import { mergeSettings, type Configuration } from '../../src/bootstrap/admin-views';
import type { ViewSettings } from '../../src/bootstrap/admin-view-settings';

const base: ViewSettings = {
  mainField: 'name',
  defaultSortBy: 'name',
  labels: { name: '名称', code: '代码' },
  list: ['name', 'code'],
  edit: [[['name', 6], ['code', 6]]],
};
const next: ViewSettings = { ...base, labels: { name: '部门名称', code: '部门代码' }, list: ['code', 'name'] };

/** The configuration as the admin left it after `base` was applied, with `change` made by the admin. */
function adminConfiguration(change: (c: Configuration) => void = () => {}): Configuration {
  const meta = (label: string, visible = true) => ({ edit: { label, visible, editable: true }, list: { label, searchable: true } });
  const configuration: Configuration = {
    settings: { mainField: 'name', defaultSortBy: 'name', defaultSortOrder: 'ASC', pageSize: 10 },
    metadatas: { id: meta('id', false), name: meta('名称'), code: meta('代码'), motto: meta('motto') },
    layouts: { list: ['name', 'code'], edit: [[{ name: 'name', size: 6 }, { name: 'code', size: 6 }], [{ name: 'motto', size: 12 }]] },
  };
  change(configuration);
  return configuration;
}

test('a label the admin changed stays; one the admin left takes the new version', () => {
  const merged = mergeSettings(adminConfiguration((c) => { c.metadatas.name.edit.label = '单位名称'; c.metadatas.name.list.label = '单位名称'; }), next, base);
  expect(merged.metadatas.name.edit.label).toBe('单位名称');
  expect(merged.metadatas.name.list.label).toBe('单位名称');
  expect(merged.metadatas.code.edit.label).toBe('部门代码');
});

test('a field the admin added to the type stays visible in its place in the form and the list', () => {
  const merged = mergeSettings(adminConfiguration((c) => { c.layouts.list.push('motto'); }), next, base);
  expect(merged.layouts.edit).toEqual([[{ name: 'name', size: 6 }, { name: 'code', size: 6 }], [{ name: 'motto', size: 12 }]]);
  expect(merged.metadatas.motto.edit.visible).toBe(true);
  expect(merged.layouts.list).toContain('motto');
});

test('list columns and sort the admin changed stay; untouched ones take the new version', () => {
  const untouched = mergeSettings(adminConfiguration(), next, base);
  expect(untouched.layouts.list).toEqual(['code', 'name']);
  const changed = mergeSettings(adminConfiguration((c) => { c.layouts.list = ['code']; c.settings.defaultSortBy = 'code'; }), next, base);
  expect(changed.layouts.list).toEqual(['code']);
  expect(changed.settings.defaultSortBy).toBe('code');
});

test('without a record of the previous version, the added field is still kept; labels take the new version', () => {
  const merged = mergeSettings(adminConfiguration((c) => { c.metadatas.name.edit.label = '单位名称'; }), next, null);
  expect(merged.metadatas.motto.edit.visible).toBe(true);
  expect(merged.layouts.edit.flat().map((cell) => cell.name)).toContain('motto');
  expect(merged.metadatas.name.edit.label).toBe('部门名称');
});
