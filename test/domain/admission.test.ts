import { checkAdmission } from '../../src/domain/admission';

const TODAY = '2026-11-23';
const VALID = { name: '张三', nationalId: '430102200509150015', schoolClass: 'class-document-id' };

describe('checkAdmission', () => {
  test('a minimal valid row gets its gender and birth date from the ID and the defaults', () => {
    const result = checkAdmission(VALID, TODAY);
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ gender: 'male', birthDate: '2005-09-15', studyForm: 'full-time', programLength: 3, phone: null }),
    });
  });

  test.each([
    ['missing name', { name: undefined }, 'name'],
    ['name not a string', { name: 42 }, 'name'],
    ['missing national ID', { nationalId: undefined }, 'nationalId'],
    ['bad checksum', { nationalId: '430102200509150016' }, 'nationalId'],
    ['gender contradicts the ID', { gender: 'female' }, 'gender'],
    ['unknown gender', { gender: 'x' }, 'gender'],
    ['bad phone', { phone: '12345' }, 'phone'],
    ['programme length 4', { programLength: 4 }, 'programLength'],
    ['study form unknown', { studyForm: 'evening' }, 'studyForm'],
    ['no class', { schoolClass: undefined }, 'schoolClass'],
    ['number sent by the client', { studentNumber: '202301010101' }, 'studentNumber'],
    ['status sent by the client', { status: 'active' }, 'status'],
    ['address too long', { homeAddress: '路'.repeat(201) }, 'homeAddress'],
  ])('%s is refused naming %s', (_name, change, field) => {
    const result = checkAdmission({ ...VALID, ...change }, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path[0])).toContain(field);
  });

  test('every problem of a row is reported at once', () => {
    const result = checkAdmission({ nationalId: 'bad', phone: '1' }, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path[0]).sort()).toEqual(['name', 'nationalId', 'phone', 'schoolClass']);
  });
});

test('a birth date after the school\'s today is refused; on the day itself it is accepted', () => {
  const bornOn20270201 = '430102202702010013';
  expect(checkAdmission({ ...VALID, nationalId: bornOn20270201 }, '2027-01-31')).toMatchObject({ ok: false, problems: [{ path: ['nationalId'] }] });
  expect(checkAdmission({ ...VALID, nationalId: bornOn20270201 }, '2027-02-01')).toMatchObject({ ok: true });
});
