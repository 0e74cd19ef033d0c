/**
 * Splits each ping of a `multiprocess.ts` run into the stretches it spends in
 * each process and between them, from the stage times the children note with
 * HUB_BENCH_TRACE=<dir> (see `multiprocess-child.ts`):
 *
 *   t → pub-write          the publisher's publish() up to its socket write
 *   pub-write → srv-in     the kernel, the server waking up, the server's WebSocket read
 *   srv-in → srv-write     the server's routing up to the delivery write
 *   srv-write → sub-in     the kernel, the subscriber waking up, its WebSocket read
 *   sub-in → sub-callback  the subscriber's client code up to the subscription callback
 *   pub-write → pub-idle   (beside the chain) the publisher's own work after the write
 *
 * Medians and p90 in µs, for the first ping of each block (the peer's
 * processes were idle while the other peers ran their blocks), the second,
 * and the steady pings (the 11th on). Warm-up blocks are included.
 *
 * Run: HUB_BENCH_TRACE=<dir> node --import=tsx bench/hub/multiprocess.ts; node --import=tsx bench/hub/trace.ts <dir>
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, percentile } from '../stats.js';

type Stage = 't' | 'pub-write' | 'srv-in' | 'srv-write' | 'sub-in' | 'sub-callback' | 'pub-idle';
type Times = Partial<Record<Stage, number>>;

const CHAIN: Stage[] = ['t', 'pub-write', 'srv-in', 'srv-write', 'sub-in', 'sub-callback'];
/** A gap this long between two pings of a peer starts a new block (pings of a block follow each other at once). */
const BLOCK_GAP_NS = 20e6;

const dir = process.argv[2];
if (!dir) throw new Error('usage: trace.ts <dir written by HUB_BENCH_TRACE>');

/** Stage times by ping (its send time `t`, unique per peer), from the given trace files. */
function load(files: string[], into = new Map<number, Times>()): Map<number, Times> {
  for (const file of files) {
    for (const [t, stage, at] of JSON.parse(readFileSync(join(dir!, file), 'utf8')) as Array<[number, Stage, number]>) {
      const times = into.get(t) ?? { t };
      times[stage] ??= at; // the first time a stage saw the ping
      into.set(t, times);
    }
  }
  return into;
}

const server = load(['trace-server.json']);
const peers = readdirSync(dir)
  .filter((file) => file.startsWith('trace-bench-') && file.endsWith('-pub.json'))
  .map((file) => file.slice('trace-'.length, -'-pub.json'.length));

const stat = (values: number[]): string => {
  const sorted = values.sort((a, b) => a - b);
  return sorted.length === 0 ? '-' : `${fmt(percentile(sorted, 50), 1)} / ${fmt(percentile(sorted, 90), 1)}`;
};
const header = [...CHAIN.slice(1).map((stage, i) => `${CHAIN[i]} → ${stage}`), 'total', 'pub-write → pub-idle'];
console.log(`Stretches of each ping, µs, median / p90 (from ${dir})\n`);
console.log(`| peer | pings | n | ${header.join(' | ')} |`);
console.log(`| --- | --- | ---: |${' ---: |'.repeat(header.length)}`);
for (const peer of peers) {
  const pings = load([`trace-${peer}-pub.json`, `trace-${peer}-sub.json`]);
  const groups: Record<'first' | 'second' | 'steady', Times[]> = { first: [], second: [], steady: [] };
  let previous = -Infinity;
  let index = 0;
  for (const t of [...pings.keys()].sort((a, b) => a - b)) {
    index = t - previous > BLOCK_GAP_NS ? 0 : index + 1;
    previous = t;
    const times = { ...pings.get(t)!, ...server.get(t) };
    if (!CHAIN.every((stage) => times[stage] !== undefined)) continue;
    if (index === 0) groups.first.push(times);
    else if (index === 1) groups.second.push(times);
    else if (index >= 10) groups.steady.push(times);
  }
  for (const [name, list] of Object.entries(groups)) {
    const span = (from: Stage, to: Stage): number[] => list.filter((x) => x[to] !== undefined).map((x) => (x[to]! - x[from]!) / 1000);
    const cells = [...CHAIN.slice(1).map((stage, i) => stat(span(CHAIN[i]!, stage))), stat(span('t', 'sub-callback')), stat(span('pub-write', 'pub-idle'))];
    console.log(`| ${peer.slice('bench-'.length)} | ${name} | ${list.length} | ${cells.join(' | ')} |`);
  }
}
