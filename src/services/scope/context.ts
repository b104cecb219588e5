/**
 * Work the system does on its own behalf inside a user's request (resolving the user's own scope,
 * numbering, writing the audit log) runs unscoped; everything else in a request is scoped.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const unscoped = new AsyncLocalStorage<true>();

export function withoutScope<T>(work: () => T): T {
  return unscoped.run(true, work);
}

export function isUnscoped(): boolean {
  return unscoped.getStore() === true;
}
