import { classNumberPrefix, isTwoDigitCode, studentNumber } from '../../src/domain/student-number';
import { looksMasked, maskAddress, maskNationalId, maskPhone } from '../../src/domain/masking';

describe('student numbers', () => {
  test('year, department, major, class and sequence make 12 digits: the domain example', () => {
    const prefix = classNumberPrefix({ enrollmentYear: 2023, departmentCode: '01', majorCode: '01', classSequence: '01' });
    expect(studentNumber(prefix, 5)).toBe('202301010105');
  });

  test.each([0, 100, 1.5, -1])('sequence %p is refused: a class numbers 01..99', (sequence) => {
    expect(() => studentNumber('2023010101', sequence)).toThrow(RangeError);
  });

  test.each([
    ['1', false],
    ['001', false],
    ['00', false],
    ['0a', false],
    ['01', true],
    ['99', true],
  ])('isTwoDigitCode(%p) is %p', (code, expected) => {
    expect(isTwoDigitCode(code)).toBe(expected);
  });

  test('a prefix with a bad code is refused', () => {
    expect(() => classNumberPrefix({ enrollmentYear: 2023, departmentCode: '1', majorCode: '01', classSequence: '01' })).toThrow(RangeError);
  });
});

describe('masking', () => {
  test.each([
    [maskNationalId, '430102200509150015', '430***************'],
    [maskPhone, '13812345678', '138******78'],
    [maskAddress, '湖南省长沙市人民路12号', '湖南省长沙市****'],
  ])('%p masks %p as %p', (mask, value, expected) => {
    expect(mask(value)).toBe(expected);
  });

  test('masked values are recognised as masked, clear ones are not', () => {
    expect(looksMasked('430***************')).toBe(true);
    expect(looksMasked('138******78')).toBe(true);
    expect(looksMasked('430102200509150015')).toBe(false);
    expect(looksMasked('13812345678')).toBe(false);
  });
});
