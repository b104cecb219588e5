/** How sensitive personal data looks in lists and default responses (domain.md 2). */

/** `430***********1234`: the first 3 and last 4 characters of a national ID number. */
export function maskNationalId(value: string): string {
  if (value.length <= 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

/** `138****5678`: the first 3 and last 4 digits of a phone number. */
export function maskPhone(value: string): string {
  if (value.length <= 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

/** The first 6 characters of an address (province and city, as a rule), then `****`. */
export function maskAddress(value: string): string {
  const chars = Array.from(value);
  return `${chars.slice(0, Math.min(6, Math.floor(chars.length / 2))).join('')}****`;
}

/** True when a value is what a mask function produces, so a form sending it back changes nothing. */
export function looksMasked(value: string): boolean {
  return value.includes('****') || /^.{3}\*+.{4}$/.test(value);
}
