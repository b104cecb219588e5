/** Shapes of contact data a student record accepts. */

/** A mainland mobile number (11 digits starting 1[3-9]) or a landline with area code. */
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** True for a phone number the college can call. */
export function isPhoneNumber(value: string): boolean {
  return PHONE.test(value);
}
