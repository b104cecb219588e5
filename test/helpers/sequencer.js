// @ts-check
/**
 * The order of a run's files: the slowest first, so that no long file starts last and leaves one
 * worker running alone at the end. Jest orders by the durations of an earlier run on this machine,
 * and by file size without one (a fresh clone, as in CI), which puts the browser tests and the
 * slow matrices anywhere. The files known to take the longest come first, then Jest's own order.
 */
'use strict';

const Sequencer = require('@jest/test-sequencer').default;

/** Slowest first, as measured in CI runs (minutes each on two cores). */
const SLOW_FIRST = [
  /test\/browser\//,
  /permission-matrix\.test/,
  /config-sync\.test/,
  /input-fuzz\.test/,
  /openapi\.test/,
  /scope-sql\.test/,
];

const rank = (path) => {
  const index = SLOW_FIRST.findIndex((pattern) => pattern.test(path.replace(/\\/g, '/')));
  return index === -1 ? SLOW_FIRST.length : index;
};

class SlowFirstSequencer extends Sequencer {
  /** @param {import('@jest/test-result').Test[]} tests */
  sort(tests) {
    const order = new Map(super.sort(tests).map((test, position) => [test, position]));
    return [...tests].sort((a, b) => rank(a.path) - rank(b.path) || (order.get(a) ?? 0) - (order.get(b) ?? 0));
  }
}

module.exports = SlowFirstSequencer;
