/**
 * The log line format: ISO 8601 time, level, message, and for an error its stack; a national ID
 * or mobile number that reached a message (an error quoting its input, say) is blanked out first.
 * Addresses have no pattern to find them by: code never puts them in a message.
 */
import { winston } from '@strapi/logger';

/** 17 digits and a digit or X, standing alone: the 18-character national ID number. */
const NATIONAL_ID = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
/** 11 digits starting 13-19, standing alone: a mainland mobile number. */
const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

export const REDACTED_NATIONAL_ID = '[身份证号已隐去]';
export const REDACTED_PHONE = '[手机号已隐去]';

export function redactPersonalData(text: string): string {
  return text.replace(NATIONAL_ID, REDACTED_NATIONAL_ID).replace(MOBILE, REDACTED_PHONE);
}

/** An Error logged as such keeps its stack in the line (winston drops the non-enumerable stack). */
const errorWithStack = winston.format((info) => {
  if (!(info instanceof Error)) return info;
  return { ...info, message: info.stack ?? `${info.name}: ${info.message}` };
});

const redact = winston.format((info) => {
  info.message = redactPersonalData(typeof info.message === 'string' ? info.message : String(info.message));
  return info;
});

export function logLineFormat() {
  return winston.format.combine(
    errorWithStack(),
    redact(),
    winston.format.timestamp(),
    winston.format.printf(({ level, message, timestamp }) => `[${String(timestamp)}] ${level}: ${String(message)}`),
  );
}
