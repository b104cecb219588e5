/**
 * What a mask leaves to guess. The list shows a student's mask beside their birth date and gender
 * (and the city in the address mask); an exact search answers one candidate at a time, so the
 * candidates that fit what is shown must be many. They are counted here by enumerating every
 * completion that GB 11643's check character accepts.
 */
import type { Gender } from '../../src/domain/constants';
import { maskNationalId, maskPhone } from '../../src/domain/masking';
import { composeNationalId, nationalIdCheckCharacter } from '../../src/domain/national-id';

const DIGITS = '0123456789';
const CHECK_CHARACTERS = '0123456789X';
/** Fewest national IDs that may fit a mask, birth date and gender (one exact search each). */
const NATIONAL_ID_MINIMUM = 100_000;
/** Fewest when the address mask's city also gives away the fourth region digit. */
const NATIONAL_ID_MINIMUM_WITH_CITY = 10_000;
/** Fewest phone numbers that may fit a phone mask. */
const PHONE_MINIMUM = 10_000;

interface Known {
  birthDate: string;
  gender: Gender;
  /** Region digits known from elsewhere (the address mask's city), beyond what the mask shows. */
  regionPrefix?: string;
}

/** The characters one position of a national ID may hold, given the mask and the known facts. */
function allowedAt(mask: string, position: number, known: Known): string {
  if (mask[position] !== '*') return mask[position];
  if (known.regionPrefix && position < known.regionPrefix.length) return known.regionPrefix[position];
  if (position >= 6 && position < 14) return known.birthDate[position - 6];
  if (position === 16) return [...DIGITS].filter((d) => Number(d) % 2 === (known.gender === 'male' ? 1 : 0)).join('');
  return position === 17 ? CHECK_CHARACTERS : DIGITS;
}

/** Every valid national ID that the mask, birth date and gender allow, counted. */
function nationalIdCandidates(mask: string, known: Known): number {
  const allowed = Array.from({ length: 18 }, (_, position) => allowedAt(mask, position, known));
  let count = 0;
  const walk = (prefix: string): void => {
    if (prefix.length === 17) {
      if (allowed[17].includes(nationalIdCheckCharacter(prefix))) count += 1;
      return;
    }
    for (const char of allowed[prefix.length]) walk(prefix + char);
  };
  walk('');
  return count;
}

/** Every phone number of the same length that the mask allows, counted. */
function phoneCandidates(mask: string): number {
  return [...mask].reduce((count, char) => (char === '*' ? count * DIGITS.length : count), 1);
}

const BOY = { id: composeNationalId('430102', '20050915', 1), birthDate: '20050915', gender: 'male' as const };
const GIRL = { id: composeNationalId('110105', '19991231', 2), birthDate: '19991231', gender: 'female' as const };

describe('national ID mask', () => {
  test.each([BOY, GIRL])('Given the mask of $id, its birth date and gender, When the candidates are counted, Then at least 100,000 remain', (person) => {
    const count = nationalIdCandidates(maskNationalId(person.id), person);

    expect(count).toBeGreaterThanOrEqual(NATIONAL_ID_MINIMUM);
  });

  test('Given the mask, birth date, gender and the city from the address mask (4 region digits), When counted, Then at least 10,000 remain', () => {
    const count = nationalIdCandidates(maskNationalId(BOY.id), { ...BOY, regionPrefix: BOY.id.slice(0, 4) });

    expect(count).toBeGreaterThanOrEqual(NATIONAL_ID_MINIMUM_WITH_CITY);
  });

  test('Given the reported mask (first 3 and last 4 shown), When counted the same way, Then under 100 remain: the counter sees the attack', () => {
    const reported = `${BOY.id.slice(0, 3)}${'*'.repeat(11)}${BOY.id.slice(-4)}`;

    const count = nationalIdCandidates(reported, BOY);

    expect(count).toBeLessThan(100);
    expect(count).toBeGreaterThan(0);
  });
});

describe('phone mask', () => {
  test.each(['13812345678', '19900001111'])('Given the mask of %s, When the candidates are counted, Then at least 10,000 remain', (phone) => {
    const mask = maskPhone(phone);

    expect(mask).toHaveLength(phone.length);
    expect(phoneCandidates(mask)).toBeGreaterThanOrEqual(PHONE_MINIMUM);
  });
});
