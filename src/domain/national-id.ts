/**
 * Resident identity card numbers (居民身份证号码, GB 11643-1999): 17 digits and a check
 * character computed with ISO 7064 MOD 11-2. Birth date and gender are encoded in the number.
 */
import type { Gender } from './constants';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

export type NationalIdProblem = 'length' | 'format' | 'checksum' | 'birthDate';

export interface NationalIdFacts {
  /** Normalised number: upper-case X. */
  value: string;
  birthDate: string;
  gender: Gender;
}

/** The check character that the first 17 digits call for. */
export function nationalIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Parses a national ID number, or says what is wrong with it; `today` (YYYY-MM-DD, the school's date) bounds the birth date. */
export function parseNationalId(
  input: string,
  today: string,
): { ok: true; facts: NationalIdFacts } | { ok: false; problem: NationalIdProblem } {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return { ok: false, problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'format' };
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (year < 1900 || !isRealDate(year, month, day) || birthDate > today) {
    return { ok: false, problem: 'birthDate' };
  }
  if (nationalIdCheckCharacter(value) !== value[17]) return { ok: false, problem: 'checksum' };
  const gender: Gender = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, facts: { value, birthDate, gender } };
}

export const NATIONAL_ID_MESSAGES: Record<NationalIdProblem, string> = {
  length: '身份证号码应为 18 位 (national ID must be 18 characters)',
  format: '身份证号码应为 17 位数字加 1 位数字或 X (national ID must be 17 digits and a digit or X)',
  checksum: '身份证号码校验位错误 (national ID checksum is wrong)',
  birthDate: '身份证号码中的出生日期无效 (national ID contains an invalid birth date)',
};

/** A national ID number from its region code, birth date (YYYYMMDD) and 3-digit sequence. */
export function composeNationalId(region: string, birthDate: string, sequence: number): string {
  const first17 = `${region}${birthDate}${String(sequence).padStart(3, '0')}`;
  if (!/^\d{17}$/.test(first17)) throw new RangeError('region must be 6 digits, birth date 8, sequence 0..999');
  return first17 + nationalIdCheckCharacter(first17);
}
