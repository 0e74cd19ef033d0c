/**
 * EventHub client benchmark, topology (i): everything in ONE process (see
 * multiprocess.ts for one process per party). All peers measured in one run on the same hub
 * server (127.0.0.1, port 0):
 *
 *   (a) our EventHub pair (publisher hub → hub server → subscriber hub),
 *       with acked publishes and full expression matching on both sides;
 *   (b) the official @ftrack/api EventHub pair through the same server;
 *   (c) a raw `ws` pair through a bare relay (no protocol): the ceiling;
 *   (d) client-side dispatch cost (publishLocal: event, target, topic index,
 *       expression, callback) with 1, 100 and 10,000 local subscribers on
 *       OTHER topics (target: flat), against a naive peer without the index.
 *
 * Throughput: a burst of BURST events, events/s from the first publish to the
 * last delivery; burst rounds are interleaved, medians and best rounds are
 * printed, because the machine is shared. Latency: events one at a time
 * (publish, wait for the delivery), publish→callback, in blocks of
 * LATENCY_BLOCK the peers take in turn (in every order in turn, see blockOrder in
 * bench/stats.ts; burst rounds too); percentiles pool every block and the
 * ratios (a)/(b) carry a 95 % block-bootstrap interval (bench/stats.ts).
 * Env: ROUNDS (default 5), LATENCY_BLOCKS (default 50), LATENCY_BLOCK (events per
 * block, default 200), HUB_BENCH_SKIP_DISPATCH=1 skips (d).
 *
 * Run: node --import=tsx bench/hub/client.ts
 */
import { performance } from 'node:perf_hooks';
import { WebSocket, WebSocketServer } from 'ws';
import { Event as FtrackApiEvent, EventHub as FtrackApiEventHub } from '@ftrack/api';
import { EventHub } from '../../src/event/hub.js';
import { Event } from '../../src/event/event.js';
import { compileExpression } from '../../src/event/expression/index.js';
import { startHubServer, type StartedHubServer } from '../../test/helpers/hub-server.js';
import type { StandinUser } from '../../src/standin/context.js';
import { fmt, formatRatio, percentile, percentileRatio, pickRound, pooled, blockOrder } from '../stats.js';

const BURST = 20_000;
const BATCH = 100;
const LATENCY_BLOCK = Number(process.env.LATENCY_BLOCK ?? 200);
const LATENCY_BLOCKS = Number(process.env.LATENCY_BLOCKS ?? 50);
const WARMUP = 300;
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SKIP_DISPATCH = process.env.HUB_BENCH_SKIP_DISPATCH === '1';
const DISPATCH_EVENTS = 50_000;

interface Pair {
  name: string;
  /** Publishes one event carrying `seq` and the send time. */
  publish(seq: number, t: number): void;
  /** Set by the harness: called by the receiving side with the event's data. */
  onReceive: (data: { seq: number; t: number }) => void;
  close(): Promise<void> | void;
}

