/**
 * The data key must be the one the database was encrypted with: started with another
 * DATA_ENCRYPTION_KEY, searches would find nothing, reveals would fail, and a national ID already
 * on record would be admitted again. A check value of the key is kept in the database; a server
 * whose key does not match it refuses to start, naming the setting.
 */
import type { Core } from '@strapi/strapi';
import { personalDataCipher, type PersonalDataCipher } from './personal-data';

export const DATA_KEY_CHECK = { type: 'core', name: 'student-records', key: 'data-key-check' } as const;

export const WRONG_DATA_KEY =
  'DATA_ENCRYPTION_KEY does not match the key this database was encrypted with: start with the original key (README.md, "The data key"), or change keys with `npm run rotate-data-key`';

/** A stored cipher text of the database, to try the key on when no check value was kept yet. */
async function anyStoredCipher(strapi: Core.Strapi): Promise<string | null> {
  const row = (await strapi.db.query('api::student.student').findOne({ where: { nationalIdCipher: { $notNull: true } }, select: ['nationalIdCipher'] })) as {
    nationalIdCipher?: string;
  } | null;
  return row?.nationalIdCipher ?? null;
}

function decrypts(cipher: PersonalDataCipher, sealed: string): boolean {
  try {
    cipher.decrypt(sealed);
    return true;
  } catch {
    return false;
  }
}

/** Throws naming DATA_ENCRYPTION_KEY when the key is not the database's; records the check value on first start. */
export async function assertDataKeyMatches(strapi: Core.Strapi, cipher: PersonalDataCipher = personalDataCipher()): Promise<void> {
  const stored = (await strapi.store.get(DATA_KEY_CHECK)) as string | null;
  if (stored) {
    if (stored !== cipher.keyCheck()) throw new Error(WRONG_DATA_KEY);
    return;
  }
  // A database from before the check value: the key must open what is already stored.
  const sealed = await anyStoredCipher(strapi);
  if (sealed && !decrypts(cipher, sealed)) throw new Error(WRONG_DATA_KEY);
  await strapi.store.set({ ...DATA_KEY_CHECK, value: cipher.keyCheck() });
}
