/**
 * The accounts the demo seed created itself, kept in the plugin store: the seed reuses only these.
 * An account it did not create (made by an admin, or registered when registration was open) may
 * belong to someone else, so giving it a demo role or linking it to a membership would hand that
 * person a demo login's rights.
 */
import type { Core } from '@strapi/strapi';

const KEY = 'seeded-accounts';

export type AccountKind = 'admin' | 'user';
type Ledger = Record<AccountKind, number[]>;

function store(strapi: Core.Strapi) {
  return strapi.store({ type: 'plugin', name: 'student-records' });
}

async function read(strapi: Core.Strapi): Promise<Ledger> {
  const stored = (await store(strapi).get({ key: KEY })) as Partial<Ledger> | null;
  return { admin: stored?.admin ?? [], user: stored?.user ?? [] };
}

/** Whether the seed created this account. */
export async function seedOwns(strapi: Core.Strapi, kind: AccountKind, id: number): Promise<boolean> {
  return (await read(strapi))[kind].includes(id);
}

/** Records an account the seed has just created. */
export async function recordSeedAccount(strapi: Core.Strapi, kind: AccountKind, id: number): Promise<void> {
  const ledger = await read(strapi);
  if (ledger[kind].includes(id)) return;
  await store(strapi).set({ key: KEY, value: { ...ledger, [kind]: [...ledger[kind], id] } });
}

export function warnForeignAccount(strapi: Core.Strapi, kind: AccountKind, login: string): void {
  const side = kind === 'admin' ? 'admin account' : 'content API account';
  strapi.log.warn(`[seed] skipped the demo login "${login}": an ${side} with this email or username exists that the seed did not create`);
}
