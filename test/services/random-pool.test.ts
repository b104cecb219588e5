import { randomBytesFromPool } from '../../src/services/random-pool';

test('each call gets bytes of the asked length, never the same bytes twice, across pool refills', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 10_000; i += 1) {
    const bytes = randomBytesFromPool(12);
    expect(bytes.length).toBe(12);
    seen.add(bytes.toString('hex'));
  }
  expect(seen.size).toBe(10_000);
});

test('returned bytes are a copy: a later call does not change an earlier result', () => {
  const first = randomBytesFromPool(16);
  const copy = Buffer.from(first);
  for (let i = 0; i < 10_000; i += 1) randomBytesFromPool(16);
  expect(first.equals(copy)).toBe(true);
});

test('requests larger than the pool are served too', () => {
  expect(randomBytesFromPool(100_000).length).toBe(100_000);
});
