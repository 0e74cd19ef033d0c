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
 * Latency: LATENCY pings, one at a time. The subscriber answers each ping with a
 * pong through the same hub (same client code), so for every ping we get the
 * one-way time publish → subscriber callback (both ends read
 * `process.hrtime.bigint()`, i.e. the machine-wide monotonic clock) and half
 * the round trip publish → pong callback. Rounds are interleaved; medians and
 * best rounds are printed.
 *
 * Run: node --import=tsx bench/hub/multiprocess.ts
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PeerKind } from './multiprocess-child.js';

const BURST = 20_000;
const BATCH = 100;
const LATENCY = 2_000;
const WARMUP = 300;
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const CHILD = fileURLToPath(new URL('./multiprocess-child.ts', import.meta.url));

interface Cpu {
  user: number;
  system: number;
}

class Child {
  readonly process: ChildProcess;
  readonly #waiting: Array<{ key: string; resolve: (message: Record<string, unknown>) => void }> = [];
  constructor(args: string[]) {
    this.process = fork(CHILD, args, { execArgv: ['--import=tsx', ...(process.env.HUB_BENCH_PROF ? ['--cpu-prof', '--cpu-prof-interval=25', `--cpu-prof-dir=${process.env.HUB_BENCH_PROF}`] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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
  oneWayP50: number;
  oneWayP99: number;
  halfRttP50: number;
  halfRttP99: number;
}

const cpuUs = (cpu: Cpu): number => cpu.user + cpu.system;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

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

async function latency(peer: Peer, count: number): Promise<{ oneWay: number[]; halfRtt: number[] }> {
  const result = peer.pub.next<{ oneWay: number[]; halfRtt: number[] }>('oneWay');
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
  for (const [name, pubKind, subKind] of kinds) {
    const prefix = `bench.${name.replace(/[^a-z]/g, '')}`;
    const sub = new Child(['peer', subKind, 'sub', prefix]);
    const subReady = sub.next('ready');
    sub.send(config);
    await subReady;
    const pub = new Child(['peer', pubKind, 'pub', prefix]);
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
  for (let round = 0; round < ROUNDS; round++) {
    for (const peer of peers) {
      const b = await burst(server, peer, BURST);
      const l = await latency(peer, LATENCY);
      rounds.get(peer.name)!.push({
        ...b,
        oneWayP50: percentile(l.oneWay, 50),
        oneWayP99: percentile(l.oneWay, 99),
        halfRttP50: percentile(l.halfRtt, 50),
        halfRttP99: percentile(l.halfRtt, 99),
      });
    }
  }
  for (const peer of peers) {
    peer.pub.send({ cmd: 'exit' });
    peer.sub.send({ cmd: 'exit' });
  }
  server.send({ cmd: 'exit' });

  const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const pick = (name: string, key: keyof Round, how: 'median' | 'best'): number => {
    const values = rounds.get(name)!.map((r) => r[key]);
    if (how === 'median') return median(values);
    return key === 'eventsPerSecond' ? Math.max(...values) : Math.min(...values);
  };
  console.log(`Hub pairs, one process per party (burst ${BURST} events, latency ${LATENCY} sequential pings, ${ROUNDS} interleaved rounds)`);
  for (const how of ['median', 'best'] as const) {
    console.log('');
    console.log(`${how} of rounds:`);
    console.log('| peer | events/s | CPU µs/event (pub + sub + server) | pub / sub / server µs | one-way p50 ms | one-way p99 ms | ½ RTT p50 ms | ½ RTT p99 ms |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const peer of peers) {
      const n = peer.name;
      if (!rounds.has(n)) continue;
      console.log(
        `| ${n} | ${fmt(pick(n, 'eventsPerSecond', how))} | ${fmt(pick(n, 'cpuUs', how), 1)} | ${fmt(pick(n, 'pubUs', how), 1)} / ${fmt(pick(n, 'subUs', how), 1)} / ${fmt(pick(n, 'serverUs', how), 1)} | ${fmt(pick(n, 'oneWayP50', how), 3)} | ${fmt(pick(n, 'oneWayP99', how), 3)} | ${fmt(pick(n, 'halfRttP50', how), 3)} | ${fmt(pick(n, 'halfRttP99', how), 3)} |`,
      );
    }
    const ratio = (key: keyof Round, a: string, b: string): string => fmt(pick(a, key, how) / pick(b, key, how), 2);
    console.log(
      `(a)/(b): throughput ${ratio('eventsPerSecond', 'ours', '@ftrack/api')}x, CPU ${ratio('cpuUs', 'ours', '@ftrack/api')}x, one-way p50 ${ratio('oneWayP50', 'ours', '@ftrack/api')}x, one-way p99 ${ratio('oneWayP99', 'ours', '@ftrack/api')}x, ½RTT p50 ${ratio('halfRttP50', 'ours', '@ftrack/api')}x, ½RTT p99 ${ratio('halfRttP99', 'ours', '@ftrack/api')}x`,
    );
    console.log(`(a)/(c) throughput: ${fmt((100 * pick('ours', 'eventsPerSecond', how)) / pick('raw ws', 'eventsPerSecond', how), 1)} %`);
  }
  console.log('');
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s, node ${process.version}`);
}

await main();
