import { decodeEventData, decodePacket, encodeEvent, encodePacket, parseHandshake } from '../../../socketio/packet.js';
import { Event } from '../../../event/event.js';
import { compileExpression, type CompiledExpression } from '../../../event/expression/index.js';
import { uuid } from './dom.js';

/**
 * The page's event hub client: socket.io 0.9 over the browser's WebSocket,
 * with the project's shared framing (`src/socketio/packet.ts`), event
 * (`src/event/event.ts`) and expression code. Like the ftrack JS client it
 * publishes without ack ids; unlike it, it evaluates targets and full
 * subscription expressions locally, so only matching subscribers are called.
 */

export type HubState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface BrowserHubOptions {
  serverUrl: string;
  username: string;
  apiKey: string;
  /** Metadata of every subscriber of this page (`applicationId`, `user`); `id` is added per subscriber. */
  subscriberMetadata: Record<string, unknown>;
  onState?: (state: HubState, detail?: string) => void;
}

interface Subscriber {
  id: string;
  expression: CompiledExpression;
  metadata: Record<string, unknown>;
  callback: (event: Event) => void;
}

/** Without a server heartbeat for this long the socket is considered dead (server sends one every ~10 s). */
const HEARTBEAT_WATCHDOG_MS = 25_000;
const MAX_BACKOFF_MS = 10_000;

export class BrowserEventHub {
  /** Hub id: `source.id` of everything the page publishes, and id of its reply subscriber. */
  readonly id = uuid();
  private readonly options: BrowserHubOptions;
  private readonly subscribers = new Map<string, Subscriber>();
  private readonly replyHandlers = new Map<string, (reply: Event) => void>();
  private readonly queue: string[] = [];
  private socket: WebSocket | undefined;
  private state: HubState = 'connecting';
  private attempts = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(options: BrowserHubOptions) {
    this.options = options;
    this.subscribers.set(this.id, {
      id: this.id,
      expression: compileExpression('topic=ftrack.meta.reply'),
      metadata: { ...options.subscriberMetadata, id: this.id },
      callback: (reply) => this.replyHandlers.get(reply.inReplyToEvent ?? '')?.(reply),
    });
  }

  get connected(): boolean {
    return this.state === 'connected';
  }

  /** Starts connecting; reconnects with backoff until {@link close}. */
  connect(): void {
    void this.open();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.watchdog);
    this.replyHandlers.clear();
    this.socket?.close();
    this.setState('closed');
  }

  /** Subscribes locally and on the server; returns the subscriber id. */
  subscribe(expression: string, callback: (event: Event) => void): string {
    const id = uuid();
    const subscriber = { id, expression: compileExpression(expression), metadata: { ...this.options.subscriberMetadata, id }, callback };
    this.subscribers.set(id, subscriber);
    if (this.connected) this.sendSubscribe(subscriber);
    return id;
  }

  /**
   * Publishes an event (queued while disconnected). `onReply` gets every
   * `ftrack.meta.reply` to it until {@link forgetReplies} is called.
   */
  publish(topic: string, data: unknown, options: { target?: string; onReply?: (reply: Event) => void } = {}): string {
    const event = new Event(topic, data, {
      source: { ...this.options.subscriberMetadata, id: this.id },
      target: options.target ?? '',
    });
    if (options.onReply) this.replyHandlers.set(event.id, options.onReply);
    this.send(encodeEvent('ftrack.event', [event.toJSON()]));
    return event.id;
  }

  forgetReplies(eventId: string): void {
    this.replyHandlers.delete(eventId);
  }

  private setState(state: HubState, detail?: string): void {
    this.state = state;
    this.options.onState?.(state, detail);
  }

  private send(frame: string): void {
    if (this.socket?.readyState === WebSocket.OPEN && this.connected) {
      this.socket.send(frame);
    } else {
      this.queue.push(frame);
    }
  }

  private sendSubscribe(subscriber: Subscriber): void {
    const event = new Event('ftrack.meta.subscribe', {
      subscriber: subscriber.metadata,
      subscription: subscriber.expression.source,
    }, { source: { ...this.options.subscriberMetadata, id: this.id } });
    this.socket?.send(encodeEvent('ftrack.event', [event.toJSON()]));
  }

  private async open(): Promise<void> {
    if (this.closed) return;
    this.setState(this.attempts === 0 ? 'connecting' : 'reconnecting');
    const { serverUrl, username, apiKey } = this.options;
    const auth = `api_user=${encodeURIComponent(username)}&api_key=${encodeURIComponent(apiKey)}`;
    try {
      const response = await fetch(`${serverUrl}/socket.io/1/?${auth}`);
      if (!response.ok) throw new Error(`handshake answered HTTP ${response.status}`);
      const handshake = parseHandshake(await response.text());
      if (this.closed) return;
      const socket = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}/socket.io/1/websocket/${handshake.sessionId}?${auth}`);
      this.socket = socket;
      socket.onopen = () => this.onOpen(socket);
      socket.onmessage = (message) => this.onFrame(socket, message.data);
      socket.onclose = () => this.onClose(socket, 'the socket closed');
    } catch (error) {
      this.scheduleReconnect(error instanceof Error ? error.message : String(error));
    }
  }

  private onOpen(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.attempts = 0;
    this.setState('connected');
    this.armWatchdog(socket);
    // Replay order: subscribers first, then what was published while offline.
    for (const subscriber of this.subscribers.values()) this.sendSubscribe(subscriber);
    for (const frame of this.queue.splice(0)) socket.send(frame);
  }

  private onFrame(socket: WebSocket, data: unknown): void {
    if (socket !== this.socket || typeof data !== 'string') return;
    let packet;
    try {
      packet = decodePacket(data);
    } catch {
      return; // not socket.io: ignore, as the ftrack clients do
    }
    switch (packet.type) {
      case 'heartbeat':
        this.armWatchdog(socket);
        socket.send(encodePacket({ type: 'heartbeat', endpoint: '' }));
        return;
      case 'event':
        this.onEvent(packet.data ?? '');
        return;
      case 'error':
        socket.close();
        return;
      default:
        return;
    }
  }

  private onEvent(data: string): void {
    let event: Event;
    try {
      const decoded = decodeEventData(data);
      if (decoded.name !== 'ftrack.event') return;
      event = Event.fromPayload(decoded.args[0]);
    } catch {
      return;
    }
    let target: CompiledExpression | undefined;
    if (event.target) {
      try {
        target = compileExpression(event.target);
      } catch {
        return; // an invalid target matches nobody (Python drops such events too)
      }
    }
    for (const subscriber of [...this.subscribers.values()]) {
      if (target && !target.match(subscriber.metadata)) continue;
      if (!subscriber.expression.match(event.toJSON())) continue;
      try {
        subscriber.callback(event);
      } catch {
        // A failing view update must not stop delivery to the other subscribers.
      }
    }
  }

  private armWatchdog(socket: WebSocket): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => socket.close(), HEARTBEAT_WATCHDOG_MS);
  }

  private onClose(socket: WebSocket, reason: string): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    clearTimeout(this.watchdog);
    this.scheduleReconnect(reason);
  }

  private scheduleReconnect(reason: string): void {
    if (this.closed) return;
    this.setState('reconnecting', reason);
    const delay = Math.min(1000 * 2 ** this.attempts, MAX_BACKOFF_MS) * (1 + Math.random() / 2);
    this.attempts += 1;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.open(), delay);
  }
}
