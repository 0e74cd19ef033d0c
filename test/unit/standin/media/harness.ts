// Test harness for the media part alone: a fake entity store and context, the
// real media routes on a real HTTP server at 127.0.0.1:0.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LOCATION_IDS,
  type ActionHandler,
  type EntityChange,
  type EntityRecord,
  type EntityStore,
  type StandinContext,
  type StandinUser,
  type UrlSigner,
} from '../../../../src/standin/context.js';
import { silentLogger } from '../../../../src/logger.js';
import type { PreparedActionHandler } from '../../../../src/standin/api/router.js';
import { mountMedia, type MediaMount, type MediaOptions } from '../../../../src/standin/media/index.js';

const COMPONENT_TYPES = ['FileComponent', 'SequenceComponent', 'ContainerComponent'];
const CONTEXT_TYPES = ['Project', 'Task', 'Shot'];

/** In-memory store: enough of the EntityStore contract for the media code (`is` and `in (…)` conditions joined by `and`). */
export class FakeStore implements EntityStore {
  readonly schemas = [];
  readonly tables = new Map<string, Map<string, EntityRecord>>();
  readonly changes: EntityChange[] = [];
  /** Every query expression run, in order. */
  readonly queries: string[] = [];
  private listeners: ((changes: EntityChange[]) => void)[] = [];

  private table(type: string): Map<string, EntityRecord> {
    let t = this.tables.get(type);
    if (!t) this.tables.set(type, (t = new Map()));
    return t;
  }
  private keyOf(type: string, data: Record<string, unknown>): string {
    if (type === 'Metadata') return `${String(data.parent_id)}:${String(data.key)}`;
    if (type === 'JobComponent') return `${String(data.component_id)}:${String(data.job_id)}`;
    return String(data.id);
  }
  private concrete(type: string): string[] {
    if (type === 'Component') return COMPONENT_TYPES;
    if (type === 'TypedContext' || type === 'Context') return CONTEXT_TYPES;
    return [type];
  }
  private find(type: string, key: string | readonly string[] | Record<string, unknown>): EntityRecord | undefined {
    const k = typeof key === 'string' ? key : Array.isArray(key) ? key.join(':') : String((key as Record<string, unknown>).id);
    for (const t of this.concrete(type)) {
      const hit = this.tables.get(t)?.get(k);
      if (hit) return hit;
    }
    return undefined;
  }
  private emit(change: EntityChange): void {
    this.changes.push(change);
    for (const l of this.listeners) l([change]);
  }

