/** The log line format: redaction of national IDs and mobile numbers, nothing else touched. */
import { redactPersonalData } from '../../src/services/log-format';

describe('redactPersonalData', () => {
  test.each([
    ['an 18-digit national ID', '身份证 110101200501011234 无效', '身份证 [身份证号已隐去] 无效'],
    ['a national ID ending in X', 'id=11010120050101123X.', 'id=[身份证号已隐去].'],
    ['a mobile number', '手机 13912345678', '手机 [手机号已隐去]'],
    ['both', '110101200501011234/15012345678', '[身份证号已隐去]/[手机号已隐去]'],
  ])('blanks out %s', (_, input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  test.each([
    ['a student number (12 digits)', 'student 202401010105'],
    ['a millisecond time (13 digits)', 'at 1764460800000 ms'],
    ['a document id', 'documentId r744cfloj1v9x2o0sysom6eg'],
    ['a landline with area code', '电话 010-62751234'],
  ])('leaves %s alone', (_, input) => {
    expect(redactPersonalData(input)).toBe(input);
  });
});
