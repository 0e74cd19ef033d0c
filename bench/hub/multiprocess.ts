/**
 * EventHub benchmark with every party in its own process (the realistic
 * topology: a hub server and its clients do not share an event loop):
 *
 *   one process:  the hub server (stand-in HubServer) and a bare ws relay;
 *   per peer:     a publisher process and a subscriber process.
 *
 *   (a) ours          our EventHub (acked publishes, full expressions on both sides);
 *   (b) @ftrack/api   the official EventHub (no acks, topic-only), same server;
 *   (c) raw ws        two ws clients through the bare relay: the ceiling.
 *
 * Throughput: the publisher sends BURST events (BATCH per macrotask); events/s
 * from its first publish to the subscriber's last delivery. CPU µs/event:
 * publisher + subscriber + server process during the burst.
 * Latency: sequential pings, one at a time, in blocks of LATENCY_BLOCK the peers
 * take in turn (LATENCY_BLOCKS each; the order goes through every permutation
 * from block to block, and so do burst rounds: see blockOrder in
 * bench/stats.ts), after LATENCY_WARMUP_BLOCKS rounds of the same blocks whose
 * figures are printed apart, in two parts (the first EARLY_WARMUP_BLOCKS, then
 * the rest): the pings of the warm-up run while V8 still compiles the ping
 * pattern's code, and that transient is not the steady state (see warmup.ts).
 * The subscriber answers each ping with a pong through the same hub (same
 * client code), so for every ping we get the one-way time publish →
 * subscriber callback (both ends read
 * `process.hrtime.bigint()`, i.e. the machine-wide monotonic clock) and half
 * the round trip publish → pong callback. Burst rounds are interleaved (medians
 * and best rounds printed); latency percentiles pool every block, and the
 * ratios (a)/(b) carry a 95 % block-bootstrap interval (see bench/stats.ts).
 * The interval covers the variation between blocks of one run, not between
 * runs, and the processes live for the whole run: over twelve runs the
 * one-way p99 ratio of the same two peers went from 0.95x to 1.48x, well
 * outside most single-run intervals. Compare several runs: HUB_BENCH_DUMP
 * each, then bench/hub/pool.ts.
 * A last table splits the latencies (one-way, the pong leg alone, ½ RTT) into
 * the first 10 pings of each block (the peer's processes were idle while the
 * other peers ran their blocks; the first ping of a block is the slowest) and
 * the rest.
 *
 * Env: ROUNDS (burst rounds, default 5), LATENCY_BLOCKS (default 50),
 * LATENCY_BLOCK (pings per block, default 200), LATENCY_WARMUP_BLOCKS (blocks
 * of warm-up before them, measured and printed apart, default 60);
 * HUB_BENCH_LATENCY_FIRST=1 runs the latency blocks before the burst rounds;
 * HUB_BENCH_MIX=1 adds mixed pairs (our publisher with their subscriber and
 * back); HUB_BENCH_OPTIONS='{"ackWindowMs":0}' passes EventHub options to our
 * clients; HUB_BENCH_VARIANT='{…}' adds a second pair of ours with those
 * options, for an A/B in one run; HUB_BENCH_VARIANT_SRC=<checkout> gives that
 * pair (alone or with HUB_BENCH_VARIANT's options) the EventHub of another
 * checkout's src/, e.g. a `git worktree` of another commit, to A/B a code
 * change in one run; HUB_BENCH_VARIANT_ENV='{"NAME":"value"}' sets
 * environment variables of that pair's processes only (it too adds the pair);
 * HUB_BENCH_TOPIC_ONLY=1 gives our
 * subscribers topic-only expressions like theirs; HUB_BENCH_DIST=1 runs our
 * hub from the build in dist/ instead of the TypeScript source;
 * HUB_BENCH_FLAGS='--trace-gc' adds Node flags to every child (each child then
 * prints its pid and role); HUB_BENCH_PROF=<dir> writes CPU profiles;
 * HUB_BENCH_GC=1 makes the children print (stderr) their CPU time (user,
 * system, main thread and helper threads), page faults, context switches and GC
 * pauses during the latency blocks (HUB_BENCH_GC=<dir>: also their times, as JSON files there);
 * HUB_BENCH_DUMP=<file> writes every latency sample and send time as JSON;
 * HUB_BENCH_PROBE=1 makes the children print (stderr) how long each
 * publisher takes from publish() to its socket write and each subscriber
 * from the WebSocket message to the callback; HUB_BENCH_TRACE=<dir> makes
 * every child note when each ping passes it, for `trace.ts` to split the
 * pings into stretches per process.
 *
 * Run: node --import=tsx bench/hub/multiprocess.ts
 */
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { basename, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PeerKind } from './multiprocess-child.js';
import { fmt, formatRatio, percentile, percentileRatio, pickRound, pooled, blockOrder } from '../stats.js';
import { DEFAULT_WARMUP_BLOCKS, EARLY_WARMUP_BLOCKS } from './warmup.js';

