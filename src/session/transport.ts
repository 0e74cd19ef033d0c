import { backoffDelay } from '../internal/backoff.js';
import type { Logger } from '../logger.js';
import type { SessionAuthentication } from './authentication.js';
import type { FetchLike } from './options.js';
import {
  MalformedResponseError,
  ServerError,
  ServerUnreachableError,
  SessionClosedError,
  SessionTimeoutError,
  fromServer,
} from './errors.js';

/** One operation of a `/api` batch. */
export type Operation = { action: string } & Record<string, unknown>;

/**
 * Actions without side effects: only calls made entirely of these are merged
 * with other calls (and re-sent alone when a merged request fails). Any other
 * action (`create`, `update`, `delete`, `encode_media`, `get_upload_metadata`,
 * `complete_multipart_upload`, `reset_remote`, `delayed_job`, invites, unknown
 * actions…) keeps its call in a request of its own, so it reaches the server
 * exactly once per call.
 */
export const READ_ONLY_ACTIONS: ReadonlySet<string> = new Set([
  'query',
  'search',
  'query_schemas',
  'query_server_information',
  'get_widget_url',
  'permissions',
]);

/** Actions safe to send twice: only these are retried (the read-only ones and `get_upload_metadata`). */
export const IDEMPOTENT_ACTIONS: ReadonlySet<string> = new Set([...READ_ONLY_ACTIONS, 'get_upload_metadata']);

/** Whether every operation of a call is read-only (see {@link READ_ONLY_ACTIONS}). */
export function isReadOnly(operations: readonly Operation[]): boolean {
  return operations.every((op) => READ_ONLY_ACTIONS.has(op.action));
}

export interface TransportOptions {
  serverUrl: string;
  auth: SessionAuthentication;
  fetch: FetchLike;
  timeoutMs: number;
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
  maxRetries: number;
  retryBaseDelayMs: number;
  logger: Logger;
  /** Version of the server once known, for compatibility errors. */
  serverVersion?: () => string | undefined;
  /** Most operations in one merged request. Defaults to 1000. */
  maxBatchSize?: number;
}

interface Pending {
  operations: Operation[];
  resolve: (results: unknown[]) => void;
  reject: (error: unknown) => void;
}

const RETRY_STATUS = new Set([429, 502, 503, 504]);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

/**
 * Jittered exponential delay: base·2^attempt, between 50 % and 100 % of it
 * (the shared {@link backoffDelay}, uncapped; a larger `random()` waits longer).
 */
export function retryDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  return backoffDelay(attempt, { minMs: baseMs, maxMs: Number.MAX_SAFE_INTEGER, factor: 2, jitter: 0.5 }, () => 1 - random());
}

/**
 * Posts operation batches to `{serverUrl}/api`. Read-only `call()`s made in
 * the same tick join one HTTP request; each caller gets its own slice of the
 * results. When the server rejects a merged request (its error envelope does
 * not say which operation failed), each caller's operations are sent again on
 * their own so that only the faulty caller sees the error: safe because they
 * are reads. A call with a side effect is never merged (nor re-sent): it
 * travels alone, so a server that is not all-or-nothing cannot run it twice.
 * When a tick holds such calls, its requests go out one after another in call
 * order, as the single merged request used to apply them.
 */
export class Transport {
  readonly url: string;
  /** Requests sent and operations carried, for benchmarks and tests. */
  readonly stats = { requests: 0, operations: 0, retries: 0 };
  readonly #options: TransportOptions;
  readonly #cookies: Map<string, string>;
  readonly #closing = new AbortController();
  #pending: Pending[] = [];
  #scheduled = false;
  #closed = false;

  constructor(options: TransportOptions) {
    this.#options = options;
    this.url = `${options.serverUrl}/api`;
    this.#cookies = new Map(Object.entries(options.cookies ?? {}));
  }

