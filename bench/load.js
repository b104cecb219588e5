// @ts-check
/** A closed-loop load generator: N workers, each sending its next request when the last ends. */
'use strict';

/**
 * @param {{ workers: number, seconds: number, task: () => Promise<void> }} options
 * @returns {Promise<{ count: number, perSecond: number, p50: number, p99: number, errors: number }>}
 */
async function runLoad({ workers, seconds, task }) {
  /** @type {number[]} */
  const latencies = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      try {
        await task();
        latencies.push(performance.now() - t);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (/** @type {number} */ q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { count: latencies.length, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors };
}

module.exports = { runLoad };
