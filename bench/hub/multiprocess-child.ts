/**
 * A child process of `multiprocess.ts`. Roles (argv[2]):
 *
 *   server            the stand-in hub server and a bare ws relay (for (c));
 *   <peer> pub|sub    one client of a peer (ours, ftrack, raw), publisher or subscriber.
 *
 * Talks to the parent over the fork IPC channel. Clocks: `process.hrtime.bigint()`
 * is CLOCK_MONOTONIC, shared by every process of the machine, so a timestamp
 * taken in the publisher can be compared with one taken in the subscriber.
 */
import net from 'node:net';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { WebSocket, WebSocketServer } from 'ws';
import { Event as FtrackApiEvent, EventHub as FtrackApiEventHub } from '@ftrack/api';
import type { EventHubOptions } from '../../src/event/options.js';
import { startHubServer } from '../../test/helpers/hub-server.js';

// HUB_BENCH_DIST=1: our hub from the build (npm run build), as the CLI runs it, instead of the TypeScript source.
// HUB_BENCH_HUB_MODULE (set by the parent for HUB_BENCH_VARIANT_SRC): the hub module of another checkout.
const hubModule = process.env.HUB_BENCH_HUB_MODULE ?? (process.env.HUB_BENCH_DIST ? '../../dist/src/event/hub.js' : '../../src/event/hub.js');
const { EventHub } = (await import(hubModule)) as typeof import('../../src/event/hub.js');

export type PeerKind = 'ours' | 'ftrack' | 'raw';

/** Data of every bench event: sequence, send time (ns, monotonic), and for pings the one-way time measured by the subscriber. */
interface BenchData {
  seq: number;
  t: number;
  ping?: 1;
  oneWayNs?: number;
  /** Pongs: when the subscriber published it (ns, monotonic). */
  tp?: number;
}

interface Endpoint {
  publish(topic: 'ping' | 'pong' | 'burst', data: BenchData): void;
  /** Subscribes to one of the two directions. */
  subscribe(topic: 'ping' | 'pong', onData: (data: BenchData) => void): void;
  ready(): Promise<void>;
}

const now = (): number => Number(process.hrtime.bigint());
/** The p-th percentile of x, formatted (HUB_BENCH_PROBE output). */
const q = (x: number[], p: number): string => [...x].sort((a, b) => a - b)[Math.floor((x.length * p) / 100)]?.toFixed(1) ?? '-';
const send = (message: unknown): void => void process.send!(message);

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

// HUB_BENCH_PROBE hooks (diagnostics only): they wrap `ws` and `net` internals of this process.

/** Calls `listener` with the data of every WebSocket message, before the socket's own listeners. */
function onWebSocketMessage(listener: (data: unknown) => void): void {
  const original = WebSocket.prototype.emit;
  (WebSocket.prototype as unknown as { emit: (...a: unknown[]) => boolean }).emit = function (this: WebSocket, name: unknown, ...rest: unknown[]) {
    if (name === 'message') listener(rest[0]);
    return original.call(this, name as string, ...rest);
  };
}

/** Calls `listener` before every write of a TCP socket reaches the kernel. */
function onSocketWrite(listener: () => void): void {
  const proto = net.Socket.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const method of ['_writev', '_write']) {
    const original = proto[method]!;
    proto[method] = function (this: unknown, ...a: unknown[]) {
      listener();
      return original.apply(this, a);
    };
  }
}

/**
 * Returns `arm(value)`: the next socket write after it calls `listener(value)`, once (a later arm
 * before that write replaces the value).
 */
function atNextSocketWrite<T>(listener: (value: T) => void): (value: T) => void {
  let armed = false;
  let pending: T;
  onSocketWrite(() => {
    if (!armed) return;
    armed = false;
    listener(pending);
  });
  return (value) => {
    pending = value;
    armed = true;
  };
}

/** HUB_BENCH_PROBE in the server: time from a ping frame's arrival to the next socket write (its delivery), per peer. */
function probeServer(): Map<string, number[]> {
  const byPeer = new Map<string, number[]>();
  const arm = atNextSocketWrite<{ peer: string; at: number }>(({ peer, at }) => {
    const list = byPeer.get(peer) ?? [];
    list.push((now() - at) / 1000);
    byPeer.set(peer, list);
  });
  onWebSocketMessage((data) => {
    const text = String(data);
    const match = /"bench\.([a-z]+)\.ping"/.exec(text);
    if (match && text.includes('"ping":1')) arm({ peer: match[1]!, at: now() });
  });
  return byPeer;
}

