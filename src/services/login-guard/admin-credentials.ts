/**
 * The admin login's credential check spends one bcrypt comparison on an unknown email too, so a
 * failure takes as long whether or not the account exists. Strapi's local strategy looks the
 * service up at every login, so replacing the method on the service object is enough; start-up
 * fails if the method is not where this expects it.
 */
import type { Core } from '@strapi/strapi';
import { compareWithDummyHash } from './equal-timing';

type Credentials = { email: string; password: string };
type CheckCredentials = (credentials: Credentials) => Promise<unknown>;

export async function equaliseAdminLoginTiming(strapi: Core.Strapi): Promise<void> {
  const auth = strapi.service('admin::auth') as unknown as { checkCredentials: CheckCredentials };
  const original = auth.checkCredentials;
  if (typeof original !== 'function') throw new Error('admin::auth.checkCredentials is missing: the admin login timing guard cannot be installed');
  auth.checkCredentials = async (credentials) => {
    const user = (await strapi.db.query('admin::user').findOne({ where: { email: credentials.email }, select: ['id', 'password'] })) as { password?: string | null } | null;
    if (!user?.password) await compareWithDummyHash(strapi, credentials.password);
    return original(credentials);
  };
  // The dummy hash is made now, so the first unknown email is not slower than the others.
  await compareWithDummyHash(strapi, '');
}
