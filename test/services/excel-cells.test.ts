/** The pure parts of Excel: how a value looks in a cell, and the admission's messages as Chinese reasons. */
import type { Column } from '../../src/services/excel/columns';
import { cellValue, schoolWallClock } from '../../src/services/excel/cells';
import { chineseReason } from '../../src/services/excel/reasons';
import { fieldValue } from '../../src/services/excel/sheet-rows';

const column = (kind: Column['kind'], extra: Partial<Column> = {}): Column => ({ field: 'f', header: '字段', kind, protected: false, required: false, configurable: true, ...extra });
const gender = column('enumeration', { field: 'gender', header: '性别', options: [{ value: 'male', label: '男' }, { value: 'female', label: '女' }] });

describe('cellValue', () => {
  test.each([
    ['an enumeration by its Chinese name', gender, 'female', '女'],
    ['a boolean as 是', column('boolean'), true, '是'],
    ['a boolean as 否', column('boolean'), false, '否'],
    ['a relation by its named field', column('relation', { mainField: 'name' }), { id: 1, name: '计算机2401班' }, '计算机2401班'],
    ['a JSON list joined', column('list'), ['nationalId', 'phone'], 'nationalId、phone'],
    ['a number from text', column('number'), '2024', 2024],
    ['nothing as an empty cell', column('text'), null, null],
  ])('%s', (_, col, value, expected) => {
    expect(cellValue(col, value)).toEqual(expected);
  });

  test('a date is a calendar date; a date-time is the school wall clock (Asia/Shanghai, UTC+8)', () => {
    expect(cellValue(column('date'), '2026-09-01')).toEqual(new Date(Date.UTC(2026, 8, 1)));
    expect(schoolWallClock(new Date('2026-09-01T20:30:00Z'))).toEqual(new Date(Date.UTC(2026, 8, 2, 4, 30)));
  });
});

describe('chineseReason', () => {
  const row = (index: number) => index + 2;
  test.each([
    ['the Chinese half of a bilingual message', '身份证号码校验位错误 (national ID checksum is wrong)', '身份证号码校验位错误'],
    ['the Chinese in brackets', 'name is required (姓名必填)', '姓名必填'],
    ['a length rule in Chinese', 'name must be at most 50 characters', '字段最多 50 个字'],
    ['an enumeration rule with its names', 'gender must be one of: male, female', '字段须为以下之一：男、女'],
    ['a row index as the sheet row', '身份证号码与第 0 行重复 (same national ID as row 0)', '身份证号码与第 2 行重复'],
    ['anything else as a plain sentence', 'something odd', '字段填写有误'],
  ])('%s', (_, message, expected) => {
    expect(chineseReason(message, gender, '字段', row)).toBe(expected);
  });
});

describe('fieldValue', () => {
  test.each([
    ['a Chinese enumeration name', gender, '男', { value: 'male' }],
    ['a stored enumeration value', gender, 'female', { value: 'female' }],
    ['an unknown name', gender, '未知', { reason: '性别须为以下之一：男、女' }],
    ['an ID typed as a number', column('text', { field: 'nationalId', header: '身份证号码' }), 430102200509150020, { reason: '身份证号码请按文本格式填写（数字格式会丢失末几位）' }],
    ['text over its length', column('text', { maxLength: 3 }), '四个字儿', { reason: '字段最多 3 个字' }],
    ['a date cell', column('date'), new Date(Date.UTC(2026, 8, 1)), { value: '2026-09-01' }],
  ])('%s', (_, col, input, expected) => {
    expect(fieldValue(col, input)).toEqual(expected);
  });
});
