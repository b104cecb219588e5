/**
 * Encryption at rest for national ID numbers, phones and addresses (domain.md 2): AES-256-GCM
 * for the value, and a keyed HMAC "blind index" so that uniqueness and exact search work
 * without decrypting. Lists show only the masked form, stored beside the cipher text.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { randomBytesFromPool } from './random-pool';
import { maskAddress, maskNationalId, maskPhone } from '../domain/masking';

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PersonalDataCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  blindIndex(kind: 'nationalId' | 'phone', value: string): string;
  /** A check value of the key (not the key, nor anything that leads to it), kept in the database. */
  keyCheck(): string;
}

function parseMasterKey(key: string): Buffer {
  const bytes = /^[0-9a-f]{64}$/i.test(key) ? Buffer.from(key, 'hex') : Buffer.from(key, 'base64');
  if (bytes.length !== 32) throw new Error('DATA_ENCRYPTION_KEY must be 32 bytes, base64 or hex encoded');
  return bytes;
}

function derive(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, 'student-records', purpose, 32));
}

/** A cipher bound to one master key; the encryption and index keys are derived from it. */
export function createPersonalDataCipher(masterKey: string): PersonalDataCipher {
  const master = parseMasterKey(masterKey);
  const encryptionKey = derive(master, 'aes-256-gcm');
  const indexKey = derive(master, 'blind-index');
  const checkKey = derive(master, 'key-check');
  return {
    encrypt(plain) {
      const iv = randomBytesFromPool(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${FORMAT}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed) {
      const [format, payload] = sealed.split(':');
      if (format !== FORMAT || !payload) throw new Error('unknown personal data format');
      const bytes = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
    blindIndex(kind, value) {
      return createHmac('sha256', indexKey).update(`${kind}\u0000${value}`).digest('hex');
    },
    keyCheck() {
      return createHmac('sha256', checkKey).update('student-records data key check').digest('hex').slice(0, 32);
    },
  };
}

/** The stored columns for a national ID: masked value, cipher text and blind index. */
export function protectNationalId(cipher: PersonalDataCipher, value: string) {
  return {
    nationalId: maskNationalId(value),
    nationalIdCipher: cipher.encrypt(value),
    nationalIdIndex: cipher.blindIndex('nationalId', value),
  };
}

/** The stored columns for a phone number, or empty ones when there is none. */
export function protectPhone(cipher: PersonalDataCipher, value: string | null) {
  if (!value) return { phone: null, phoneCipher: null, phoneIndex: null };
  return { phone: maskPhone(value), phoneCipher: cipher.encrypt(value), phoneIndex: cipher.blindIndex('phone', value) };
}

/** The stored columns for a home address, or empty ones when there is none. */
export function protectHomeAddress(cipher: PersonalDataCipher, value: string | null) {
  if (!value) return { homeAddress: null, homeAddressCipher: null };
  return { homeAddress: maskAddress(value), homeAddressCipher: cipher.encrypt(value) };
}

let shared: PersonalDataCipher | undefined;

/** The process-wide cipher, keyed by DATA_ENCRYPTION_KEY. */
export function personalDataCipher(): PersonalDataCipher {
  if (!shared) {
    // Imported lazily so that unit tests of this module need no secrets.
    const { loadSecrets } = require('./secrets') as typeof import('./secrets');
    shared = createPersonalDataCipher(loadSecrets().DATA_ENCRYPTION_KEY);
  }
  return shared;
}

export const PERSONAL_FIELDS = ['nationalId', 'phone', 'homeAddress'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** The clear values of the asked fields of a stored student row (its `*Cipher` columns). */
export function clearPersonalData(row: Record<string, unknown>, fields: readonly PersonalField[] = PERSONAL_FIELDS): Partial<Record<PersonalField, string | null>> {
  const cipher = personalDataCipher();
  const out: Partial<Record<PersonalField, string | null>> = {};
  for (const field of fields) {
    const sealed = row[`${field}Cipher`];
    out[field] = typeof sealed === 'string' && sealed !== '' ? cipher.decrypt(sealed) : null;
  }
  return out;
}
