/**
 * Per-event routing cost of the hub server as the number of subscriptions on
 * OTHER topics grows (10 → 10,000). Target: flat.
 *
 * Measured two ways in one run:
 * 1. in-process through `HubRouter.route()` (the routing function alone),
 *    against a peer: a naive router that evaluates every subscription;
 * 2. end to end through real sockets: a raw socket.io 0.9 publisher and
 *    subscriber on a `HubServer` listening on 127.0.0.1.
 *
 * Run: node --import=tsx bench/hub/server-scaling.ts
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compileExpression, type CompiledExpression } from '../../src/event/expression/index.js';
import { encodeEvent } from '../../src/socketio/packet.js';
import { normalizeClientEvent } from '../../src/standin/hub/normalize.js';
import { HubRouter, type RouterConnection } from '../../src/standin/hub/router.js';
import type { StandinUser } from '../../src/standin/context.js';
import { connectRawClient, startHubServer } from '../../test/helpers/hub-server.js';
import { fmt } from '../stats.js';

const SIZES = [10, 100, 1_000, 10_000];
const ROUTER_EVENTS = 20_000;
const SOCKET_EVENTS = 2_000;
const ROUNDS = 3;
const user: StandinUser = { id: 'u', username: 'bench', apiKey: 'k', roles: [] };

class SinkConnection implements RouterConnection {
  readonly id: string;
  readonly user = user;
  received = 0;
  constructor(id: string) {
    this.id = id;
  }
  send(): boolean {
    this.received += 1;
    return true;
  }
}

/** The peer: evaluates every subscription for every event (what an unindexed server does). */
class NaiveRouter {
  readonly subscriptions: Array<{ connection: SinkConnection; expression: CompiledExpression }> = [];
  route(event: { topic: string }): number {
    const delivered = new Set<SinkConnection>();
    for (const { connection, expression } of this.subscriptions) {
      if (!delivered.has(connection) && expression.match(event)) delivered.add(connection);
    }
    if (delivered.size === 0) return 0;
    const frame = encodeEvent('ftrack.event', [event]);
    for (const connection of delivered) connection.send();
    return frame.length > 0 ? delivered.size : 0;
  }
}

// A full GC before each timed loop, so that garbage of the set-up (10,000 subscriptions) is not collected inside it.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function nsPerEvent(run: () => void, events: number): number {
  collectGarbage();
  for (let i = 0; i < Math.min(2_000, events); i++) run();
  const start = performance.now();
  for (let i = 0; i < events; i++) run();
  return ((performance.now() - start) * 1e6) / events;
}

function routerRow(size: number): { ours: number; naive: number; evaluations: number } {
  const subscriberConnections = Array.from({ length: 10 }, (_, i) => new SinkConnection(`c${i}`));
  const target = new SinkConnection('target');
  const router = new HubRouter<SinkConnection>(Number.MAX_SAFE_INTEGER);
  const naive = new NaiveRouter();
  for (let i = 0; i < size; i++) {
    const connection = subscriberConnections[i % subscriberConnections.length]!;
    const subscription = `topic=other.topic.${i}`;
    router.subscribe(connection, { subscriber: { id: `s${i}` }, subscription });
    naive.subscriptions.push({ connection, expression: compileExpression(subscription) });
  }
  router.subscribe(target, { subscriber: { id: 'wanted' }, subscription: 'topic=bench.wanted' });
  naive.subscriptions.push({ connection: target, expression: compileExpression('topic=bench.wanted') });
  const event = normalizeClientEvent({ topic: 'bench.wanted', data: { n: 1 } }, user, 'publisher');
  const before = router.index.evaluations;
  const ours = nsPerEvent(() => router.route(event), ROUTER_EVENTS);
  const evaluations = (router.index.evaluations - before) / (ROUTER_EVENTS + Math.min(2_000, ROUTER_EVENTS));
  const naiveNs = nsPerEvent(() => naive.route(event), size >= 10_000 ? ROUTER_EVENTS / 10 : ROUTER_EVENTS);
  return { ours, naive: naiveNs, evaluations };
}

