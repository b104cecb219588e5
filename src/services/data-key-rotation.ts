/**
 * Changing the data key (`npm run rotate-data-key`): every cipher text is decrypted with the old
 * key and sealed again with the new one, every blind index recomputed, and the key check value
 * replaced, all in one transaction read in batches: the database holds either the old key's data
 * or the new key's, never a mix.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { DATA_KEY_CHECK } from './data-key-check';
import type { PersonalDataCipher } from './personal-data';

type Row = Record<string, unknown> & { id: number };
type Reseal = (row: Row) => Record<string, unknown>;

interface Target {
  uid: string;
  /** The attributes to read, and how a row's new values are made from them. */
  attributes: string[];
  reseal: (from: PersonalDataCipher, to: PersonalDataCipher) => Reseal;
}

const open = (cipher: PersonalDataCipher, sealed: unknown) => (typeof sealed === 'string' && sealed !== '' ? cipher.decrypt(sealed) : null);
const seal = (cipher: PersonalDataCipher, clear: string | null) => (clear === null ? null : cipher.encrypt(clear));

const TARGETS: Target[] = [
  {
    uid: 'api::student.student',
    attributes: ['nationalIdCipher', 'phoneCipher', 'homeAddressCipher'],
    reseal: (from, to) => (row) => {
      const nationalId = open(from, row.nationalIdCipher);
      const phone = open(from, row.phoneCipher);
      return {
        nationalIdCipher: seal(to, nationalId),
        nationalIdIndex: nationalId === null ? null : to.blindIndex('nationalId', nationalId),
        phoneCipher: seal(to, phone),
        phoneIndex: phone === null ? null : to.blindIndex('phone', phone),
        homeAddressCipher: seal(to, open(from, row.homeAddressCipher)),
      };
    },
  },
  {
    uid: 'api::status-change.status-change',
    attributes: ['incomingNationalIdCipher'],
    reseal: (from, to) => (row) => ({ incomingNationalIdCipher: seal(to, open(from, row.incomingNationalIdCipher)) }),
  },
];

function columnsOf(strapi: Core.Strapi, uid: string) {
  const meta = strapi.db.metadata.get(uid) as unknown as { tableName: string; attributes: Record<string, { columnName?: string }> };
  return { table: meta.tableName, column: (attribute: string) => meta.attributes[attribute]?.columnName ?? attribute };
}

async function resealTable(strapi: Core.Strapi, trx: Knex.Transaction, target: Target, reseal: Reseal, batchSize: number): Promise<number> {
  const { table, column } = columnsOf(strapi, target.uid);
  const select = ['id', ...target.attributes.map((a) => `${column(a)} as ${a}`)];
  let done = 0;
  for (let lastId = 0; ; ) {
    const rows = (await trx(table).select(select).where('id', '>', lastId).orderBy('id').limit(batchSize)) as Row[];
    if (rows.length === 0) return done;
    for (const row of rows) {
      const values = Object.fromEntries(Object.entries(reseal(row)).map(([attribute, value]) => [column(attribute), value]));
      await trx(table).where('id', row.id).update(values);
    }
    done += rows.length;
    lastId = rows[rows.length - 1].id;
  }
}

/** Re-encrypts and re-indexes every personal value from `from` to `to`; returns the rows per type. */
export async function rotateDataKey(strapi: Core.Strapi, from: PersonalDataCipher, to: PersonalDataCipher, batchSize = 500): Promise<Record<string, number>> {
  return strapi.db.transaction(async ({ trx }) => {
    const counts: Record<string, number> = {};
    for (const target of TARGETS) counts[target.uid] = await resealTable(strapi, trx, target, target.reseal(from, to), batchSize);
    await strapi.store.set({ ...DATA_KEY_CHECK, value: to.keyCheck() });
    return counts;
  });
}