  /** Sends `operations` (merged with the other calls of this tick); resolves with their results in order. */
  call(operations: readonly Operation[]): Promise<unknown[]> {
    if (this.#closed) return Promise.reject(new SessionClosedError());
    if (operations.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.#pending.push({ operations: [...operations], resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  /** The `Cookie` header value, built from the option and the cookies the server set. */
  cookieHeader(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Rejects pending and future calls. */
  close(): void {
    this.#closed = true;
    this.#closing.abort();
    const pending = this.#pending;
    this.#pending = [];
    for (const p of pending) p.reject(new SessionClosedError());
  }

  #flush(): void {
    this.#scheduled = false;
    const pending = this.#pending;
    this.#pending = [];
    const max = this.#options.maxBatchSize ?? 1000;
    const groups: Pending[][] = [];
    let group: Pending[] = [];
    let size = 0;
    let writes = false;
    const cut = (): void => {
      if (group.length > 0) groups.push(group);
      group = [];
      size = 0;
    };
    for (const p of pending) {
      if (!isReadOnly(p.operations)) {
        writes = true;
        cut();
        groups.push([p]);
        continue;
      }
      if (size > 0 && size + p.operations.length > max) cut();
      group.push(p);
      size += p.operations.length;
    }
    cut();
    const send = (g: Pending[]): Promise<void> => this.#sendGroup(g).catch((error: unknown) => g.forEach((p) => p.reject(error)));
    if (!writes) {
      for (const g of groups) void send(g);
      return;
    }
    void (async () => {
      for (const g of groups) await send(g);
    })();
  }

  async #sendGroup(group: Pending[]): Promise<void> {
    // Identical read operations in one request are sent once.
    const unique: Operation[] = [];
    const indexOf = new Map<string, number>();
    const slots = group.map((p) =>
      p.operations.map((op) => {
        if (!IDEMPOTENT_ACTIONS.has(op.action)) return unique.push(op) - 1;
        const key = JSON.stringify(op);
        let index = indexOf.get(key);
        if (index === undefined) {
          index = unique.push(op) - 1;
          indexOf.set(key, index);
        }
        return index;
      }),
    );
    try {
      const results = await this.send(unique);
      group.forEach((p, i) => p.resolve(slots[i]!.map((index) => results[index])));
    } catch (error) {
      const reads = group.every((p) => isReadOnly(p.operations));
      if (group.length > 1 && reads && error instanceof ServerError && !(error instanceof MalformedResponseError)) {
        await Promise.all(
          group.map((p) =>
            this.send(p.operations).then(p.resolve, p.reject),
          ),
        );
        return;
      }
      for (const p of group) p.reject(error);
    }
  }

  /** Sends one request now (no merging), with retries for idempotent batches. */
  async send(operations: readonly Operation[]): Promise<unknown[]> {
    const idempotent = operations.every((op) => IDEMPOTENT_ACTIONS.has(op.action));
    const { maxRetries, retryBaseDelayMs } = this.#options;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#sendOnce(operations);
      } catch (error) {
        const retriable = error instanceof RetriableError;
        if (!retriable || !idempotent || attempt >= maxRetries || this.#closed) {
          throw retriable ? error.final : error;
        }
        this.stats.retries++;
        const wait = error.retryAfterMs ?? retryDelay(attempt, retryBaseDelayMs);
        this.#options.logger.debug({ attempt: attempt + 1, waitMs: wait, reason: error.final.message }, 'retrying API call');
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  async #sendOnce(operations: readonly Operation[]): Promise<unknown[]> {
    const { auth, fetch, timeoutMs, logger } = this.#options;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      ...this.#options.headers,
    };
    auth.apply(headers);
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    const started = Date.now();
    this.stats.requests++;
    this.stats.operations += operations.length;
    let response: Response;
    let text: string;
    try {
      const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), this.#closing.signal]);
      response = await fetch(this.url, { method: 'POST', headers, body: JSON.stringify(operations), signal });
      text = await response.text();
    } catch (error) {
      throw this.#networkError(error);
    }
    this.#keepCookies(response);
    logger.debug({ operations: operations.length, status: response.status, ms: Date.now() - started }, 'API call');
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      const error = new MalformedResponseError(
        `The server at ${this.url} answered HTTP ${response.status} with a body that is not JSON: ${JSON.stringify(auth.redact(text.slice(0, 200)))}. Check the server URL and that the server is an ftrack server`,
        { status: response.status },
      );
      if (RETRY_STATUS.has(response.status)) throw new RetriableError(error, retryAfter(response));
      throw error;
    }
    if (payload && typeof payload === 'object' && !Array.isArray(payload) && 'exception' in payload) {
      const error = fromServer(payload, { status: response.status, serverVersion: this.#options.serverVersion?.() });
      if (RETRY_STATUS.has(response.status)) throw new RetriableError(error, retryAfter(response));
      throw error;
    }
    if (RETRY_STATUS.has(response.status)) {
      throw new RetriableError(new ServerError(`The server at ${this.url} is busy or unavailable (HTTP ${response.status})`, { status: response.status }), retryAfter(response));
    }
    if (!response.ok || !Array.isArray(payload) || payload.length !== operations.length) {
      throw new MalformedResponseError(
        `The server at ${this.url} answered HTTP ${response.status} with ${Array.isArray(payload) ? `${payload.length} results for ${operations.length} operations` : 'something other than a list of results'}`,
        { status: response.status },
      );
    }
    return payload;
  }

  #networkError(error: unknown): Error {
    if (this.#closed) return new SessionClosedError();
    const err = error as { name?: string; cause?: { code?: string; message?: string }; code?: string; message?: string };
    if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
      return new SessionTimeoutError(
        `No answer from ${this.url} within ${this.#options.timeoutMs / 1000} s; raise the "timeout" option (seconds) or check the server`,
      );
    }
    const code = err?.cause?.code ?? err?.code;
    const reason = code ?? err?.cause?.message ?? err?.message ?? 'network error';
    const unreachable = new ServerUnreachableError(
      `Cannot reach the ftrack server at ${this.url} (${reason}); check the server URL (option "serverUrl" or FTRACK_SERVER) and your network`,
      { cause: error },
    );
    if (code && UNREACHABLE_CODES.has(code)) return unreachable;
    return new RetriableError(unreachable);
  }

  #keepCookies(response: Response): void {
    const list = typeof response.headers.getSetCookie === 'function' ? response.headers.getSetCookie() : [];
    for (const line of list) {
      const pair = line.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) this.#cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
}

class RetriableError extends Error {
  readonly final: Error;
  readonly retryAfterMs: number | undefined;
  constructor(final: Error, retryAfterMs?: number) {
    super(final.message);
    this.final = final;
    this.retryAfterMs = retryAfterMs;
  }
}

function retryAfter(response: Response): number | undefined {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value > 0 ? Math.min(value * 1000, 30_000) : undefined;
}
