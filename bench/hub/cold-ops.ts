/**
 * What single operations cost right after the process idled (250 ms between
 * them), as the first publish after a quiet spell meets them: every one runs
 * cold. Each is timed alone between two clock reads (the "two clock reads"
 * row is that frame on its own). Median of 30, µs. See RESULTS.md, session 7.
 *
 * Run: node --import=tsx bench/hub/cold-ops.ts
 */
import { fmt, median } from '../stats.js';

const now = (): bigint => process.hrtime.bigint();
const idle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 250));
const noop = (): void => {};
/** Made once and run out before the rounds start; refreshed once per round. */
let fired: NodeJS.Timeout | undefined;

const operations: Record<string, () => unknown> = {
  'two clock reads': noop,
  'setTimeout(fn, 20)': () => setTimeout(noop, 20),
  'timeout.refresh() (ran before)': () => fired?.refresh(),
  setImmediate: () => setImmediate(noop),
  queueMicrotask: () => queueMicrotask(noop),
  'Date.now()': () => Date.now(),
  'performance.now()': () => performance.now(),
  'small JSON.stringify': () => JSON.stringify({ a: 1, b: 'x', c: [1, 2] }),
};

fired = setTimeout(noop, 20);
const samples = new Map<string, number[]>(Object.keys(operations).map((name) => [name, []]));
for (let round = 0; round < 30; round++) {
  for (const [name, operation] of Object.entries(operations)) {
    await idle();
    const start = now();
    operation();
    samples.get(name)!.push(Number(now() - start) / 1000);
  }
}
console.log('| operation, right after 250 ms idle | median µs |\n| --- | ---: |');
for (const [name, values] of samples) console.log(`| ${name} | ${fmt(median(values), 1)} |`);
