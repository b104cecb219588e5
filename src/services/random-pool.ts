/**
 * Cryptographically random bytes served from a pooled buffer. One `randomBytes` call per IV or
 * documentId costs ~10 µs of fixed overhead; bulk admission needs tens of thousands of them.
 * Each call gets fresh bytes no other call has seen (the pool is refilled, never reused).
 */
import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 64 * 1024;
let pool = Buffer.alloc(0);
let offset = 0;

export function randomBytesFromPool(size: number): Buffer {
  if (size > POOL_SIZE) return randomFillSync(Buffer.alloc(size));
  if (offset + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_SIZE));
    offset = 0;
  }
  // A copy, so that a caller keeping the bytes never shares memory with later callers.
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return bytes;
}