/**
 * HUB_BENCH_TRACE=<dir> (diagnostics only): every process notes when each ping frame passes it, keyed by the
 * ping's send time `t`, and writes [t, stage, at (ns)] to <dir>/trace-<label>.json at exit. Stages: pub-write
 * (the publisher's socket write), srv-in / srv-write (the server's WebSocket message and its next socket write),
 * sub-in / sub-callback (the subscriber's WebSocket message and the subscription callback), and pub-idle (the
 * publisher's check phase after the publish: its work after the write is over).
 */
const trace: Array<[number, string, number]> | undefined = process.env.HUB_BENCH_TRACE ? [] : undefined;
function pingTime(data: unknown): number | undefined {
  const text = String(data);
  if (!text.includes('"ping":1')) return undefined;
  const match = /"t":(\d+)/.exec(text);
  return match ? Number(match[1]) : undefined;
}
function traceFrames(inStage: string, writeStage?: string): void {
  if (!trace) return;
  const armWrite = writeStage ? atNextSocketWrite<number>((t) => trace.push([t, writeStage, now()])) : undefined;
  onWebSocketMessage((data) => {
    const t = pingTime(data);
    if (t === undefined) return;
    trace.push([t, inStage, now()]);
    armWrite?.(t);
  });
}
function writeTrace(label: string): void {
  if (trace) writeFileSync(`${process.env.HUB_BENCH_TRACE}/trace-${label.replace(/[^a-z0-9]+/gi, '-')}.json`, JSON.stringify(trace));
}

/** CPU ms (user + system) of this process's main thread and of all its other threads, from /proc (Linux). */
function threadCpu(): { main: number; others: number } {
  const ticks = 100; // USER_HZ, 100 on Linux
  let main = 0;
  let others = 0;
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
      if (Number(tid) === process.pid) main += ms;
      else others += ms;
    }
  } catch {
    // not Linux: report zeros
  }
  return { main, others };
}

/**
 * HUB_BENCH_GC=1: prints (stderr, at exit) the CPU time (also split by thread), page faults, context switches and GC pauses from the parent's
 * `gc-reset` (the start of the measured latency blocks, after the warm-up blocks) on; HUB_BENCH_GC=<dir> also
 * writes them to <dir>/gc-<label>.json as [start (ms, hrtime clock), duration (ms)].
 * Registered before the exit handlers, so it reports first.
 */
function watchGc(label: string): void {
  if (!process.env.HUB_BENCH_GC) return;
  const timeline: Array<[number, number]> = [];
  const hrOffset = now() / 1e6 - performance.now();
  let counting = false;
  new PerformanceObserver((list) => {
    if (!counting) return;
    for (const entry of list.getEntries()) timeline.push([entry.startTime + hrOffset, entry.duration]);
  }).observe({ entryTypes: ['gc'] });
  let cpu = process.cpuUsage();
  let usage = process.resourceUsage();
  let threads = threadCpu();
  process.on('message', (message: { cmd: string }) => {
    if (message.cmd === 'gc-reset') {
      counting = true;
      // With --log-code and the like, this places the start of the measured blocks on the V8 log's clock
      // (which starts with the isolate, close to performance.timeOrigin).
      console.error(`${label} (pid ${process.pid}): measured latency blocks start at ${performance.now().toFixed(1)} ms after the time origin`);
      cpu = process.cpuUsage();
      usage = process.resourceUsage();
      threads = threadCpu();
    }
    if (message.cmd !== 'exit') return;
    const used = process.cpuUsage(cpu);
    const after = process.resourceUsage();
    console.error(
      `${label} CPU during latency: ${((used.user + used.system) / 1000).toFixed(0)} ms (user ${(used.user / 1000).toFixed(0)}, system ${(used.system / 1000).toFixed(0)});` +
        ` minor page faults ${after.minorPageFault - usage.minorPageFault}, context switches ${after.voluntaryContextSwitches - usage.voluntaryContextSwitches} voluntary` +
        ` / ${after.involuntaryContextSwitches - usage.involuntaryContextSwitches} involuntary`,
    );
    const threadsAfter = threadCpu();
    console.error(`${label} CPU by thread during latency: main ${(threadsAfter.main - threads.main).toFixed(0)} ms, other threads ${(threadsAfter.others - threads.others).toFixed(0)} ms`);
    if (process.env.HUB_BENCH_GC !== '1') writeFileSync(`${process.env.HUB_BENCH_GC}/gc-${label.replace(/ /g, '-')}.json`, JSON.stringify(timeline));
    const sorted = timeline.map(([, duration]) => duration).sort((a, b) => a - b);
    console.error(`${label} GC pauses during latency: ${sorted.length}, total ${sorted.reduce((a, b) => a + b, 0).toFixed(1)} ms, median ${q(sorted, 50)} ms, max ${sorted.at(-1)?.toFixed(2) ?? '-'} ms`);
  });
}

