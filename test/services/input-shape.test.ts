import { findInBody, findInQuery, hasNul } from '../../src/services/input-shape';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

describe('where input holds a NUL byte or nests too deep', () => {
  test.each([
    ['a NUL in a string', { data: { name: 'a\u0000' } }, { kind: 'nul', key: 'data.name' }],
    ['a NUL in a key', { data: { ['x\u0000']: 1 } }, { kind: 'nul', key: 'data.x\u0000' }],
    ['a NUL in an array item', { data: ['ok', 'b\u0000'] }, { kind: 'nul', key: 'data.1' }],
    ['33 levels below the root', { data: nested(33) }, { kind: 'depth', key: expect.stringMatching(/^data(\.0){32}$/) }],
    ['100,000 levels, walked without recursion', { data: nested(100_000) }, { kind: 'depth', key: expect.stringMatching(/^data(\.0){32}$/) }],
  ])('%s is found', (_name, body, problem) => {
    expect(findInBody(body, 32)).toEqual(problem);
  });

  test.each([
    ['32 levels below the root', { data: nested(32) }],
    ['text, numbers and null', { data: { name: '学生', year: 2024, note: null } }],
  ])('%s passes', (_name, body) => {
    expect(findInBody(body, 32)).toBeNull();
  });

  test('a query parameter is named as it was sent', () => {
    expect(findInQuery({ filters: { name: { $eq: '\u0000' } } })).toBe('filters[name][$eq]');
  });

  test.each(['/api/students/%00', '/api/students/%00/x', 'a=%00', 'a=\u0000'])('%j has a NUL byte', (raw) => {
    expect(hasNul(raw)).toBe(true);
  });

  test.each(['/api/students/abc', 'a=%2500', 'a=100'])('%j has none', (raw) => {
    expect(hasNul(raw)).toBe(false);
  });
});
