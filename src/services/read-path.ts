/**
 * Two round trips the read path does not need (issue 13):
 *
 * - The Document Service opens a transaction around every call, reads included: a list request
 *   (page and count) cost two pooled connections and four extra statements (BEGIN, COMMIT twice).
 *   PostgreSQL runs each statement of a read-committed transaction on its own snapshot, so a read
 *   outside a transaction sees exactly what it saw inside one. A read made inside a business
 *   transaction still joins it (it must see that transaction's writes and hold no second
 *   connection); writes keep their transaction.
 * - The content API tries the API-token strategy before users-permissions, which hashed every JWT
 *   and looked the hash up in `strapi_api_tokens`. Strapi makes every access key as hex
 *   (`randomBytes(128).toString('hex')`): a bearer token with any other character is no API token.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';

const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

/** True only between the read middleware and the Document Service's own `transaction` call. */
const readCall = new AsyncLocalStorage<boolean>();

/** What the Document Service's wrapper is given in place of a transaction (it reads none of it). */
const NO_TRANSACTION = Object.freeze({
  trx: undefined,
  commit: async () => undefined,
  rollback: async () => undefined,
  onCommit: (callback: () => unknown) => void callback(),
  onRollback: () => undefined,
});

type Transaction = Core.Strapi['db']['transaction'];
type PatchedDatabase = Core.Strapi['db'] & { __readsWithoutTransaction?: true };
type DocumentContext = { action: string };

/**
 * Call last in bootstrap: the read middleware must be the innermost, so that the next
 * `transaction` call is the Document Service's own.
 */
export function readsWithoutTransaction(strapi: Core.Strapi): void {
  const db = strapi.db as PatchedDatabase;
  if (db.__readsWithoutTransaction) return;
  const transaction = db.transaction.bind(db) as (cb?: unknown) => unknown;
  db.transaction = ((cb?: (params: unknown) => unknown) => {
    if (cb && readCall.getStore() === true && !db.inTransaction()) {
      // Whatever the read calls from here on (lifecycles, nested calls) runs as usual.
      return readCall.run(false, () => Promise.resolve().then(() => cb(NO_TRANSACTION)));
    }
    return transaction(cb);
  }) as Transaction;
  db.__readsWithoutTransaction = true;
  strapi.documents.use(((context: DocumentContext, next: () => Promise<unknown>) =>
    READS.has(context.action) && !db.inTransaction() ? readCall.run(true, next) : next()) as never);
}

const NOT_AN_ACCESS_KEY = 'not-an-api-token';
const ACCESS_KEY = /^[0-9a-f]+$/i;

interface TokenService {
  hash(key: string): string;
  getByAccessKey(hash: string, options?: unknown): Promise<unknown>;
  __hexKeysOnly?: true;
}

/** The content-API token strategy looks up only what could be an access key. */
export function apiTokensOnlyForAccessKeys(strapi: Core.Strapi): void {
  const service = strapi.service('admin::api-token-content-api') as unknown as TokenService;
  if (service.__hexKeysOnly) return;
  const hash = service.hash.bind(service);
  const getByAccessKey = service.getByAccessKey.bind(service);
  service.hash = (key) => (typeof key === 'string' && ACCESS_KEY.test(key) ? hash(key) : NOT_AN_ACCESS_KEY);
  service.getByAccessKey = async (keyHash, options) => (keyHash === NOT_AN_ACCESS_KEY ? null : getByAccessKey(keyHash, options));
  service.__hexKeysOnly = true;
}

/** Start-up check: both are in place (they patch Strapi objects). */
export function assertReadPath(strapi: Core.Strapi): void {
  if (!(strapi.db as PatchedDatabase).__readsWithoutTransaction) throw new Error('document reads are not set to run without a transaction');
  if (!(strapi.service('admin::api-token-content-api') as unknown as TokenService).__hexKeysOnly) throw new Error('the API token lookup is not limited to access keys');
}
