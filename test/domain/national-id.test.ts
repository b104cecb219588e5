import fc from 'fast-check';
import { composeNationalId, nationalIdCheckCharacter, parseNationalId } from '../../src/domain/national-id';

const TODAY = '2026-11-23';

describe('parseNationalId', () => {
  test.each([
    ['valid, check digit', '11010519491231002X', { ok: true, gender: 'female', birthDate: '1949-12-31' }],
    ['valid, male', '430102200509150015', { ok: true, gender: 'male', birthDate: '2005-09-15' }],
    ['lower-case x is accepted and normalised', '11010519491231002x', { ok: true, gender: 'female', birthDate: '1949-12-31' }],
    ['bad checksum', '110105194912310021', { ok: false, problem: 'checksum' }],
    ['bad date: 30 February', composeNationalIdUnchecked('110105', '20050230', '001'), { ok: false, problem: 'birthDate' }],
    ['bad date: month 13', composeNationalIdUnchecked('110105', '20051301', '001'), { ok: false, problem: 'birthDate' }],
    ['birth date in the future', composeNationalIdUnchecked('110105', '20300101', '001'), { ok: false, problem: 'birthDate' }],
    ['too short', '11010519491231002', { ok: false, problem: 'length' }],
    ['too long', '11010519491231002X1', { ok: false, problem: 'length' }],
    ['letters inside', '1101051949123100AX', { ok: false, problem: 'format' }],
    ['X not last', '1101051949X2310021', { ok: false, problem: 'format' }],
  ])('%s', (_name, input, expected) => {
    const result = parseNationalId(input, TODAY);
    if (expected.ok) {
      expect(result).toEqual({ ok: true, facts: { value: input.toUpperCase(), gender: expected.gender, birthDate: expected.birthDate } });
    } else {
      expect(result).toEqual({ ok: false, problem: expected.problem });
    }
  });

  test('every composed number parses back to its birth date, with gender from the 17th digit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 110000, max: 659999 }),
        fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2010-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (region, birth, sequence) => {
          const ymd = birth.toISOString().slice(0, 10);
          const id = composeNationalId(String(region), ymd.replace(/-/g, ''), sequence);
          const parsed = parseNationalId(id, TODAY);
          expect(parsed).toEqual({ ok: true, facts: { value: id, birthDate: ymd, gender: sequence % 2 === 1 ? 'male' : 'female' } });
        },
      ),
    );
  });

  test('changing any one digit of a valid number breaks its checksum', () => {
    const id = '430102200509150015';
    for (let i = 0; i < 17; i += 1) {
      for (const digit of '0123456789') {
        if (digit === id[i]) continue;
        const altered = id.slice(0, i) + digit + id.slice(i + 1);
        expect(nationalIdCheckCharacter(altered)).not.toBe(id[17]);
      }
    }
  });
});

/** Builds a number with a correct check character around any 14 leading digits, valid date or not. */
function composeNationalIdUnchecked(region: string, date: string, sequence: string): string {
  const first17 = region + date + sequence;
  return first17 + nationalIdCheckCharacter(first17);
}
