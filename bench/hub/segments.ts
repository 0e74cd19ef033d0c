/**
 * Where one event's time goes, segment by segment, for every pairing of
 * clients: ours or `@ftrack/api` as publisher, ours or `@ftrack/api` as
 * subscriber, all in ONE process through the stand-in hub server (so the
 * clock and the event loop are shared and nothing waits on another process).
 *
 * For each sequential event it stamps (performance.now):
 *   publish() → publisher socket write → server socket 'data' → server
 *   WebSocket 'message' → server socket write → subscriber socket 'data' →
 *   subscriber WebSocket 'message' → subscriber callback,
 * plus, around the server's write: the write call itself and the first
 * microtask after it (the end of the server's JavaScript for that event).
 * Prints the median of each segment per pairing. The pairings take turns in
 * blocks of 500 events, in alternating order.
 *
 * Diagnostics only: it wraps `ws` and `net` methods of this process.
 * Env: BLOCKS (default 20), OURS_OPTS (EventHub options of our clients, JSON;
 * default: no ack requests, so both peers send the same frames).
 *
 * Run: node --import=tsx bench/hub/segments.ts
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { Event as FtrackApiEvent, EventHub as FtrackApiEventHub } from '@ftrack/api';
import { EventHub } from '../../src/event/hub.js';
import type { EventHubOptions } from '../../src/event/options.js';
import { startHubServer } from '../../test/helpers/hub-server.js';
import { median } from '../stats.js';

const BLOCK = 500;
const BLOCKS = Number(process.env.BLOCKS ?? 20);
const WARMUP_BLOCKS = 2;
const OPTIONS = JSON.parse(process.env.OURS_OPTS ?? '{"ackWindowMs":100000000,"ackEveryFrames":100000000}') as EventHubOptions;

// Stamps, in order, while one event is in flight.
const marks: number[] = [];
let active = false;
let writes = 0;
let serverWriteEnd = 0;
let serverJsEnd = 0;

function wrap(target: object, method: string, around: (original: (...args: unknown[]) => unknown, self: unknown, args: unknown[]) => unknown): void {
  const holder = target as Record<string, (...args: unknown[]) => unknown>;
  const original = holder[method]!;
  holder[method] = function (this: unknown, ...args: unknown[]) {
    return around(original, this, args);
  };
}

wrap(WebSocket.prototype, 'emit', (original, self, args) => {
  if (active && args[0] === 'message') marks.push(performance.now());
  return original.apply(self, args);
});
wrap(net.Socket.prototype, 'emit', (original, self, args) => {
  if (active && args[0] === 'data') marks.push(performance.now());
  return original.apply(self, args);
});
for (const method of ['_writev', '_write']) {
  wrap(net.Socket.prototype, method, (original, self, args) => {
    if (!active) return original.apply(self, args);
    marks.push(performance.now());
    writes += 1;
    // The second write of an event is the server's delivery to the subscriber.
    const serverWrite = writes === 2;
    if (serverWrite) queueMicrotask(() => (serverJsEnd = performance.now()));
    const result = original.apply(self, args);
    if (serverWrite) serverWriteEnd = performance.now();
    return result;
  });
}

// Heartbeats every 200 ms, and a wait of 1.5 s before measuring. On loopback TCP a connection on which
// the server answered the client quickly (our clients ask for acks of their subscribe events; @ftrack/api
// never asks) delivers later: each delivery's write call returned about 2 µs sooner and the subscriber's
// 'data' came about 2.7 µs later, for as long as that state lasted. A heartbeat round while the
// connection is quiet ends it. A long-running service spends nearly all its time past its first
// heartbeat, so the segments are measured there.
const HEARTBEAT_MS = 200;
const SETTLE_MS = 1_500;
const server = await startHubServer({ heartbeatIntervalMs: HEARTBEAT_MS });
let onReceive: () => void = () => {};
type Publish = () => void;

// Publishers connect as the first test user, subscribers as the second: @ftrack/api shares one socket
// between its hubs with the same credentials, and a publisher and subscriber on one socket are not a pair.
const [publisherUser, subscriberUser] = [server.users[0]!, server.users[1]!];

async function ourPublisher(topic: string): Promise<Publish> {
  const hub = new EventHub(server.url, publisherUser.username, publisherUser.apiKey, OPTIONS);
  await hub.connect();
  let seq = 0;
  return () => void hub.publish({ topic, data: { seq: seq++ } });
}
async function theirPublisher(topic: string): Promise<Publish> {
  const hub = new FtrackApiEventHub(server.url, publisherUser.username, publisherUser.apiKey);
  hub.connect();
  await new Promise((resolve) => setTimeout(resolve, 300));
  let seq = 0;
  // timeout 0: @ftrack/api otherwise starts a 30 s timer per publish.
  return () => void hub.publish(new FtrackApiEvent(topic, { seq: seq++ }), { timeout: 0 });
}
async function ourSubscriber(topic: string): Promise<void> {
  const hub = new EventHub(server.url, subscriberUser.username, subscriberUser.apiKey, OPTIONS);
  await hub.connect();
  hub.subscribe(`topic=${topic}`, () => onReceive());
  await hub.publish({ topic: 'bench.sync' });
}
async function theirSubscriber(topic: string): Promise<void> {
  const hub = new FtrackApiEventHub(server.url, subscriberUser.username, subscriberUser.apiKey);
  hub.connect();
  hub.subscribe(`topic=${topic}`, () => onReceive());
  await new Promise((resolve) => setTimeout(resolve, 300));
}

const pairings = [
  ['ours → ours', ourPublisher, ourSubscriber],
  ['api → api', theirPublisher, theirSubscriber],
  ['ours → api', ourPublisher, theirSubscriber],
  ['api → ours', theirPublisher, ourSubscriber],
] as const;
const pairs: Array<{ name: string; publish: Publish; rows: number[][] }> = [];
for (const [name, publisher, subscriber] of pairings) {
  const topic = `bench.segments.${pairs.length}`;
  await subscriber(topic);
  pairs.push({ name, publish: await publisher(topic), rows: [] });
}
await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

// Marks of one event: write, server data, server message, server write, subscriber data, subscriber message, callback.
const EXPECTED_MARKS = 7;
for (let block = 0; block < WARMUP_BLOCKS + BLOCKS; block++) {
  for (const pair of block % 2 ? [...pairs].reverse() : pairs) {
    for (let i = 0; i < BLOCK; i++) {
      marks.length = 0;
      writes = 0;
      const delivered = new Promise<void>((resolve) => {
        onReceive = () => {
          marks.push(performance.now());
          resolve();
        };
      });
      active = true;
      const start = performance.now();
      pair.publish();
      await delivered;
      active = false;
      // Events with other frames in flight (a heartbeat, an ack) are left out.
      if (block < WARMUP_BLOCKS || marks.length !== EXPECTED_MARKS) continue;
      const stamps = [start, ...marks];
      const row = stamps.slice(1).map((at, k) => (at - stamps[k]!) * 1000);
      row.push((serverWriteEnd - marks[3]!) * 1000, (serverJsEnd - serverWriteEnd) * 1000, (marks[4]! - serverJsEnd) * 1000);
      pair.rows.push(row);
    }
  }
}

const columns = [
  'publish → write',
  'write → server data',
  'server data → message',
  'server message → write',
  'server write → subscriber data',
  'subscriber data → message',
  'message → callback',
  'of which: server write call',
  'server write → its last microtask',
  'last microtask → subscriber data',
];
console.log(`Median µs per segment, ${BLOCKS} blocks of ${BLOCK} sequential events per pairing, one process`);
console.log('');
console.log(`| segment | ${pairs.map((pair) => pair.name).join(' | ')} |`);
console.log(`| --- | ${pairs.map(() => '---:').join(' | ')} |`);
for (const [k, column] of columns.entries()) {
  console.log(`| ${column} | ${pairs.map((pair) => median(pair.rows.map((row) => row[k]!)).toFixed(1)).join(' | ')} |`);
}
const total = (pair: (typeof pairs)[number]): number => median(pair.rows.map((row) => row.slice(0, 7).reduce((a, b) => a + b, 0)));
console.log(`| total publish → callback | ${pairs.map((pair) => total(pair).toFixed(1)).join(' | ')} |`);
console.log(`| events counted | ${pairs.map((pair) => pair.rows.length).join(' | ')} |`);
process.exit(0);