  transaction<T>(fn: () => T): T {
    return fn();
  }
  create(entityType: string, data: Record<string, unknown>, user?: StandinUser): EntityRecord {
    const record: EntityRecord = { id: randomUUID(), ...data, __entity_type__: entityType };
    if (entityType === 'FileComponent') record.system_type = 'file';
    if (entityType === 'SequenceComponent') record.system_type = 'sequence';
    const key = this.keyOf(entityType, record);
    if (this.table(entityType).has(key)) throw new Error(`duplicate ${entityType} ${key}`);
    this.table(entityType).set(key, record);
    this.emit({ action: 'add', entityType, entityId: key, changes: {}, ...(user ? { user } : {}) });
    return record;
  }
  update(entityType: string, key: string | readonly string[] | Record<string, unknown>, data: Record<string, unknown>): EntityRecord {
    const record = this.find(entityType, key);
    if (!record) throw new Error(`${entityType} ${JSON.stringify(key)} not found`);
    const changes: Record<string, { old: unknown; new: unknown }> = {};
    for (const [k, v] of Object.entries(data)) changes[k] = { old: record[k], new: v };
    Object.assign(record, data);
    this.emit({ action: 'update', entityType: record.__entity_type__, entityId: String(record.id), changes });
    return record;
  }
  delete(entityType: string, key: string | readonly string[] | Record<string, unknown>): void {
    const record = this.find(entityType, key);
    if (!record) throw new Error(`${entityType} ${JSON.stringify(key)} not found`);
    this.table(record.__entity_type__).delete(this.keyOf(record.__entity_type__, record));
    this.emit({ action: 'remove', entityType: record.__entity_type__, entityId: String(record.id), changes: {} });
  }
  get(entityType: string, key: string | readonly string[] | Record<string, unknown>): EntityRecord | undefined {
    return this.find(entityType, key);
  }
  query(expression: string): { data: EntityRecord[]; next: null } {
    this.queries.push(expression);
    const m = /^select .+? from (\w+)(?: where (.+))?$/.exec(expression.trim());
    if (!m) throw new Error(`fake store cannot parse: ${expression}`);
    const conditions = (m[2] ?? '').split(' and ').filter(Boolean).map((c) => {
      const is = /^(\w+) is "([^"]*)"$/.exec(c.trim());
      if (is) return [is[1]!, new Set([is[2]!])] as const;
      const within = /^(\w+) in \(((?:"[^"]*"(?:, )?)*)\)$/.exec(c.trim());
      if (within) return [within[1]!, new Set([...within[2]!.matchAll(/"([^"]*)"/g)].map((v) => v[1]!))] as const;
      throw new Error(`fake store cannot parse condition: ${c}`);
    });
    const rows: EntityRecord[] = [];
    for (const t of this.concrete(m[1]!)) {
      for (const r of this.tables.get(t)?.values() ?? []) if (conditions.every(([k, values]) => values.has(String(r[k])))) rows.push(r);
    }
    return { data: rows, next: null };
  }
  onChange(listener: (changes: EntityChange[]) => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }
  close(): void {}
  all(type: string): EntityRecord[] {
    return [...(this.tables.get(type)?.values() ?? [])];
  }
}

/** HMAC signer with an injectable clock (for expiry tests). */
export class TestSigner implements UrlSigner {
  now = (): number => Date.now();
  private readonly secret = 'test-secret';
  private mac(path: string, params: Record<string, string>): string {
    const text = path + '?' + Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');
    return createHmac('sha256', this.secret).update(text).digest('hex');
  }
  sign(path: string, params: Record<string, string>, ttlSeconds: number): string {
    const all = { ...params, expires: String(Math.floor(this.now() / 1000) + ttlSeconds) };
    return `${path}?${new URLSearchParams({ ...all, signature: this.mac(path, all) }).toString()}`;
  }
  verify(url: URL): { ok: true; params: Record<string, string> } | { ok: false; reason: 'missing' | 'bad-signature' | 'expired' } {
    const signature = url.searchParams.get('signature');
    if (!signature) return { ok: false, reason: 'missing' };
    const params: Record<string, string> = {};
    for (const [k, v] of url.searchParams) if (k !== 'signature') params[k] = v;
    const expected = Buffer.from(this.mac(url.pathname, params));
    if (expected.length !== signature.length || !timingSafeEqual(expected, Buffer.from(signature))) return { ok: false, reason: 'bad-signature' };
    if (Number(params.expires) * 1000 < this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, params };
  }
}

export const USER: StandinUser = { id: 'u-1', username: 'alice', apiKey: 'key-1', roles: ['Administrator'] };

export interface Harness {
  url: string;
  store: FakeStore;
  signer: TestSigner;
  mediaDir: string;
  media: MediaMount;
  server: Server;
  /** Runs an action like /api does: in a transaction, then the afterCommit work. */
  call(action: string, op: Record<string, unknown>): unknown;
  /** Like `call`, but first awaits the action's async `prepare` step as /api does. */
  callAsync(action: string, op: Record<string, unknown>): Promise<unknown>;
  close(): Promise<void>;
}

export async function startHarness(options: MediaOptions = {}, existing?: FakeStore): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'media-test-'));
  const store = existing ?? new FakeStore();
  const signer = new TestSigner();
  const actions = new Map<string, ActionHandler>();
  let url = '';
  const context: StandinContext = {
    get url() {
      return url;
    },
    dataDir: dir,
    mediaDir: join(dir, 'media'),
    logger: silentLogger,
    store,
    hub: { publish: () => {} },
    signer,
    registerAction: (name, handler) => actions.set(name, handler),
    authenticate: (username, apiKey) => (username === USER.username && apiKey === USER.apiKey ? USER : undefined),
    users: () => [USER],
    onClose: () => {},
  };
  if (!existing) for (const id of Object.values(LOCATION_IDS)) store.create('Location', { id, name: id });
  const media = mountMedia(context, options);
  const server = createServer((req, res) => {
    void (async () => {
      const handled = await media.routes(req, res, new URL(req.url ?? '/', url));
      if (!handled) {
        res.writeHead(404);
        res.end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closed = false;
  return {
    url,
    store,
    signer,
    mediaDir: context.mediaDir,
    media,
    server,
    call(action, op) {
      const handler = actions.get(action);
      if (!handler) throw new Error(`no action ${action}`);
      const after: (() => void)[] = [];
      const result = store.transaction(() => handler({ action, ...op }, { user: USER, context, headers: {}, afterCommit: (fn) => after.push(fn) }));
      for (const fn of after) fn();
      return result;
    },
    async callAsync(action, op) {
      const handler = actions.get(action) as PreparedActionHandler | undefined;
      if (!handler) throw new Error(`no action ${action}`);
      const full = { action, ...op };
      const after: (() => void)[] = [];
      const call = { user: USER, context, headers: {}, afterCommit: (fn: () => void) => after.push(fn) };
      const cleanup = handler.prepare ? await handler.prepare(full, call) : undefined;
      try {
        const result = store.transaction(() => handler(full, call));
        for (const fn of after) fn();
        return result;
      } finally {
        if (cleanup) cleanup();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await media.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `fn` until it returns a value other than undefined. */
export async function waitFor<T>(fn: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