const BURST = 20_000;
const BATCH = 100;
/** Latency is measured in blocks of this many sequential pings, the peers taking turns block by block. */
const LATENCY_BLOCK = Number(process.env.LATENCY_BLOCK ?? 200);
const LATENCY_BLOCKS = Number(process.env.LATENCY_BLOCKS ?? 50);
/**
 * Latency blocks run first and kept apart (their figures are printed on their
 * own): V8 is still compiling the ping pattern's code then, and the p99
 * difference between the peers is widest (see warmup.ts and RESULTS.md).
 */
const LATENCY_WARMUP_BLOCKS = Number(process.env.LATENCY_WARMUP_BLOCKS ?? DEFAULT_WARMUP_BLOCKS);
const WARMUP = 300;
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const BOOTSTRAP = 2_000;
const CHILD = fileURLToPath(new URL('./multiprocess-child.ts', import.meta.url));

interface Cpu {
  user: number;
  system: number;
}

class Child {
  readonly process: ChildProcess;
  readonly #waiting: Array<{ key: string; resolve: (message: Record<string, unknown>) => void }> = [];
  constructor(args: string[], env: NodeJS.ProcessEnv = process.env) {
    this.process = fork(CHILD, args, { env, execArgv: ['--import=tsx', ...(process.env.HUB_BENCH_FLAGS ? process.env.HUB_BENCH_FLAGS.split(' ') : []), ...(process.env.HUB_BENCH_PROF ? ['--cpu-prof', '--cpu-prof-interval=25', `--cpu-prof-dir=${process.env.HUB_BENCH_PROF}`] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.process.on('message', (message: Record<string, unknown>) => {
      const index = this.#waiting.findIndex((w) => w.key in message);
      if (index >= 0) this.#waiting.splice(index, 1)[0]!.resolve(message);
    });
  }
  /** Resolves with the next message carrying `key`. */
  next<T>(key: string): Promise<T> {
    return new Promise((resolve) => this.#waiting.push({ key, resolve: resolve as (m: Record<string, unknown>) => void }));
  }
  send(message: unknown): void {
    this.process.send(message as object);
  }
}

interface Peer {
  name: string;
  pub: Child;
  sub: Child;
}

interface Round {
  eventsPerSecond: number;
  cpuUs: number;
  pubUs: number;
  subUs: number;
  serverUs: number;
}

interface LatencyBlocks {
  oneWay: number[][];
  halfRtt: number[][];
  /** Pong leg: subscriber's publish of the pong → publisher's callback. */
  back: number[][];
  /** When each ping was sent (ms, hrtime clock). */
  sentAt: number[][];
}

const cpuUs = (cpu: Cpu): number => cpu.user + cpu.system;

async function burst(server: Child, peer: Peer, count: number): Promise<{ eventsPerSecond: number; cpuUs: number; pubUs: number; subUs: number; serverUs: number }> {
  const expecting = peer.sub.next('expecting');
  peer.sub.send({ cmd: 'expect', n: count });
  await expecting;
  const serverBefore = server.next<{ cpu: Cpu }>('cpu');
  server.send({ cmd: 'cpu' });
  const before = (await serverBefore).cpu;
  const done = peer.sub.next<{ last: number; cpu: Cpu }>('last');
  const started = peer.pub.next<{ start: number; cpu: Cpu }>('start');
  peer.pub.send({ cmd: 'burst', n: count, batch: BATCH });
  const [end, start] = await Promise.all([done, started]);
  const serverAfter = server.next<{ cpu: Cpu }>('cpu');
  server.send({ cmd: 'cpu' });
  const after = (await serverAfter).cpu;
  const totalUs = cpuUs(end.cpu) + cpuUs(start.cpu) + (cpuUs(after) - cpuUs(before));
  return {
    eventsPerSecond: count / ((end.last - start.start) / 1e9),
    cpuUs: totalUs / count,
    pubUs: cpuUs(start.cpu) / count,
    subUs: cpuUs(end.cpu) / count,
    serverUs: (cpuUs(after) - cpuUs(before)) / count,
  };
}

async function latency(peer: Peer, count: number): Promise<{ oneWay: number[]; halfRtt: number[]; back: number[]; sentAt: number[] }> {
  const result = peer.pub.next<{ oneWay: number[]; halfRtt: number[]; back: number[]; sentAt: number[] }>('oneWay');
  peer.pub.send({ cmd: 'latency', n: count });
  return result;
}

async function main(): Promise<void> {
  const started = Date.now();
  const server = new Child(['server']);
  const config = await server.next<{ url: string; apiUser: string; apiKey: string; rawPort: number }>('url');
  const peers: Peer[] = [];
  const kinds: Array<[string, PeerKind, PeerKind]> = [
    ['ours', 'ours', 'ours'],
    ['@ftrack/api', 'ftrack', 'ftrack'],
    ['raw ws', 'raw', 'raw'],
  ];
  // HUB_BENCH_MIX=1: also our publisher → their subscriber and back, to see which side costs what.
  if (process.env.HUB_BENCH_MIX === '1') kinds.push(['ours pub → api sub', 'ours', 'ftrack'], ['api pub → ours sub', 'ftrack', 'ours']);
  // HUB_BENCH_VARIANT='{"ackWindowMs":0}': also a pair of ours with these EventHub options, and/or
  // HUB_BENCH_VARIANT_SRC=<checkout>: with the EventHub of another checkout's src/ (an A/B in one run).
  // HUB_BENCH_VARIANT_ENV='{"HUB_BENCH_TOPIC_ONLY":"1"}': environment of that pair's processes only.
  const variantSrc = process.env.HUB_BENCH_VARIANT_SRC;
  const variantEnv = process.env.HUB_BENCH_VARIANT_ENV;
  const variantName = `ours ${[process.env.HUB_BENCH_VARIANT, variantSrc && `@${basename(variantSrc)}`, variantEnv].filter(Boolean).join(' ')}`;
  if (process.env.HUB_BENCH_VARIANT || variantSrc || variantEnv) kinds.push([variantName, 'ours', 'ours']);
  for (const [name, pubKind, subKind] of kinds) {
    const prefix = `bench.${name.replace(/[^a-z]/g, '')}`;
    const variant = name === variantName;
    const options = variant ? (process.env.HUB_BENCH_VARIANT ?? '{}') : (process.env.HUB_BENCH_OPTIONS ?? '{}');
    const env = !variant
      ? process.env
      : {
          ...process.env,
          ...(variantSrc ? { HUB_BENCH_HUB_MODULE: pathToFileURL(resolvePath(variantSrc, 'src/event/hub.ts')).href } : {}),
          ...(variantEnv ? (JSON.parse(variantEnv) as Record<string, string>) : {}),
        };
    const sub = new Child(['peer', subKind, 'sub', prefix, options], env);
    const subReady = sub.next('ready');
    sub.send(config);
    await subReady;
    const pub = new Child(['peer', pubKind, 'pub', prefix, options], env);
    const pubReady = pub.next('ready');
    pub.send(config);
    await pubReady;
    peers.push({ name, pub, sub });
  }
  // Let the subscriptions reach the server (the JS client announces them asynchronously).
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const peer of peers) {
    await burst(server, peer, WARMUP);
    await latency(peer, WARMUP);
  }
  const rounds = new Map<string, Round[]>(peers.map((peer) => [peer.name, []]));
  const runBursts = async (): Promise<void> => {
    for (let round = 0; round < ROUNDS; round++) {
      for (const peer of blockOrder(peers, round)) rounds.get(peer.name)!.push(await burst(server, peer, BURST));
    }
  };
  const emptyBlocks = (): Map<string, LatencyBlocks> => new Map(peers.map((peer) => [peer.name, { oneWay: [], halfRtt: [], back: [], sentAt: [] }]));
  const warmup = emptyBlocks();
  const blocks = emptyBlocks();
  const runLatency = async (): Promise<void> => {
    for (let block = 0; block < LATENCY_WARMUP_BLOCKS + LATENCY_BLOCKS; block++) {
      // The GC and CPU figures of HUB_BENCH_GC cover the measured blocks.
      if (block === LATENCY_WARMUP_BLOCKS) for (const child of [server, ...peers.flatMap((peer) => [peer.pub, peer.sub])]) child.send({ cmd: 'gc-reset' });
      for (const peer of blockOrder(peers, block)) {
        const l = await latency(peer, LATENCY_BLOCK);
        const into = (block < LATENCY_WARMUP_BLOCKS ? warmup : blocks).get(peer.name)!;
        into.oneWay.push(l.oneWay);
        into.halfRtt.push(l.halfRtt);
        into.back.push(l.back);
        into.sentAt.push(l.sentAt);
      }
    }
  };
  // HUB_BENCH_LATENCY_FIRST=1: the latency blocks before the burst rounds instead of after them.
  if (process.env.HUB_BENCH_LATENCY_FIRST === '1') {
    await runLatency();
    await runBursts();
  } else {
    await runBursts();
    await runLatency();
  }
  for (const peer of peers) {
    peer.pub.send({ cmd: 'exit' });
    peer.sub.send({ cmd: 'exit' });
  }
  server.send({ cmd: 'exit' });

  // HUB_BENCH_DUMP=<file>: every latency sample, per peer and block, as JSON (for analysis elsewhere).
  // The warm-up blocks go to <file>.warmup.json.
  if (process.env.HUB_BENCH_DUMP) {
    writeFileSync(process.env.HUB_BENCH_DUMP, JSON.stringify(Object.fromEntries(blocks)));
    writeFileSync(`${process.env.HUB_BENCH_DUMP}.warmup.json`, JSON.stringify(Object.fromEntries(warmup)));
  }
  const pick = (name: string, key: keyof Round, how: 'median' | 'best'): number => pickRound(rounds.get(name)!, key, how);
  const samples = LATENCY_BLOCK * LATENCY_BLOCKS;
  console.log(
    `Hub pairs, one process per party (burst ${BURST} events in ${ROUNDS} interleaved rounds; latency ${samples} sequential pings per peer in ${LATENCY_BLOCKS} interleaved blocks of ${LATENCY_BLOCK}, after ${LATENCY_WARMUP_BLOCKS} such blocks of warm-up)`,
  );
  for (const how of ['median', 'best'] as const) {
    console.log('');
    console.log(`throughput, ${how} of rounds:`);
    console.log('| peer | events/s | CPU µs/event (pub + sub + server) | pub / sub / server µs |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const peer of peers) {
      const n = peer.name;
      console.log(`| ${n} | ${fmt(pick(n, 'eventsPerSecond', how))} | ${fmt(pick(n, 'cpuUs', how), 1)} | ${fmt(pick(n, 'pubUs', how), 1)} / ${fmt(pick(n, 'subUs', how), 1)} / ${fmt(pick(n, 'serverUs', how), 1)} |`);
    }
    const ratio = (key: keyof Round): string => fmt(pick('ours', key, how) / pick('@ftrack/api', key, how), 2);
    console.log(`(a)/(b): throughput ${ratio('eventsPerSecond')}x, CPU ${ratio('cpuUs')}x, publisher CPU ${ratio('pubUs')}x, subscriber CPU ${ratio('subUs')}x`);
    console.log(`(a)/(c) throughput: ${fmt((100 * pick('ours', 'eventsPerSecond', how)) / pick('raw ws', 'eventsPerSecond', how), 1)} %`);
  }
  console.log('');
  console.log(`latency, all ${samples} pings of each peer pooled (ms):`);
  console.log('| peer | one-way p50 | one-way p99 | one-way p99.9 | ½ RTT p50 | ½ RTT p99 |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const peer of peers) {
    const { oneWay, halfRtt } = blocks.get(peer.name)!;
    const o = pooled(oneWay);
    const h = pooled(halfRtt);
    console.log(`| ${peer.name} | ${fmt(percentile(o, 50), 3)} | ${fmt(percentile(o, 99), 3)} | ${fmt(percentile(o, 99.9), 3)} | ${fmt(percentile(h, 50), 3)} | ${fmt(percentile(h, 99), 3)} |`);
  }
  const ours = blocks.get('ours')!;
  const theirs = blocks.get('@ftrack/api')!;
  console.log(
    `(a)/(b) with 95 % block-bootstrap intervals: one-way p50 ${formatRatio(percentileRatio(ours.oneWay, theirs.oneWay, 50, BOOTSTRAP))}, ` +
      `one-way p99 ${formatRatio(percentileRatio(ours.oneWay, theirs.oneWay, 99, BOOTSTRAP))}, ` +
      `½ RTT p50 ${formatRatio(percentileRatio(ours.halfRtt, theirs.halfRtt, 50, BOOTSTRAP))}, ` +
      `½ RTT p99 ${formatRatio(percentileRatio(ours.halfRtt, theirs.halfRtt, 99, BOOTSTRAP))}`,
  );
  if (LATENCY_WARMUP_BLOCKS > 0) {
    const parts: Array<[number, number]> = [[0, Math.min(EARLY_WARMUP_BLOCKS, LATENCY_WARMUP_BLOCKS)]];
    if (LATENCY_WARMUP_BLOCKS > EARLY_WARMUP_BLOCKS) parts.push([EARLY_WARMUP_BLOCKS, LATENCY_WARMUP_BLOCKS]);
    for (const [from, to] of parts) {
      const part = (peer: string): Pick<LatencyBlocks, 'oneWay' | 'halfRtt'> => {
        const { oneWay, halfRtt } = warmup.get(peer)!;
        return { oneWay: oneWay.slice(from, to), halfRtt: halfRtt.slice(from, to) };
      };
      console.log('');
      console.log(
        `latency during warm-up blocks ${from + 1}–${to} (pings ${from * LATENCY_BLOCK + 1}–${to * LATENCY_BLOCK} of each peer's latency blocks; not in the figures above), ms:`,
      );
      console.log('| peer | one-way p50 | one-way p99 | ½ RTT p50 | ½ RTT p99 |');
      console.log('| --- | ---: | ---: | ---: | ---: |');
      for (const peer of peers) {
        const { oneWay, halfRtt } = part(peer.name);
        const o = pooled(oneWay);
        const h = pooled(halfRtt);
        console.log(`| ${peer.name} | ${fmt(percentile(o, 50), 3)} | ${fmt(percentile(o, 99), 3)} | ${fmt(percentile(h, 50), 3)} | ${fmt(percentile(h, 99), 3)} |`);
      }
      const [w, v] = [part('ours'), part('@ftrack/api')];
      console.log(
        `(a)/(b) during warm-up blocks ${from + 1}–${to}: one-way p99 ${formatRatio(percentileRatio(w.oneWay, v.oneWay, 99, BOOTSTRAP))}, ` +
          `½ RTT p99 ${formatRatio(percentileRatio(w.halfRtt, v.halfRtt, 99, BOOTSTRAP))}`,
      );
    }
  }
  console.log('');
  console.log('latency after idle (first 10 pings of each block, the peer was idle during the other blocks) and steady (the rest), ms:');
  console.log('| peer | measure | first ping p50 | after idle p50 | after idle p90 | after idle p99 | steady p50 | steady p99 |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const peer of peers) {
    const b = blocks.get(peer.name)!;
    for (const [measure, samples] of [['one-way (ping)', b.oneWay], ['pong leg', b.back], ['½ RTT', b.halfRtt]] as const) {
      const first = pooled(samples.map((block) => block.slice(0, 1)));
      const head = pooled(samples.map((block) => block.slice(0, 10)));
      const rest = pooled(samples.map((block) => block.slice(10)));
      console.log(`| ${peer.name} | ${measure} | ${fmt(percentile(first, 50), 3)} | ${fmt(percentile(head, 50), 3)} | ${fmt(percentile(head, 90), 3)} | ${fmt(percentile(head, 99), 3)} | ${fmt(percentile(rest, 50), 3)} | ${fmt(percentile(rest, 99), 3)} |`);
    }
  }
  console.log('');
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s, node ${process.version}`);
}

await main();
