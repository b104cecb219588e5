/**
 * A failed login takes as long for an unknown identifier as for a known one: without this, the
 * missing bcrypt comparison (about 250 ms) tells which accounts exist.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';

interface PasswordHasher {
  hashPassword(password: string): Promise<string>;
  validatePassword(password: string, hash: string): Promise<boolean>;
}

let dummyHash: Promise<string> | null = null;

function adminAuth(strapi: Core.Strapi): PasswordHasher {
  return strapi.service('admin::auth') as unknown as PasswordHasher;
}

/** One bcrypt comparison against a hash no password matches (cost 10, as both login services use). */
export async function compareWithDummyHash(strapi: Core.Strapi, password: unknown): Promise<void> {
  const auth = adminAuth(strapi);
  dummyHash ??= auth.hashPassword(randomBytes(24).toString('base64'));
  await auth.validatePassword(typeof password === 'string' ? password : '', await dummyHash);
}