interface Figures {
  eventsPerSecond: number;
  /** Process CPU (user + system) per event during the burst: both clients and the server. */
  cpuUs: number;
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function burst(pair: Pair, count: number): Promise<{ eventsPerSecond: number; cpuUs: number }> {
  let received = 0;
  let last = 0;
  pair.onReceive = () => {
    received += 1;
    last = performance.now();
  };
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (let seq = 0; seq < count; seq++) {
    pair.publish(seq, performance.now());
    if (seq % BATCH === BATCH - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  await until(() => received >= count, `${pair.name}: burst delivery (${received}/${count})`);
  const used = process.cpuUsage(cpu);
  return { eventsPerSecond: count / ((last - start) / 1000), cpuUs: (used.user + used.system) / count };
}

async function latency(pair: Pair, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let seq = 0; seq < count; seq++) {
    const got = new Promise<void>((resolve) => {
      pair.onReceive = (data) => {
        samples.push(performance.now() - data.t);
        resolve();
      };
    });
    pair.publish(seq, performance.now());
    await got;
  }
  return samples;
}

/** The publisher connects as the first test user, the subscriber as the second (see ftrackApiPair). */
function pairUsers(server: StartedHubServer): [StandinUser, StandinUser] {
  return [server.users[0]!, server.users[1]!];
}

async function ourPair(server: StartedHubServer): Promise<Pair> {
  const [from, to] = pairUsers(server);
  const publisher = new EventHub(server.url, from.username, from.apiKey);
  const subscriber = new EventHub(server.url, to.username, to.apiKey);
  await Promise.all([publisher.connect(), subscriber.connect()]);
  const pair: Pair = {
    name: 'ours',
    publish: (seq, t) => void publisher.publish({ topic: 'bench.ours', data: { seq, t } }),
    onReceive: () => {},
    close: async () => {
      await Promise.all([publisher.disconnect(), subscriber.disconnect()]);
    },
  };
  subscriber.subscribe('topic=bench.ours and data.seq!=none', (event) => pair.onReceive(event.data as { seq: number; t: number }));
  await subscriber.publish({ topic: 'bench.sync' });
  return pair;
}

/**
 * @ftrack/api shares one socket between all its hubs with the same server URL,
 * user and key (SimpleSocketIOClient.connect keeps one per key). A publisher
 * and a subscriber with the same credentials would be one connection that gets
 * its own event back, not a pair; so they connect as two users, each with its
 * own socket, as the two processes of a real deployment would. Ours do the same.
 */
async function ftrackApiPair(server: StartedHubServer): Promise<Pair> {
  const before = server.hub.stats();
  const [from, to] = pairUsers(server);
  const publisher = new FtrackApiEventHub(server.url, from.username, from.apiKey);
  const subscriber = new FtrackApiEventHub(server.url, to.username, to.apiKey);
  publisher.connect();
  subscriber.connect();
  const pair: Pair = {
    name: '@ftrack/api',
    // timeout 0: @ftrack/api otherwise starts a 30 s timer per publish.
    publish: (seq, t) => void publisher.publish(new FtrackApiEvent('bench.theirs', { seq, t }), { timeout: 0 }),
    onReceive: () => {},
    close: () => {
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
  subscriber.subscribe('topic=bench.theirs', (event) => pair.onReceive(event.data as unknown as { seq: number; t: number }));
  await until(
    () =>
      publisher.isConnected() &&
      subscriber.isConnected() &&
      server.hub.stats().connections >= before.connections + 2 &&
      server.hub.stats().subscriptions >= before.subscriptions + 3,
    '@ftrack/api connected',
  );
  return pair;
}

async function rawPair(): Promise<Pair & { server: WebSocketServer }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const sockets: WebSocket[] = [];
  wss.on('connection', (socket) => {
    sockets.push(socket);
    // Relay every frame from the first client to the second.
    socket.on('message', (data) => sockets[1]?.send(data.toString()));
  });
  const port = (wss.address() as { port: number }).port;
  const open = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}`);
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  const a = await open();
  await until(() => sockets.length === 1, 'raw first');
  const b = await open();
  await until(() => sockets.length === 2, 'raw second');
  const pair = {
    name: 'raw ws',
    server: wss,
    publish: (seq: number, t: number) => a.send(JSON.stringify({ topic: 'bench.raw', data: { seq, t } })),
    onReceive: (_data: { seq: number; t: number }) => {},
    close: async () => {
      a.close();
      b.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  b.on('message', (data) => pair.onReceive((JSON.parse(data.toString()) as { data: { seq: number; t: number } }).data));
  return pair;
}

/** The peer of (d): no topic index, every subscription's expression is evaluated for every event. */
function naiveDispatchCost(otherSubscribers: number): number {
  const subscriptions = Array.from({ length: otherSubscribers }, (_, i) => ({ expression: compileExpression(`topic=other.topic.${i}`), callback: () => {} }));
  let hits = 0;
  subscriptions.push({ expression: compileExpression('topic=bench.hot'), callback: () => void (hits += 1) });
  const events = Array.from({ length: 1_000 }, (_, i) => new Event('bench.hot', { i }));
  const count = Math.max(200, Math.min(DISPATCH_EVENTS, Math.floor(5e7 / (otherSubscribers + 1) / 20)));
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const event = events[i % 1_000]!;
    for (const subscription of subscriptions) if (subscription.expression.match(event)) subscription.callback();
  }
  const ns = ((performance.now() - start) * 1e6) / count;
  if (hits !== count) throw new Error('naive dispatch lost events');
  return ns;
}

function dispatchCost(otherSubscribers: number): number {
  const hub = new EventHub('http://127.0.0.1:9', 'bench', 'key');
  for (let i = 0; i < otherSubscribers; i++) hub.subscribe(`topic=other.topic.${i}`, () => {});
  let hits = 0;
  hub.subscribe('topic=bench.hot', () => {
    hits += 1;
  });
  const events = Array.from({ length: 1_000 }, (_, i) => ({ topic: 'bench.hot', data: { i } }));
  for (let i = 0; i < 5_000; i++) hub.publishLocal(events[i % 1_000]!);
  const start = performance.now();
  for (let i = 0; i < DISPATCH_EVENTS; i++) hub.publishLocal(events[i % 1_000]!);
  const ns = ((performance.now() - start) * 1e6) / DISPATCH_EVENTS;
  if (hits !== DISPATCH_EVENTS + 5_000) throw new Error('dispatch bench lost events');
  return ns;
}

async function main(): Promise<void> {
  const started = Date.now();
  const server = await startHubServer();
  const pairs: Pair[] = [await ourPair(server), await ftrackApiPair(server), await rawPair()];
  for (const pair of pairs) await burst(pair, WARMUP);
  for (const pair of pairs) await latency(pair, WARMUP);
  const rounds = new Map<string, Figures[]>(pairs.map((pair) => [pair.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const pair of blockOrder(pairs, round)) rounds.get(pair.name)!.push(await burst(pair, BURST));
  }
  const blocks = new Map<string, number[][]>(pairs.map((pair) => [pair.name, []]));
  for (let block = 0; block < LATENCY_BLOCKS; block++) {
    for (const pair of blockOrder(pairs, block)) blocks.get(pair.name)!.push(await latency(pair, LATENCY_BLOCK));
  }
  for (const pair of pairs) await pair.close();
  await server.close();

  const pick = (name: string, key: keyof Figures, how: 'median' | 'best'): number => pickRound(rounds.get(name)!, key, how);
  const samples = LATENCY_BLOCK * LATENCY_BLOCKS;
  console.log(`Hub client pairs, all in one process (burst ${BURST} events in ${ROUNDS} interleaved rounds; latency ${samples} sequential events per peer in ${LATENCY_BLOCKS} interleaved blocks of ${LATENCY_BLOCK})`);
  for (const how of ['median', 'best'] as const) {
    console.log('');
    console.log(`throughput, ${how} of rounds:`);
    console.log('| peer | events/s | CPU µs/event (clients + server) |');
    console.log('| --- | ---: | ---: |');
    for (const pair of pairs) {
      const n = pair.name;
      console.log(`| ${n} | ${fmt(pick(n, 'eventsPerSecond', how))} | ${fmt(pick(n, 'cpuUs', how), 1)} |`);
    }
    const ratio = (key: keyof Figures): string => fmt(pick('ours', key, how) / pick('@ftrack/api', key, how), 2);
    console.log(`(a)/(b) throughput: ${ratio('eventsPerSecond')}x   CPU/event (a)/(b): ${ratio('cpuUs')}x`);
    console.log(`(a)/(c) throughput: ${fmt((100 * pick('ours', 'eventsPerSecond', how)) / pick('raw ws', 'eventsPerSecond', how), 1)} % of the raw ws ceiling`);
  }
  console.log('');
  console.log(`latency publish → callback, all ${samples} events of each peer pooled (ms):`);
  console.log('| peer | p50 | p99 | p99.9 |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const pair of pairs) {
    const all = pooled(blocks.get(pair.name)!);
    console.log(`| ${pair.name} | ${fmt(percentile(all, 50), 3)} | ${fmt(percentile(all, 99), 3)} | ${fmt(percentile(all, 99.9), 3)} |`);
  }
  const ours = blocks.get('ours')!;
  const theirs = blocks.get('@ftrack/api')!;
  console.log(
    `(a)/(b) with 95 % block-bootstrap intervals: p50 ${formatRatio(percentileRatio(ours, theirs, 50))}, p99 ${formatRatio(percentileRatio(ours, theirs, 99))}`,
  );
  if (SKIP_DISPATCH) return;
  console.log('');
  console.log(`(d) client dispatch (publishLocal of ${DISPATCH_EVENTS} events to 1 matching subscriber)`);
  console.log('| other-topic subscribers | ours ns/event | ours vs 1 | naive (no index) ns/event | naive / ours |');
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  const sizes = [1, 100, 10_000];
  const costs = new Map<number, number>();
  const naive = new Map<number, number>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const size of sizes) {
      costs.set(size, Math.min(costs.get(size) ?? Infinity, dispatchCost(size)));
      naive.set(size, Math.min(naive.get(size) ?? Infinity, naiveDispatchCost(size)));
    }
  }
  for (const size of sizes) {
    const ours = costs.get(size)!;
    console.log(`| ${fmt(size)} | ${fmt(ours)} | ${fmt(ours / costs.get(1)!, 2)}x | ${fmt(naive.get(size)!)} | ${fmt(naive.get(size)! / ours, 1)}x |`);
  }
  console.log('');
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s, node ${process.version}`);
}

await main();
