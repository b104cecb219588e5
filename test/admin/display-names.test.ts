/**
 * Every content type's Chinese name is a message of the admin's zh-Hans translations: the Content
 * Manager's menu looks each name up, and a missing one is a console error on every admin page
 * (which the browser tests count as a failure).
 */
import fs from 'node:fs';
import path from 'node:path';
import messages from '../../src/admin/translations/zh-Hans.admin.json';

const API = path.resolve(__dirname, '..', '..', 'src', 'api');

function displayNames(): Array<[string, string]> {
  const names: Array<[string, string]> = [];
  for (const api of fs.readdirSync(API)) {
    const dir = path.join(API, api, 'content-types');
    if (!fs.existsSync(dir)) continue;
    for (const type of fs.readdirSync(dir)) {
      const schema = JSON.parse(fs.readFileSync(path.join(dir, type, 'schema.json'), 'utf8')) as { info: { displayName: string } };
      names.push([`api::${api}.${type}`, schema.info.displayName]);
    }
  }
  return names;
}

test('there are content types to check', () => {
  expect(displayNames().length).toBeGreaterThan(25);
});

test.each(displayNames())('%s (%s) has its message', (_uid, name) => {
  expect((messages as Record<string, string>)[name]).toBe(name);
});
