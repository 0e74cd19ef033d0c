import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Caches of entity data, after the Python API's `ftrack_api.cache`. A session
 * always keeps its live entities in memory (the identity map); a cache given
 * as the `cache` option is the layer below it, and receives each entity's
 * data as a JSON-safe object (see `Session`), so a {@link FileCache} lets a
 * new session answer `get()` without asking the server.
 *
 * Unlike Python, `get()` returns `undefined` for a missing key (no KeyError).
 */
export interface Cache<V = unknown> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  /** True when the key was present. */
  remove(key: string): boolean;
  keys(): string[];
  values(): V[];
  /** Removes every key, or those matching `pattern`. */
  clear(pattern?: RegExp): void;
  /** Writes pending data to its store (file caches). */
  flush?(): void;
}

/** A plain in-memory map. */
export class MemoryCache<V = unknown> implements Cache<V> {
  readonly #map = new Map<string, V>();
  get(key: string): V | undefined {
    return this.#map.get(key);
  }
  set(key: string, value: V): void {
    this.#map.set(key, value);
  }
  remove(key: string): boolean {
    return this.#map.delete(key);
  }
  keys(): string[] {
    return [...this.#map.keys()];
  }
  values(): V[] {
    return [...this.#map.values()];
  }
  clear(pattern?: RegExp): void {
    if (!pattern) return this.#map.clear();
    for (const key of this.keys()) if (pattern.test(key)) this.#map.delete(key);
  }
}

/**
 * A cache stored in one JSON file; it survives restarts. Values must be
 * strings (wrap it in a {@link SerialisedCache} for objects), as with the
 * Python API's dbm-based FileCache. Writes are batched: the file is rewritten
 * (atomically, through a temporary file) at most once per tick, and on `flush()`.
 */
export class FileCache implements Cache<string> {
  readonly path: string;
  readonly #data: Map<string, string>;
  #timer: NodeJS.Immediate | undefined;

  constructor(path: string) {
    this.path = path;
    this.#data = new Map();
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') this.#data.set(key, value);
    } catch {
      // Missing or unreadable file: start empty, as the Python cache does.
    }
  }
  get(key: string): string | undefined {
    return this.#data.get(key);
  }
  set(key: string, value: string): void {
    if (typeof value !== 'string') throw new TypeError('FileCache values must be strings; wrap the cache in a SerialisedCache');
    this.#data.set(key, value);
    this.#schedule();
  }
  remove(key: string): boolean {
    const had = this.#data.delete(key);
    if (had) this.#schedule();
    return had;
  }
  keys(): string[] {
    return [...this.#data.keys()];
  }
  values(): string[] {
    return [...this.#data.values()];
  }
  clear(pattern?: RegExp): void {
    for (const key of this.keys()) if (!pattern || pattern.test(key)) this.#data.delete(key);
    this.#schedule();
  }
  flush(): void {
    if (this.#timer) clearImmediate(this.#timer);
    this.#timer = undefined;
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.#data)));
    renameSync(tmp, this.path);
  }
  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setImmediate(() => this.flush());
    this.#timer.unref();
  }
}

/** Encodes values on the way in and decodes them on the way out of another cache. */
export class SerialisedCache<V = unknown, S = string> implements Cache<V> {
  readonly proxied: Cache<S>;
  readonly #encode: (value: V) => S;
  readonly #decode: (value: S) => V;
  constructor(proxied: Cache<S>, encode: (value: V) => S = (v) => JSON.stringify(v) as S, decode: (value: S) => V = (s) => JSON.parse(s as string) as V) {
    this.proxied = proxied;
    this.#encode = encode;
    this.#decode = decode;
  }
  get(key: string): V | undefined {
    const raw = this.proxied.get(key);
    return raw === undefined ? undefined : this.#decode(raw);
  }
  set(key: string, value: V): void {
    this.proxied.set(key, this.#encode(value));
  }
  remove(key: string): boolean {
    return this.proxied.remove(key);
  }
  keys(): string[] {
    return this.proxied.keys();
  }
  values(): V[] {
    return this.proxied.values().map((v) => this.#decode(v));
  }
  clear(pattern?: RegExp): void {
    this.proxied.clear(pattern);
  }
  flush(): void {
    this.proxied.flush?.();
  }
}

/** Passes everything through to another cache (a base for custom behaviour). */
export class ProxyCache<V = unknown> implements Cache<V> {
  readonly proxied: Cache<V>;
  constructor(proxied: Cache<V>) {
    this.proxied = proxied;
  }
  get(key: string): V | undefined {
    return this.proxied.get(key);
  }
  set(key: string, value: V): void {
    this.proxied.set(key, value);
  }
  remove(key: string): boolean {
    return this.proxied.remove(key);
  }
  keys(): string[] {
    return this.proxied.keys();
  }
  values(): V[] {
    return this.proxied.values();
  }
  clear(pattern?: RegExp): void {
    this.proxied.clear(pattern);
  }
  flush(): void {
    this.proxied.flush?.();
  }
}

/**
 * Several caches, top first. `get` tries each in turn and back-fills the
 * layers above the one that had the value; `set` writes every layer;
 * `remove` succeeds when any layer had the key.
 */
export class LayeredCache<V = unknown> implements Cache<V> {
  readonly caches: Cache<V>[];
  constructor(caches: Cache<V>[]) {
    this.caches = caches;
  }
  get(key: string): V | undefined {
    for (let i = 0; i < this.caches.length; i++) {
      const value = this.caches[i]!.get(key);
      if (value !== undefined) {
        for (let j = 0; j < i; j++) this.caches[j]!.set(key, value);
        return value;
      }
    }
    return undefined;
  }
  set(key: string, value: V): void {
    for (const cache of this.caches) cache.set(key, value);
  }
  remove(key: string): boolean {
    let found = false;
    for (const cache of this.caches) found = cache.remove(key) || found;
    return found;
  }
  keys(): string[] {
    return [...new Set(this.caches.flatMap((c) => c.keys()))];
  }
  values(): V[] {
    return this.keys().map((k) => this.get(k)!);
  }
  clear(pattern?: RegExp): void {
    for (const cache of this.caches) cache.clear(pattern);
  }
  flush(): void {
    for (const cache of this.caches) cache.flush?.();
  }
}
