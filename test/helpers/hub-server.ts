import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { HubServer, type HubServerOptions } from '../../src/standin/hub/index.js';
import type { StandinUser } from '../../src/standin/context.js';

export interface StartHubServerOptions extends Partial<HubServerOptions> {
  /** Port to listen on (127.0.0.1). Defaults to 0 (any free port); pass the old port to restart "the same" server. */
  port?: number;
  /** Users to accept (ignored when `authenticate` is given). Defaults to two fresh users, `demo` (Administrator) and `other` (User), with random API keys. */
  users?: StandinUser[];
}

export interface StartedHubServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  port: number;
  /** Credentials of the first user. */
  apiUser: string;
  apiKey: string;
  users: StandinUser[];
  hub: HubServer;
  server: Server;
  /** Closes the hub and the HTTP server. Idempotent. */
  close(): Promise<void>;
}

/** Two users with random API keys. */
export function makeTestUsers(): StandinUser[] {
  return [
    { id: randomUUID(), username: 'demo', apiKey: randomBytes(16).toString('hex'), firstName: 'Demo', lastName: 'User', roles: ['Administrator'] },
    { id: randomUUID(), username: 'other', apiKey: randomBytes(16).toString('hex'), firstName: 'Other', lastName: 'User', roles: ['User'] },
  ];
}

/**
 * An `http.Server` on 127.0.0.1 with only the hub server mounted; every
 * other request gets 404. For tests of hub clients (ours and @ftrack/api).
 *
 * @example
 * const started = await startHubServer();
 * const hub = new EventHub(started.url, started.apiUser, started.apiKey);
 * // …
 * await started.close();
 */
export async function startHubServer(options: StartHubServerOptions = {}): Promise<StartedHubServer> {
  const { port = 0, users = makeTestUsers(), ...hubOptions } = options;
  const hub = new HubServer({
    authenticate: (username, apiKey) => users.find((user) => user.username === username && user.apiKey === apiKey),
    ...hubOptions,
  });
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    Promise.resolve(hub.handleRequest(req, res, url)).then(
      (handled) => {
        if (!handled) {
          res.statusCode = 404;
          res.end('not found (test hub server: only /socket.io/1/ is mounted)');
        }
      },
      () => {
        res.statusCode = 500;
        res.end();
      },
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!hub.handleUpgrade(req, socket, head, url)) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const first = users[0];
  if (!first) throw new Error('startHubServer needs at least one user');
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    apiUser: first.username,
    apiKey: first.apiKey,
    users,
    hub,
    server,
    close: () =>
      (closing ??= (async () => {
        await hub.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        });
      })()),
  };
}

/** A socket.io 0.9 client speaking raw frames, for protocol tests. */
export interface RawHubClient {
  ws: WebSocket;
  sessionId: string;
  /** Every text frame received, in order. */
  frames: string[];
  send(frame: string): void;
  /** Publishes `5:[ackId+]::{"name":"ftrack.event","args":[event]}`. */
  publish(event: Record<string, unknown>, ackId?: number): void;
  subscribe(subscription: string, subscriber: Record<string, unknown>, ackId?: number): void;
  /** Resolves with the first received frame (past or future) that satisfies `predicate`. */
  waitFor(predicate: (frame: string) => boolean, what?: string, timeoutMs?: number): Promise<string>;
  /** Event payloads received (`5:::` frames), in order. */
  events(): Array<Record<string, unknown>>;
  /** Resolves when the socket closed, with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export interface RawClientOptions {
  /** User to authenticate as. Defaults to the first user. */
  user?: StandinUser;
  /** How to send credentials in the handshake. Defaults to `header` (Python style). */
  auth?: 'header' | 'query';
  /** How to answer the server's `2::`: `'2:::'` (Python), `'2::'` (JavaScript) or `null` (stay silent). Defaults to `'2:::'`. */
  heartbeatReply?: '2:::' | '2::' | null;
}

/** Does the handshake and opens the WebSocket like an official client; resolves once open. */
export async function connectRawClient(started: StartedHubServer, options: RawClientOptions = {}): Promise<RawHubClient> {
  const user = options.user ?? started.users[0]!;
  const auth = options.auth ?? 'header';
  const query = new URLSearchParams({ api_user: user.username, api_key: user.apiKey }).toString();
  const response = await fetch(`${started.url}/socket.io/1/${auth === 'query' ? `?${query}` : ''}`, {
    headers: auth === 'header' ? { 'ftrack-user': user.username, 'ftrack-api-key': user.apiKey } : {},
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`handshake failed: ${response.status} ${body}`);
  const sessionId = body.split(':')[0]!;
  const wsUrl = `${started.url.replace(/^http/, 'ws')}/socket.io/1/websocket/${sessionId}${auth === 'query' ? `?${query}` : ''}`;
  const ws = new WebSocket(wsUrl);
  const frames: string[] = [];
  const waiters = new Set<() => void>();
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const waiter of waiters) waiter();
    });
  });
  ws.on('error', () => {});
  ws.on('message', (data) => {
    const frame = data.toString();
    frames.push(frame);
    const reply = options.heartbeatReply === undefined ? '2:::' : options.heartbeatReply;
    if (frame === '2::' && reply !== null) ws.send(reply);
    for (const waiter of waiters) waiter();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const client: RawHubClient = {
    ws,
    sessionId,
    frames,
    send: (frame) => ws.send(frame),
    publish: (event, ackId) =>
      ws.send(`5:${ackId === undefined ? '' : `${ackId}+`}::${JSON.stringify({ name: 'ftrack.event', args: [event] })}`),
    subscribe: (subscription, subscriber, ackId) =>
      client.publish({ topic: 'ftrack.meta.subscribe', data: { subscriber, subscription } }, ackId),
    waitFor: (predicate, what = 'a matching frame', timeoutMs = 10_000) =>
      new Promise<string>((resolve, reject) => {
        let seen = 0;
        const check = (): void => {
          for (; seen < frames.length; seen++) {
            if (predicate(frames[seen]!)) {
              cleanup();
              resolve(frames[seen]!);
              return;
            }
          }
          if (ws.readyState === ws.CLOSED) {
            cleanup();
            reject(new Error(`socket closed while waiting for ${what}; frames: ${JSON.stringify(frames.slice(-5))}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${what}; frames: ${JSON.stringify(frames.slice(-5))}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    events: () =>
      frames.filter((frame) => frame.startsWith('5:::')).map((frame) => (JSON.parse(frame.slice(4)) as { args: Array<Record<string, unknown>> }).args[0]!),
    closed,
    close: () => ws.close(),
  };
  return client;
}