async function socketRow(size: number): Promise<{ eventsPerSecond: number; evaluations: number }> {
  const started = await startHubServer({ maxSubscriptionsPerConnection: size + 10 });
  try {
    const subscriber = await connectRawClient(started);
    const publisher = await connectRawClient(started, { user: started.users[1] });
    for (let i = 0; i < size; i++) subscriber.subscribe(`topic=other.topic.${i}`, { id: `s${i}` });
    subscriber.subscribe('topic=bench.wanted', { id: 'wanted' }, 1);
    await subscriber.waitFor((frame) => frame.startsWith('6:::1+'), 'subscriptions', 60_000);
    const before = started.hub.stats().evaluations;
    const start = performance.now();
    for (let n = 0; n < SOCKET_EVENTS; n++) publisher.publish({ topic: 'bench.wanted', data: { n } });
    await subscriber.waitFor((frame) => frame.includes(`"n":${SOCKET_EVENTS - 1}}`), 'last event', 60_000);
    const seconds = (performance.now() - start) / 1000;
    const evaluations = (started.hub.stats().evaluations - before) / SOCKET_EVENTS;
    subscriber.ws.terminate();
    publisher.ws.terminate();
    return { eventsPerSecond: SOCKET_EVENTS / seconds, evaluations };
  } finally {
    await started.close();
  }
}


console.log(`hub server routing cost vs subscriptions on other topics (node ${process.version}, ${new Date().toISOString()})`);
console.log('');
console.log(`1. routing function, one matching subscriber, 10 other connections, best of ${ROUNDS}`);
console.log('| other subscriptions | ours ns/event | evaluated/event | naive ns/event | naive / ours | ours vs 10 |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
// Sizes are measured in interleaved rounds and the best round is kept: the machine is
// shared, so the best figure is the least disturbed one, and no size profits from
// running later (JIT warm-up) than the others.
routerRow(100); // warm-up (JIT), discarded
const routerBest = new Map<number, { ours: number; naive: number; evaluations: number }>();
for (let round = 0; round < ROUNDS; round++) {
  for (const size of SIZES) {
    const row = routerRow(size);
    const best = routerBest.get(size);
    routerBest.set(size, best ? { ours: Math.min(best.ours, row.ours), naive: Math.min(best.naive, row.naive), evaluations: row.evaluations } : row);
  }
}
let base = 0;
for (const size of SIZES) {
  const row = routerBest.get(size)!;
  if (base === 0) base = row.ours;
  console.log(`| ${fmt(size)} | ${fmt(row.ours)} | ${fmt(row.evaluations, 1)} | ${fmt(row.naive)} | ${fmt(row.naive / row.ours, 1)}× | ${fmt(row.ours / base, 2)}× |`);
}
console.log('');
console.log(`2. real sockets, ${fmt(SOCKET_EVENTS)} events from one raw client to another (subscriptions on the receiving connection), best of ${ROUNDS}`);
console.log('| other subscriptions | events/s | evaluated/event | vs 10 |');
console.log('| ---: | ---: | ---: | ---: |');
await socketRow(10); // warm-up (JIT), discarded
const socketBest = new Map<number, { eventsPerSecond: number; evaluations: number }>();
for (let round = 0; round < ROUNDS; round++) {
  for (const size of SIZES) {
    const row = await socketRow(size);
    const best = socketBest.get(size);
    if (!best || row.eventsPerSecond > best.eventsPerSecond) socketBest.set(size, row);
  }
}
let socketBase = 0;
for (const size of SIZES) {
  const row = socketBest.get(size)!;
  if (socketBase === 0) socketBase = row.eventsPerSecond;
  console.log(`| ${fmt(size)} | ${fmt(row.eventsPerSecond)} | ${fmt(row.evaluations, 1)} | ${fmt(row.eventsPerSecond / socketBase, 2)}× |`);
}
