import type { WebSocketFactory } from '../../../src/socketio/connection.js';

type Listener = (...args: unknown[]) => void;

/** A scripted in-memory WebSocket for EventHub unit tests (injected, not patched). */
export class FakeSocket {
  readyState = 0;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly sent: string[] = [];
  readonly #listeners = new Map<string, Listener[]>();

  constructor(url: string, options?: { headers?: Record<string, string> }) {
    this.url = url;
    this.headers = options?.headers ?? {};
  }

  on(event: string, listener: Listener): this {
    const list = this.#listeners.get(event) ?? [];
    list.push(listener);
    this.#listeners.set(event, list);
    return this;
  }

  #emit(event: string, ...args: unknown[]): void {
    for (const listener of this.#listeners.get(event) ?? []) listener(...args);
  }

  send(data: string): void {
    this.sent.push(data);
  }

  close(): void {
    this.terminate();
  }

  terminate(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.#emit('close', 1006, '');
  }

  // Test controls
  open(): void {
    this.readyState = 1;
    this.#emit('open');
  }

  receive(frame: string, isBinary = false): void {
    this.#emit('message', isBinary ? new TextEncoder().encode(frame) : frame, isBinary);
  }

  serverClose(): void {
    this.terminate();
  }

  fail(error = new Error('boom')): void {
    this.#emit('error', error);
    this.terminate();
  }
}

export interface FakeNetwork {
  WebSocket: WebSocketFactory;
  sockets: FakeSocket[];
  fetch: typeof fetch;
  handshakes: Array<{ url: string; headers: Record<string, string> }>;
  /** HTTP status of the next handshakes (default 200). */
  status: number;
  /** Open sockets automatically on the next microtask (default true). */
  autoOpen: boolean;
  last(): FakeSocket;
}

export function fakeNetwork(): FakeNetwork {
  const net: FakeNetwork = {
    sockets: [],
    handshakes: [],
    status: 200,
    autoOpen: true,
    WebSocket: undefined as unknown as WebSocketFactory,
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      net.handshakes.push({ url: String(input), headers: { ...(init?.headers as Record<string, string>) } });
      return new Response(net.status === 200 ? `sid${net.handshakes.length}:60:60:websocket` : 'no', { status: net.status });
    }) as typeof fetch,
    last() {
      const socket = net.sockets.at(-1);
      if (!socket) throw new Error('no socket yet');
      return socket;
    },
  };
  // FakeSocket's loose on(event: string, …) stands in for ws's overloads.
  net.WebSocket = class extends FakeSocket {
    constructor(url: string, options?: { headers?: Record<string, string> }) {
      super(url, options);
      net.sockets.push(this);
      if (net.autoOpen) queueMicrotask(() => this.open());
    }
  } as unknown as WebSocketFactory;
  return net;
}

/** Event frames (`5:…`) the client sent, decoded to their event payload. */
export function sentEvents(socket: FakeSocket): Array<{ ackId: number | undefined; event: Record<string, unknown> }> {
  return socket.sent
    .filter((frame) => frame.startsWith('5:'))
    .map((frame) => {
      const match = /^5:(\d*)\+?::([\s\S]*)$/.exec(frame)!;
      const body = JSON.parse(match[2]!) as { args: Array<Record<string, unknown>> };
      return { ackId: match[1] ? Number(match[1]) : undefined, event: body.args[0]! };
    });
}
