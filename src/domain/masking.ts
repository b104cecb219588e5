/**
 * How sensitive personal data looks in lists and default responses (domain.md 2). A mask shown
 * beside the clear birth date, gender and city must still leave a large set of candidates, or the
 * exact search becomes a guessing game (test/domain/masking.test.ts counts them).
 */

/** Characters a national ID mask shows: the province and first city digit, nothing after. */
const NATIONAL_ID_SHOWN = 3;
/** Characters a phone mask shows at its start (the carrier prefix) and its end. */
const PHONE_SHOWN_START = 3;
const PHONE_SHOWN_END = 2;

/**
 * `430***************`: the first 3 characters only. The rest is birth date and gender (shown
 * anyway), district, sequence and check character; hiding the check character keeps it from
 * cutting the unknown region and sequence digits by 11.
 */
export function maskNationalId(value: string): string {
  if (value.length <= NATIONAL_ID_SHOWN * 2) return '*'.repeat(value.length);
  return `${value.slice(0, NATIONAL_ID_SHOWN)}${'*'.repeat(value.length - NATIONAL_ID_SHOWN)}`;
}

/** `138******78`: the carrier prefix and the last 2 digits, 10^6 possible numbers in between. */
export function maskPhone(value: string): string {
  if (value.length <= PHONE_SHOWN_START + PHONE_SHOWN_END + 3) return '*'.repeat(value.length);
  const hidden = value.length - PHONE_SHOWN_START - PHONE_SHOWN_END;
  return `${value.slice(0, PHONE_SHOWN_START)}${'*'.repeat(hidden)}${value.slice(-PHONE_SHOWN_END)}`;
}

/** The first 6 characters of an address (province and city, as a rule), then `****`. */
export function maskAddress(value: string): string {
  const chars = Array.from(value);
  return `${chars.slice(0, Math.min(6, Math.floor(chars.length / 2))).join('')}****`;
}

/** True when a value is what a mask function produces, so a form sending it back changes nothing. */
export function looksMasked(value: string): boolean {
  return /\*{3,}/.test(value);
}
