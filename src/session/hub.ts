import type { Logger } from '../logger.js';
import { Event, compileExpression } from '../event/index.js';
import type { SessionAuthentication } from './authentication.js';

/**
 * The part of `EventHub` (src/event/hub.ts) the session and its users rely on.
 * The hub is created in exactly one place, {@link createEventHub}.
 */
export interface SessionEventHub {
  readonly id: string;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  isConnected(): boolean;
  subscribe(expression: string, callback: (event: Event) => unknown, options?: { subscriber?: Record<string, unknown>; priority?: number }): string;
  unsubscribe(subscriberId: string): boolean;
  publish(event: Event | { topic: string; data?: unknown; target?: string }, options?: Record<string, unknown>): Promise<string>;
  publishLocal(event: Event | { topic: string; data?: unknown }): unknown[];
}

type HubConstructor = new (
  serverUrl: string,
  apiUser: string,
  apiKey: string,
  options?: Record<string, unknown>,
) => SessionEventHub;

/**
 * Builds the session's event hub. The handshake carries the session's extra
 * headers and cookies (the hub adds the credentials itself from the user and key).
 */
export async function createEventHub(
  serverUrl: string,
  auth: SessionAuthentication,
  options: { logger: Logger; headers?: Record<string, string>; cookie?: string },
): Promise<SessionEventHub> {
  const mod = (await import('../event/index.js')) as Record<string, unknown>;
  const Hub = mod.EventHub as HubConstructor | undefined;
  const headers = { ...options.headers, ...(options.cookie ? { cookie: options.cookie } : {}) };
  if (typeof Hub === 'function') {
    return new Hub(serverUrl, auth.apiUser, auth.revealApiKey(), { logger: options.logger, headers });
  }
  return new LocalOnlyHub(options.logger);
}

/**
 * Stand-in used only while the real EventHub is not built: local
 * subscriptions and `publishLocal` work, `connect` reports that the hub is
 * unavailable.
 */
class LocalOnlyHub implements SessionEventHub {
  readonly id = globalThis.crypto.randomUUID();
  readonly #logger: Logger;
  readonly #subscribers = new Map<string, { match: (e: unknown) => boolean; callback: (event: Event) => unknown; priority: number }>();

  constructor(logger: Logger) {
    this.#logger = logger;
  }
  async connect(): Promise<void> {
    throw new Error('The event hub client is not available in this build');
  }
  async disconnect(): Promise<void> {}
  isConnected(): boolean {
    return false;
  }
  subscribe(expression: string, callback: (event: Event) => unknown, options: { priority?: number } = {}): string {
    const id = globalThis.crypto.randomUUID();
    const compiled = compileExpression(expression);
    this.#subscribers.set(id, { match: (e) => compiled.match(e), callback, priority: options.priority ?? 100 });
    return id;
  }
  unsubscribe(subscriberId: string): boolean {
    return this.#subscribers.delete(subscriberId);
  }
  async publish(): Promise<string> {
    throw new Error('The event hub client is not available in this build');
  }
  publishLocal(input: Event | { topic: string; data?: unknown }): unknown[] {
    const event = input instanceof Event ? input : new Event(input.topic, input.data ?? {});
    const results: unknown[] = [];
    const subs = [...this.#subscribers.values()].sort((a, b) => a.priority - b.priority);
    for (const sub of subs) {
      if (event.isStopped) break;
      if (!sub.match(event.toJSON())) continue;
      try {
        results.push(sub.callback(event));
      } catch (error) {
        this.#logger.error({ err: error, topic: event.topic }, 'local subscriber failed');
      }
    }
    return results;
  }
}
