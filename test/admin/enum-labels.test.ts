/** Every stored enumeration value has a Chinese name in the admin (lists, filters and forms). */
import fs from 'node:fs';
import path from 'node:path';
import { ARCHIVE_FIELD_LABELS, ENUM_LABELS } from '../../src/domain/enum-labels';

const API = path.resolve(__dirname, '..', '..', 'src', 'api');

function enumerationValues(): Array<[string, string, string]> {
  const values: Array<[string, string, string]> = [];
  for (const name of fs.readdirSync(API)) {
    const dir = path.join(API, name, 'content-types');
    if (!fs.existsSync(dir)) continue;
    for (const type of fs.readdirSync(dir)) {
      const schema = JSON.parse(fs.readFileSync(path.join(dir, type, 'schema.json'), 'utf8'));
      for (const [field, attribute] of Object.entries<{ type: string; enum?: string[] }>(schema.attributes)) {
        if (attribute.type === 'enumeration') for (const value of attribute.enum ?? []) values.push([`${type}.${field}`, value, ARCHIVE_FIELD_LABELS[`api::${name}.${type}`]?.[field]?.[value] ?? ENUM_LABELS[value]]);
      }
    }
  }
  return values;
}

test('there are enumerations to check', () => {
  expect(enumerationValues().length).toBeGreaterThan(20);
});

test.each(enumerationValues())('%s = %s has a Chinese label', (_field, _value, label) => {
  expect(label).toMatch(/[\u4e00-\u9fff]/);
});
