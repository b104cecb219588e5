#!/usr/bin/env node
// @ts-check
/**
 * Self time of a V8 CPU profile (`BENCH_PROFILE=dir npm run bench` writes them) by package and by
 * function, and inclusive time by function: `node bench/profile-summary.js <file.cpuprofile> [top=25]`.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/**
 * @typedef {{ id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }} ProfileNode
 * @typedef {{ nodes: ProfileNode[], samples: number[], timeDeltas: number[], startTime: number, endTime: number }} Profile
 */

/** Where a frame's code lives: an npm package, a project folder, Node itself or V8. */
function packageOf(/** @type {string} */ url, /** @type {string} */ name) {
  if (!url) return name.startsWith('(') ? name : '(native)';
  if (url.startsWith('node:')) return 'node:internal';
  const file = url.replace(/^file:\/\//, '');
  const inModules = file.lastIndexOf('node_modules/');
  if (inModules >= 0) {
    const parts = file.slice(inModules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (file.startsWith(ROOT)) return `project:${path.relative(ROOT, file).split('/').slice(0, 3).join('/')}`;
  return file;
}

function main() {
  const [file, topArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: node bench/profile-summary.js <file.cpuprofile> [top]');
  const top = Number(topArg || 25);
  const profile = /** @type {Profile} */ (JSON.parse(fs.readFileSync(file, 'utf8')));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  /** @type {Map<number, number>} */
  const selfMicros = new Map();
  profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);
  /** @type {Map<string, number>} */
  const byPackage = new Map();
  /** @type {Map<string, number>} */
  const byFunction = new Map();
  for (const [id, micros] of selfMicros) {
    const { functionName, url, lineNumber } = /** @type {ProfileNode} */ (byId.get(id)).callFrame;
    const pkg = packageOf(url, functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
    const where = url ? `${path.basename(url)}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where} [${pkg}]`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  }
  const print = (/** @type {string} */ title, /** @type {Map<string, number>} */ map) => {
    console.log(`\n${title}`);
    for (const [key, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`  ${((100 * micros) / total).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${key}`);
    }
  };
  // Inclusive time: each sample counts once for every distinct function on its stack.
  /** @type {Map<number, number>} */
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  /** @type {Map<string, number>} */
  const inclusive = new Map();
  for (const [id, micros] of selfMicros) {
    const seen = new Set();
    for (let at = /** @type {number | undefined} */ (id); at !== undefined; at = parentOf.get(at)) {
      const { functionName, url, lineNumber } = /** @type {ProfileNode} */ (byId.get(at)).callFrame;
      if (!functionName) continue;
      const key = `${functionName} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''} [${packageOf(url, functionName)}]`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + micros);
    }
  }
  console.log(`${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled`);
  print('self time by package', byPackage);
  print('self time by function', byFunction);
  // BENCH_MATCH=regexp narrows the inclusive list to matching functions (e.g. "authenticate|actor|ability").
  const match = process.env.BENCH_MATCH ? new RegExp(process.env.BENCH_MATCH) : null;
  print('inclusive time by function (with what it calls)', new Map([...inclusive].filter(([key]) => !match || match.test(key))));
}

main();
