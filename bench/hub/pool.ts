/**
 * Pools the latency samples of several `multiprocess.ts` runs
 * (HUB_BENCH_DUMP=<file> each) and prints, for two peers, the p50 and p99
 * ratio of every run and of all runs together. Single runs are not enough:
 * the ratio of the same two peers moves from run to run by more than a
 * run's own interval (see multiprocess.ts).
 *
 * Pooled ratios resample blocks of all runs together, so their interval
 * still leaves out how runs differ; the spread of the per-run ratios shows that.
 * When a dump has its `<file>.warmup.json`, the warm-up blocks are pooled too,
 * in two parts as `multiprocess.ts` prints them: the first
 * EARLY_WARMUP_BLOCKS (while V8 compiles most of the ping pattern's code) and
 * the rest (the last first compiles of the slower-heating functions).
 *
 * `--skip N` leaves out the first N pings of every block (the first ping
 * after the peer idled is the slowest; it is 1 in 200 pings, so it sits in
 * the p99 tail).
 *
 * Run: node --import=tsx bench/hub/pool.ts [--a ours] [--b @ftrack/api] [--skip N] dump1.json dump2.json …
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatRatio, percentileRatio } from '../stats.js';
import { EARLY_WARMUP_BLOCKS } from './warmup.js';

interface Blocks {
  oneWay: number[][];
  halfRtt: number[][];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { a: { type: 'string', default: 'ours' }, b: { type: 'string', default: '@ftrack/api' }, skip: { type: 'string', default: '0' } },
});
const [a, b] = [values.a!, values.b!];
const skip = Number(values.skip);
if (!Number.isInteger(skip) || skip < 0) throw new Error(`--skip takes a whole number of pings, not ${values.skip}`);
if (positionals.length === 0) throw new Error('usage: pool.ts [--a peer] [--b peer] dump.json …');

const DRAWS = 2_000;
const ratio = (x: number[][], y: number[][], p: number): string => formatRatio(percentileRatio(x, y, p, DRAWS));

/** The blocks `from` to `to` (all by default), without their first `skip` pings. */
const trim = (blocks: Blocks, from = 0, to?: number): Blocks => ({
  oneWay: blocks.oneWay.slice(from, to).map((block) => block.slice(skip)),
  halfRtt: blocks.halfRtt.slice(from, to).map((block) => block.slice(skip)),
});

type Dump = Record<string, Blocks>;
/** Each dump file, read once (the warm-up dumps are reported in two parts). */
const load = (files: string[]): Array<[string, Dump]> => files.map((file) => [file, JSON.parse(readFileSync(file, 'utf8')) as Dump]);

function report(label: string, dumps: Array<[string, Dump]>, from?: number, to?: number): void {
  const pooledA: Blocks = { oneWay: [], halfRtt: [] };
  const pooledB: Blocks = { oneWay: [], halfRtt: [] };
  console.log(`${label}: ${a} / ${b}`);
  let runs = 0;
  for (const [file, dump] of dumps) {
    const [x, y] = [dump[a], dump[b]].map((blocks) => blocks && trim(blocks, from, to));
    if (!x || !y) throw new Error(`${file} has no peer ${x ? b : a} (it has: ${Object.keys(dump).join(', ')})`);
    if (x.oneWay.length === 0 || y.oneWay.length === 0) continue; // a run with fewer warm-up blocks
    runs += 1;
    pooledA.oneWay.push(...x.oneWay);
    pooledA.halfRtt.push(...x.halfRtt);
    pooledB.oneWay.push(...y.oneWay);
    pooledB.halfRtt.push(...y.halfRtt);
    console.log(`  ${file}: one-way p50 ${ratio(x.oneWay, y.oneWay, 50)}, p99 ${ratio(x.oneWay, y.oneWay, 99)}; ½ RTT p99 ${ratio(x.halfRtt, y.halfRtt, 99)}`);
  }
  console.log(
    `  all ${runs} runs pooled: one-way p50 ${ratio(pooledA.oneWay, pooledB.oneWay, 50)}, p99 ${ratio(pooledA.oneWay, pooledB.oneWay, 99)}; ` +
      `½ RTT p50 ${ratio(pooledA.halfRtt, pooledB.halfRtt, 50)}, p99 ${ratio(pooledA.halfRtt, pooledB.halfRtt, 99)}`,
  );
}

const without = skip ? ` without the first ${skip} ping(s) of each` : '';
report(`measured blocks${without}`, load(positionals));
const warmups = load(positionals.map((file) => `${file}.warmup.json`).filter((file) => existsSync(file)));
if (warmups.length > 0) {
  report(`warm-up blocks 1–${EARLY_WARMUP_BLOCKS}${without}`, warmups, 0, EARLY_WARMUP_BLOCKS);
  const longer = warmups.some(([, dump]) => (dump[a]?.oneWay.length ?? 0) > EARLY_WARMUP_BLOCKS);
  if (longer) report(`warm-up blocks from ${EARLY_WARMUP_BLOCKS + 1}${without}`, warmups, EARLY_WARMUP_BLOCKS);
}