async function runServer(): Promise<void> {
  watchGc('server');
  const probed = process.env.HUB_BENCH_PROBE ? probeServer() : undefined;
  traceFrames('srv-in', 'srv-write');
  const hub = await startHubServer();
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const sides = new Map<string, WebSocket>();
  wss.on('connection', (socket, req) => {
    const side = req.url === '/pub' ? 'pub' : 'sub';
    sides.set(side, socket);
    // Bare relay: pub → sub and sub → pub, no parsing.
    socket.on('message', (data) => sides.get(side === 'pub' ? 'sub' : 'pub')?.send(data.toString()));
  });
  process.on('message', (message: { cmd: string }) => {
    if (message.cmd === 'cpu') send({ cpu: process.cpuUsage() });
    if (message.cmd === 'subscriptions') send({ subscriptions: hub.hub.stats().subscriptions });
    if (message.cmd === 'exit') {
      writeTrace('server');
      for (const [peer, values] of probed ?? []) {
        console.error(peer, 'server ping frame→delivery write µs p50/p90/p99', q(values, 50), q(values, 90), q(values, 99));
      }
      void hub.close().then(() => wss.close(() => process.exit(0)));
    }
  });
  send({ url: hub.url, apiUser: hub.apiUser, apiKey: hub.apiKey, rawPort: (wss.address() as { port: number }).port });
}

function ourEndpoint(url: string, apiUser: string, apiKey: string, prefix = 'bench.ours', options: EventHubOptions = {}): Endpoint {
  const hub = new EventHub(url, apiUser, apiKey, options);
  const connected = hub.connect();
  return {
    publish: (topic, data) => void hub.publish({ topic: `${prefix}.${topic}`, data }),
    // A full expression, evaluated on the server and again in the client.
    subscribe: (topic, onData) => void hub.subscribe(process.env.HUB_BENCH_TOPIC_ONLY ? `topic=${prefix}.${topic}` : `topic=${prefix}.${topic} and data.seq!=none`, (event) => onData(event.data as BenchData)),
    ready: async () => {
      await connected;
      await hub.publish({ topic: 'bench.sync' });
    },
  };
}

function ftrackEndpoint(url: string, apiUser: string, apiKey: string, prefix = 'bench.theirs'): Endpoint {
  const hub = new FtrackApiEventHub(url, apiUser, apiKey);
  hub.connect();
  return {
    // timeout 0: @ftrack/api otherwise starts a 30 s timer per publish.
    publish: (topic, data) => void hub.publish(new FtrackApiEvent(`${prefix}.${topic}`, data as unknown as Record<string, unknown>), { timeout: 0 }),
    subscribe: (topic, onData) => void hub.subscribe(`topic=${prefix}.${topic}`, (event) => onData(event.data as unknown as BenchData)),
    ready: () => until(() => hub.isConnected(), '@ftrack/api connected'),
  };
}

