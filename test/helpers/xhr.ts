// A minimal XMLHttpRequest over node:http, enough for the official
// @ftrack/api uploader (single and multipart PUTs) to run in Node tests.
// Install with installXhr() in `before`, remove with the returned function in `after`.
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/** `METHOD url` of every request sent through the shim (tests count part uploads with it). */
export const xhrRequests: string[] = [];

type Listener = (event: ProgressLike) => void;
interface ProgressLike {
  type: string;
  loaded: number;
  total: number;
  lengthComputable: boolean;
}

class Listeners {
  private readonly map = new Map<string, Set<Listener>>();
  addEventListener(type: string, fn: Listener): void {
    if (!this.map.has(type)) this.map.set(type, new Set());
    this.map.get(type)!.add(fn);
  }
  removeEventListener(type: string, fn: Listener): void {
    this.map.get(type)?.delete(fn);
  }
  emit(type: string, loaded: number, total: number): void {
    for (const fn of this.map.get(type) ?? []) fn({ type, loaded, total, lengthComputable: total > 0 });
  }
}

export class NodeXMLHttpRequest extends Listeners {
  readyState = 0;
  status = 0;
  statusText = '';
  response: string = '';
  responseText = '';
  timeout = 0;
  readonly upload = new Listeners();
  onreadystatechange: (() => void) | null = null;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  private method = 'GET';
  private url = '';
  private readonly headers: Record<string, string> = {};
  private responseHeaders: IncomingMessage['headers'] = {};
  private req: ClientRequest | undefined;
  private done = false;
  private sent = 0;
  private total = 0;

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }

  getResponseHeader(name: string): string | null {
    const value = this.responseHeaders[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  send(body?: Blob | Uint8Array | string | null): void {
    xhrRequests.push(`${this.method} ${this.url}`);
    this.total = body instanceof Blob ? body.size : body ? Buffer.byteLength(body as string) : 0;
    const req = request(this.url, { method: this.method, headers: { ...this.headers, 'Content-Length': String(this.total) } }, (res) => {
      this.responseHeaders = res.headers;
      this.status = res.statusCode ?? 0;
      this.statusText = res.statusMessage ?? '';
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        this.responseText = this.response = Buffer.concat(chunks).toString('utf8');
        this.finish('load');
      });
      res.on('error', () => this.finish('error'));
    });
    this.req = req;
    req.on('error', () => this.finish('error'));
    if (this.timeout > 0) req.setTimeout(this.timeout, () => {
      req.destroy();
      this.finish('timeout');
    });
    if (body instanceof Blob) {
      const stream = Readable.fromWeb(body.stream() as import('node:stream/web').ReadableStream<Uint8Array>);
      stream.on('data', (chunk: Buffer) => {
        this.sent += chunk.length;
        this.upload.emit('progress', this.sent, this.total);
      });
      stream.on('error', () => req.destroy());
      stream.pipe(req);
    } else {
      req.end(body ?? undefined);
    }
  }

  abort(): void {
    if (this.done) return;
    this.req?.destroy();
    this.finish('abort');
  }

  private finish(kind: 'load' | 'error' | 'abort' | 'timeout'): void {
    if (this.done) return;
    this.done = true;
    this.readyState = 4;
    if (kind !== 'load') this.status = 0;
    this.onreadystatechange?.();
    const handler = { load: this.onload, error: this.onerror, abort: this.onabort, timeout: this.ontimeout }[kind];
    handler?.();
    this.emit(kind, this.sent, this.total);
    this.emit('loadend', this.sent, this.total);
  }
}

/** Installs `XMLHttpRequest` and a small `window` on globalThis; returns the uninstaller. */
export function installXhr(): () => void {
  const g = globalThis as Record<string, unknown>;
  const saved = { XMLHttpRequest: g.XMLHttpRequest, window: g.window };
  g.XMLHttpRequest = NodeXMLHttpRequest;
  g.window = { navigator: { onLine: true }, addEventListener: () => {}, removeEventListener: () => {} };
  return () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete g[key];
      else g[key] = value;
    }
  };
}