function rawEndpoint(port: number, side: 'pub' | 'sub'): Endpoint {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/${side}`, { perMessageDeflate: false });
  let handler: ((data: BenchData) => void) | undefined;
  ws.on('message', (raw) => handler?.((JSON.parse(raw.toString()) as { data: BenchData }).data));
  return {
    publish: (topic, data) => ws.send(JSON.stringify({ topic: `bench.raw.${topic}`, data })),
    subscribe: (_topic, onData) => void (handler = onData),
    ready: () => until(() => ws.readyState === ws.OPEN, 'raw ws open'),
  };
}

async function runPeer(
  kind: PeerKind,
  role: 'pub' | 'sub',
  config: { url: string; apiUser: string; apiKey: string; rawPort: number },
  prefix?: string,
  options?: EventHubOptions,
): Promise<void> {
  const endpoint =
    kind === 'ours'
      ? ourEndpoint(config.url, config.apiUser, config.apiKey, prefix, options)
      : kind === 'ftrack'
        ? ftrackEndpoint(config.url, config.apiUser, config.apiKey, prefix)
        : rawEndpoint(config.rawPort, role);
  const probe = { at: 0, head: [] as number[], rest: [] as number[] };
  if (process.env.HUB_BENCH_PROBE && role === 'sub') onWebSocketMessage(() => (probe.at = now()));
  const wprobe = { head: [] as number[], rest: [] as number[] };
  const probeWrite =
    process.env.HUB_BENCH_PROBE && role === 'pub'
      ? atNextSocketWrite<{ at: number; index: number }>(({ at, index }) => (index < 3 ? wprobe.head : wprobe.rest).push((now() - at) / 1000))
      : undefined;
  watchGc(`${prefix ?? kind} ${role}`);
  if (role === 'sub') traceFrames('sub-in');
  const traceWrite = trace && role === 'pub' ? atNextSocketWrite<number>((t) => trace.push([t, 'pub-write', now()])) : undefined;
  if (role === 'sub') {
    let received = 0;
    let expected = Infinity;
    let cpu = process.cpuUsage();
    endpoint.subscribe('ping', (data) => {
      if (data.ping === 1) {
        trace?.push([data.t, 'sub-callback', now()]);
        if (probe.at) (data.seq < 3 ? probe.head : probe.rest).push((now() - probe.at) / 1000);
        const tp = now();
        endpoint.publish('pong', { seq: data.seq, t: data.t, oneWayNs: tp - data.t, tp });
        return;
      }
      received += 1;
      if (received === expected) {
        send({ last: now(), cpu: process.cpuUsage(cpu) });
        expected = Infinity;
      }
    });
    process.on('message', (message: { cmd: string; n?: number }) => {
      if (message.cmd === 'expect') {
        received = 0;
        expected = message.n!;
        cpu = process.cpuUsage();
        send({ expecting: true });
      }
      if (message.cmd === 'exit') {
        writeTrace(`${prefix ?? kind} sub`);
        if (probe.at) {
          console.error(kind, 'subscriber WebSocket message→callback µs, first 3 pings of a block p50/p90/p99', q(probe.head, 50), q(probe.head, 90), q(probe.head, 99), 'rest', q(probe.rest, 50), q(probe.rest, 90), q(probe.rest, 99));
        }
        process.exit(0);
      }
    });
  } else {
    let onPong: ((data: BenchData) => void) | undefined;
    endpoint.subscribe('pong', (data) => onPong?.(data));
    process.on('message', (message: { cmd: string; n?: number; batch?: number }) => {
      if (message.cmd === 'exit') {
        writeTrace(`${prefix ?? kind} pub`);
        if (wprobe.rest.length > 0) {
          console.error(kind, 'publisher publish()→socket write µs, first 3 pings of a block p50/p90/p99', q(wprobe.head, 50), q(wprobe.head, 90), q(wprobe.head, 99), 'rest', q(wprobe.rest, 50), q(wprobe.rest, 90), q(wprobe.rest, 99));
        }
        process.exit(0);
      }
      if (message.cmd === 'burst') {
        void (async () => {
          const cpu = process.cpuUsage();
          const start = now();
          for (let seq = 0; seq < message.n!; seq++) {
            endpoint.publish('ping', { seq, t: now() });
            if (seq % message.batch! === message.batch! - 1) await new Promise((resolve) => setImmediate(resolve));
          }
          send({ start, cpu: process.cpuUsage(cpu) });
        })();
      }
      if (message.cmd === 'latency') {
        void (async () => {
          const oneWay: number[] = [];
          const halfRtt: number[] = [];
          const back: number[] = [];
          const sentAt: number[] = [];
          for (let seq = 0; seq < message.n!; seq++) {
            const got = new Promise<void>((resolve) => {
              onPong = (data) => {
                if (data.seq !== seq) return;
                oneWay.push(data.oneWayNs! / 1e6);
                const at = now();
                halfRtt.push((at - data.t) / 2e6);
                back.push((at - data.tp!) / 1e6);
                resolve();
              };
            });
            const t = now();
            sentAt.push(t / 1e6);
            traceWrite?.(t);
            probeWrite?.({ at: t, index: seq });
            endpoint.publish('ping', { seq, t, ping: 1 });
            // The publisher's own work after the publish (microtasks included) ends before its check phase.
            if (trace) setImmediate(() => trace.push([t, 'pub-idle', now()]));
            await got;
          }
          send({ oneWay, halfRtt, back, sentAt });
        })();
      }
    });
  }
  await endpoint.ready();
  // With extra Node flags (--trace-gc and the like) each child names itself, so their output can be told apart.
  if (process.env.HUB_BENCH_FLAGS) console.error(`pid ${process.pid}: ${kind} ${role}`);
  send({ ready: true });
}

// The last argument: EventHub options of our clients, as JSON.
const [role, kind, side, prefix, optionsJson] = process.argv.slice(2);
if (role === 'server') await runServer();
else {
  const config = await new Promise<{ url: string; apiUser: string; apiKey: string; rawPort: number }>((resolve) =>
    process.once('message', (message) => resolve(message as { url: string; apiUser: string; apiKey: string; rawPort: number })),
  );
  await runPeer(kind as PeerKind, side as 'pub' | 'sub', config, prefix, JSON.parse(optionsJson ?? '{}') as EventHubOptions);
}
