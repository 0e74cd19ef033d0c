import { AsyncLocalStorage } from 'node:async_hooks';
import { inspect } from 'node:util';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Event } from '../event/index.js';
import type { Logger } from '../logger.js';
import type { LoadResult } from '../plugin/index.js';
import { SessionAuthentication } from './authentication.js';
import { LayeredCache, MemoryCache, type Cache } from './cache.js';
import { decodeValue, encodeValue } from './codec.js';
import { Entity, INTERNALS, NOT_SET, type EntityHost, type EntitySchema } from './entity.js';
import { EntityMap } from './entity-map.js';
import { SessionInputError, SessionNotStartedError } from './errors.js';
import { connectWithoutBlocking, createEventHub, type SessionEventHub } from './hub.js';
import { StringKeyMaker, type KeyMaker } from './key-maker.js';
import {
  createComponent,
  downloadComponent,
  encodeMedia,
  getComponentUrl,
  getPlainComponentUrl,
  getSignedComponentUrls,
  getUploadMetadata,
  type CreateComponentOptions,
  type EncodeMediaOptions,
  type UploadMetadata,
} from './media.js';
import { buildCommitBatch, OperationLog, type RecordedOperation } from './operations.js';
import { resolveSessionSettings, type ResolvedSessionOptions, type SessionOptions } from './options.js';
import { QueryResult, type QueryPage } from './query.js';
import { loadServerInformationAndSchemas, type ServerInformation } from './schemas.js';
import { Transport, type Operation } from './transport.js';
import { waitForJob, type WaitForJobOptions, type WaitForJobResult } from './job.js';
import { keyCriteria } from './expression.js';
import { ensureEntity, populateEntities } from './entity-helpers.js';
import type { CreateData, EntityKey, EntityOf, Explicit, QueryRow } from './typed.js';

const noop = (): void => {};
/** Local silent logger: importing `../logger.js` at run time would load pino for nothing. */
const SILENT: Logger = { level: 'silent', trace: noop, debug: noop, info: noop, warn: noop, error: noop, child: () => SILENT };

interface Scope {
  autoPopulate?: boolean;
  recordOperations?: boolean;
}

const RAW_ACTIONS = new Set(['query_schemas', 'query_server_information']);

/**
 * A connection to an ftrack server's HTTP API: entities, queries, commits,
 * media and jobs, plus the event hub and the plugins it loaded.
 *
 * @example
 * const session = await Session.create({ serverUrl, apiUser, apiKey });
 * const task = await session.query('Task where name is "comp"').first();
 * task.name = 'comp_v2';
 * await session.commit();
 * await session.close();
 */
export class Session implements EntityHost {
  readonly serverUrl: string;
  readonly apiUser: string;
  readonly auth: SessionAuthentication;
  /** The session's logger (plugins get their own child). */
  readonly logger: Logger;
  /** Answer of `query_server_information`. */
  serverInformation: ServerInformation = {};
  /** What the plugin loader did at start. */
  pluginReport: LoadResult | undefined;
  /** Memory layer on top of the optional user cache. */
  readonly cache: LayeredCache;
  /** Whether schemas came from the schema cache file at start. */
  schemasFromCache = false;
  /** Resolved options (without the API key: only {@link auth} holds it). */
  readonly options: ResolvedSessionOptions;

  readonly #raw: SessionOptions;
  readonly #log: Logger;
  readonly #transport: Transport;
  readonly #operations = new OperationLog();
  readonly #scope = new AsyncLocalStorage<Scope>();
  readonly #keyMaker: KeyMaker;
  readonly #userCache: Cache | undefined;
  #entityMap: EntityMap | undefined;
  #closed = false;
  #recordOperations = true;
  #pendingWrite: Promise<void> | undefined;
  #hub: SessionEventHub | undefined;

  /** Use {@link Session.create}; the constructor only validates options. */
  constructor(options: SessionOptions = {}) {
    // The raw options may hold the key: keep a copy without it.
    const { apiKey: _key, ...raw } = options;
    this.#raw = raw;
    const { options: resolved, apiKey } = resolveSessionSettings(options);
    this.options = resolved;
    this.serverUrl = this.options.serverUrl;
    this.apiUser = this.options.apiUser;
    this.auth = new SessionAuthentication(this.options.apiUser, apiKey, { strictApi: this.options.strictApi });
    this.logger = options.logger ?? SILENT;
    this.#log = this.logger.child({ name: 'session' });
    this.#keyMaker = options.cacheKeyMaker ?? new StringKeyMaker();
    this.#userCache = typeof options.cache === 'function' ? options.cache(this) : options.cache;
    this.cache = new LayeredCache([new MemoryCache(), ...(this.#userCache ? [this.#userCache] : [])]);
    this.#transport = new Transport({
      serverUrl: this.serverUrl,
      auth: this.auth,
      fetch: options.fetch ?? globalThis.fetch,
      timeoutMs: this.options.timeoutMs,
      headers: options.headers,
      cookies: options.cookies,
      maxRetries: this.options.maxRetries,
      retryBaseDelayMs: this.options.retryBaseDelayMs,
      logger: this.#log,
      serverVersion: () => this.serverInformation.version,
    });
  }

  /**
   * The one way to get a ready session: server information and schemas
   * loaded, event hub created (and connected when asked), plugins loaded,
   * `ftrack.api.session.ready` published locally.
   */
  static async create(options: SessionOptions = {}): Promise<Session> {
    const session = new Session(options);
    try {
      await session.#start();
    } catch (error) {
      await session.close().catch(() => undefined);
      throw error;
    }
    return session;
  }

  async #start(): Promise<void> {
    const started = Date.now();
    // The plugin loader module (glob and friends) loads while the server answers.
    const pluginModule = this.options.pluginPaths.length > 0 ? import('../plugin/index.js') : undefined;
    pluginModule?.catch(() => undefined);
    const { info, schemas, fromCache, written } = await loadServerInformationAndSchemas(
      (ops) => this.#transport.call(ops),
      this.options.schemaCachePath,
      this.#log,
    );
    this.serverInformation = info;
    this.schemasFromCache = fromCache;
    this.#pendingWrite = written;
    this.#entityMap = new EntityMap(schemas, this, this.#userCache ? this.cache : undefined, this.#keyMaker, this.#log);
    if (this.#raw.autoConnectEventHub) await connectWithoutBlocking(this.eventHub, this.#log);
    if (pluginModule) {
      const { loadPlugins } = await pluginModule;
      this.pluginReport = await loadPlugins({
        paths: this.options.pluginPaths,
        session: this,
        pluginArguments: this.#raw.pluginArguments,
        perPluginArguments: this.#raw.perPluginArguments,
        logger: this.logger,
        timeoutMs: this.#raw.pluginTimeoutMs,
      });
    }
    // The hub is created on first use: when nobody (plugin or caller) has
    // touched it yet, nobody can have subscribed to the ready event either.
    if (this.#hub) {
      try {
        this.#hub.publishLocal(new Event('ftrack.api.session.ready', { session: this }));
      } catch (error) {
        this.#log.error({ err: String(error) }, 'a subscriber of ftrack.api.session.ready failed');
      }
    }
    this.#log.info({ serverVersion: info.version, schemasFromCache: fromCache, ms: Date.now() - started }, 'session ready');
  }

  /** The identity map; throws {@link SessionNotStartedError} before `Session.create()` finished. */
  get #entities(): EntityMap {
    if (!this.#entityMap) throw new SessionNotStartedError();
    return this.#entityMap;
  }

  /** Whether the start sequence ran (always true for a session from {@link Session.create}). */
  get started(): boolean {
    return this.#entityMap !== undefined;
  }

  /** What `JSON.stringify` shows: server and user, never the key. */
  toJSON(): { serverUrl: string; apiUser: string } {
    return { serverUrl: this.serverUrl, apiUser: this.apiUser };
  }

  /** What `util.inspect` / `console.log` show: server and user, never the key. */
  [inspect.custom](): string {
    return `Session { serverUrl: ${JSON.stringify(this.serverUrl)}, apiUser: ${JSON.stringify(this.apiUser)} }`;
  }

  /** True once {@link eventHub} was created (it is created on first use). */
  get hasEventHub(): boolean {
    return this.#hub !== undefined;
  }

  /**
   * The event hub (connected when `autoConnectEventHub`, else call
   * `eventHub.connect()`). Created on first use, with the cookies known then.
   */
  get eventHub(): SessionEventHub {
    this.#hub ??= createEventHub(this.serverUrl, this.auth, {
      logger: this.logger,
      headers: this.#raw.headers,
      cookie: this.#transport.cookieHeader(),
    });
    return this.#hub;
  }

  /** Entity schemas by type. */
  get schemas(): ReadonlyMap<string, EntitySchema> {
    return this.#entities.schemas;
  }

  /** Requests sent and operations carried so far. */
  get stats(): Readonly<{ requests: number; operations: number; retries: number }> {
    return this.#transport.stats;
  }

  get closed(): boolean {
    return this.#closed;
  }

  // --- scoped switches -------------------------------------------------------

  /** Whether reading a missing attribute through `entity.get()` fetches it (scoped by {@link withAutoPopulating}). */
  get autoPopulate(): boolean {
    return this.#scope.getStore()?.autoPopulate ?? this.options.autoPopulate;
  }
  set autoPopulate(value: boolean) {
    this.options.autoPopulate = value;
  }

  /** Whether changes are recorded for the next commit (scoped by {@link withRecordOperations}). Defaults to true. */
  get recordOperations(): boolean {
    return this.#scope.getStore()?.recordOperations ?? this.#recordOperations;
  }
  set recordOperations(value: boolean) {
    this.#recordOperations = value;
  }

  /** Runs `fn` with auto-populate set to `value`, in `fn`'s async scope only. */
  withAutoPopulating<T>(value: boolean, fn: () => T): T {
    return this.#scope.run({ ...this.#scope.getStore(), autoPopulate: value }, fn);
  }

  /** Runs `fn` with operation recording set to `value`, in `fn`'s async scope only. */
  withRecordOperations<T>(value: boolean, fn: () => T): T {
    return this.#scope.run({ ...this.#scope.getStore(), recordOperations: value }, fn);
  }

  /** Operations recorded since the last commit or rollback. */
  get recordedOperations(): readonly RecordedOperation[] {
    return this.#operations.list();
  }

  // --- calls ------------------------------------------------------------------

  /**
   * Sends operations in one batch (merged with other calls of the same tick)
   * and returns their results, entities decoded into the identity map.
   */
  async call(operations: readonly Operation[]): Promise<unknown[]> {
    if (!this.#entityMap) throw new SessionNotStartedError();
    const encoded = operations.map((op) => encodeValue(op) as Operation);
    const results = await this.#transport.call(encoded);
    return results.map((result, i) => (RAW_ACTIONS.has(encoded[i]!.action) ? result : this.decode(result)));
  }

  /** Decodes a response value: tagged dates, entities merged into the identity map. */
  decode(value: unknown): unknown {
    return decodeValue(value, (data) => this.#entities.merge(data));
  }

  // --- entities ---------------------------------------------------------------

  /**
   * Creates an entity locally and records its creation; `commit()` sends it.
   * With a literal type the data and the result are typed from the schema
   * (`create('Task', { name: 'x' })` is a `Task`); with a runtime string or
   * an explicit generic (`create<MyType>(type, data)`) they are not.
   */
  create<T extends Entity = never, S extends string = string>(entityType: S, data: CreateData<T, S> = {} as CreateData<T, S>): Explicit<T, EntityOf<S>> {
    const schema = this.#entities.schema(entityType);
    const values: Record<string, unknown> = { ...data };
    for (const name of schema.primary_key) {
      if (values[name] === undefined && schema.properties[name]?.default === '{uid}') values[name] = randomUUID();
    }
    const entity = this.#entities.instantiate(entityType);
    const internals = entity[INTERNALS];
    for (const [name, value] of Object.entries(values)) if (value !== undefined) internals.local.set(name, value);
    internals.state = 'created';
    this.#entities.register(entity);
    if (this.recordOperations) {
      this.#operations.push({ type: 'create', entityType, entityKey: entity.primaryKey, entityData: values, entity });
    }
    return entity as Explicit<T, EntityOf<S>>;
  }

  /** The entity of `entityType` with this primary key (memory, cache, then server), or undefined. */
  async get<T extends Entity = never, S extends string = string>(entityType: S, key: EntityKey): Promise<Explicit<T, EntityOf<S>> | undefined> {
    const values = this.#entities.keyValues(entityType, key);
    const known = this.#entities.lookup(entityType, values);
    if (known) return known as Explicit<T, EntityOf<S>>;
    const schema = this.#entities.schema(entityType);
    const criteria = keyCriteria(schema.primary_key, values);
    return this.query<Entity>(`${entityType} where ${criteria}`).first() as Promise<Explicit<T, EntityOf<S>> | undefined>;
  }

  /**
   * A lazy, paged query; entities come back live from the identity map.
   * Rows are typed from the expression's entity type when it is a literal
   * (`'Task where …'`, `'select name from Task …'` give `Task`), else `Entity`;
   * an explicit generic overrides: `query<MyTask>(expression)`.
   */
  query<T extends Entity = never, E extends string = string>(expression: E, options: { pageSize?: number } = {}): QueryResult<Explicit<T, QueryRow<E>>> {
    let text = expression.trim();
    if (!/^select\s/i.test(text)) {
      const type = /^(\w+)/.exec(text)?.[1];
      if (!type) throw new SessionInputError(`Invalid query expression: ${expression}`);
      const projections = this.#entities.schema(type).default_projections ?? ['id'];
      text = `select ${projections.join(', ')} from ${text}`;
    }
    return new QueryResult(text, (page) => this.#queryPage(page) as Promise<QueryPage<Explicit<T, QueryRow<E>>>>, options.pageSize);
  }

  async #queryPage(expression: string): Promise<QueryPage<Entity>> {
    if (!this.#entityMap) throw new SessionNotStartedError();
    const [result] = (await this.#transport.call([{ action: 'query', expression }])) as [{ data?: unknown[]; metadata?: { next?: { offset?: number | null } } }];
    const data = this.decode(result?.data ?? []) as Entity[];
    return { data, next: result?.metadata?.next?.offset ?? null };
  }

  /**
   * Returns the entity matching `data` on `identifyingKeys` (all keys of
   * `data` by default), updated with the other values, or creates it. Commits.
   */
  ensure<T extends Entity = never, S extends string = string>(
    entityType: S,
    data: CreateData<T, S>,
    identifyingKeys: readonly (keyof CreateData<T, S> & string)[] = Object.keys(data) as (keyof CreateData<T, S> & string)[],
  ): Promise<Explicit<T, EntityOf<S>>> {
    return ensureEntity(this, entityType, data as Record<string, unknown>, identifyingKeys) as Promise<Explicit<T, EntityOf<S>>>;
  }

  /** Marks an entity for deletion; `commit()` sends it. */
  delete(entity: Entity): void {
    entity[INTERNALS].state = 'deleted';
    if (this.recordOperations) {
      this.#operations.push({ type: 'delete', entityType: entity.entityType, entityKey: entity.primaryKey, entity });
    }
  }

  /** Fetches `projections` (comma-separated) for all `entities`, in one query per type. */
  populate(entities: Entity | readonly Entity[], projections: string): Promise<void> {
    return populateEntities(this, entities, projections);
  }

  /** Sends the recorded operations as one batch (merged as the Python API does). */
  async commit(): Promise<unknown[]> {
    return (await this.commitWith([])).results;
  }

  /**
   * Commits and sends `operations` in the same request: before the recorded
   * operations (`position: 'before'`) or after them (default). Calls with side
   * effects are never merged with other calls, so this is how writes that
   * belong together share one round trip (the media upload steps use it).
   * Resolves with the commit's results and the extra operations' results
   * (decoded); on failure the recorded operations are kept, as with `commit()`.
   */
  async commitWith(
    operations: readonly Operation[],
    options: { position?: 'before' | 'after' } = {},
  ): Promise<{ results: unknown[]; extra: unknown[] }> {
    if (operations.length > 0 && !this.#entityMap) throw new SessionNotStartedError();
    const recorded = this.#operations.list();
    this.#operations.clear();
    const batch = buildCommitBatch(recorded);
    const extra = operations.map((op) => encodeValue(op) as Operation);
    const before = options.position === 'before';
    const all = before ? [...extra, ...batch.operations] : [...batch.operations, ...extra];
    let results: unknown[] = [];
    let extraResults: unknown[] = [];
    try {
      if (all.length > 0) {
        const answers = await this.#transport.call(all);
        results = before ? answers.slice(extra.length) : answers.slice(0, batch.operations.length);
        extraResults = before ? answers.slice(0, extra.length) : answers.slice(batch.operations.length);
      }
    } catch (error) {
      for (const op of [...recorded].reverse()) this.#operations.unshift(op);
      throw error;
    }
    const touched = new Set(recorded.map((op) => op.entity));
    for (const entity of touched) {
      const internals = entity[INTERNALS];
      if (internals.state === 'deleted') {
        this.#entities.forget(entity);
        continue;
      }
      for (const [name, value] of internals.local) internals.remote.set(name, value);
      internals.local.clear();
      internals.state = 'not_set';
    }
    results.forEach((result, i) => {
      const data = (result as { data?: unknown } | null)?.data;
      if (batch.operations[i]!.action !== 'delete' && data && typeof data === 'object') this.decode(data);
    });
    return { results, extra: extraResults.map((result, i) => (RAW_ACTIONS.has(extra[i]!.action) ? result : this.decode(result))) };
  }

  /** Drops the recorded operations: created entities are forgotten, local values cleared. */
  rollback(): void {
    const recorded = this.#operations.list();
    this.#operations.clear();
    for (const op of recorded) {
      const internals = op.entity[INTERNALS];
      if (op.type === 'create') this.#entities.forget(op.entity);
      internals.local.clear();
      internals.state = 'not_set';
    }
  }

  // --- EntityHost ---------------------------------------------------------------

  onAttributeSet(entity: Entity, attribute: string, oldValue: unknown, newValue: unknown): void {
    const internals = entity[INTERNALS];
    if (!this.recordOperations) return;
    if (internals.state === 'not_set') internals.state = 'modified';
    this.#operations.push({ type: 'update', entityType: entity.entityType, entityKey: entity.primaryKey, attribute, oldValue, newValue, entity });
  }

  async fetchAttribute(entity: Entity, attribute: string): Promise<unknown> {
    if (!this.autoPopulate || entity[INTERNALS].state === 'created') return NOT_SET;
    await this.populate(entity, attribute);
    return entity.peek(attribute);
  }

  // --- media and jobs (src/session/media.ts, job.ts) -------------------------

  /** Creates a component from a file, a stream or a sequence (`/a/b.%04d.exr [1-10]`) and uploads it. */
  createComponent(source: string | Readable, options: CreateComponentOptions = {}): Promise<Entity> {
    return createComponent(this, source, options);
  }

  /** Upload URL(s) for a component's data. */
  getUploadMetadata(componentId: string, fileName: string, fileSize: number, checksum?: string | null, parts?: number | null): Promise<UploadMetadata> {
    return getUploadMetadata(this, componentId, fileName, fileSize, checksum, parts);
  }

  /** Encodes media on the server; returns the Job. */
  encodeMedia(media: string | Entity, options: EncodeMediaOptions = {}): Promise<Entity> {
    return encodeMedia(this, media, options);
  }

  /** Follows a job to its end; resolves with the job and its output components. */
  waitForJob(job: Entity | string, options: WaitForJobOptions = {}): Promise<WaitForJobResult> {
    return waitForJob(this, job, options);
  }

  /** Download URL of a component in the server location. It contains the API key: never log it. */
  getComponentUrl(componentId: string): string {
    return getComponentUrl(this, componentId);
  }

  /** `/component/get?id=…` without credentials (downloads need the ftrack headers). Safe to print. */
  getPlainComponentUrl(componentId: string): string {
    return getPlainComponentUrl(this, componentId);
  }

  /** Signed (self-authorising, no key inside) download URLs from `ComponentLocation.url`, by component id; one query. */
  getSignedComponentUrls(componentIds: readonly string[]): Promise<Map<string, string>> {
    return getSignedComponentUrls(this, componentIds);
  }

  /** The bytes of a component in the server location, fetched with header authentication. */
  downloadComponent(componentId: string): Promise<ReadableStream<Uint8Array>> {
    return downloadComponent(this, componentId);
  }

  /** The `fetch` given in the options, if any (uploads stream through node:http otherwise). */
  get customFetch(): typeof globalThis.fetch | undefined {
    return this.#raw.fetch as typeof globalThis.fetch | undefined;
  }

  /** `fetch` the session uses (for media transfers). */
  get fetch(): typeof globalThis.fetch {
    return this.customFetch ?? globalThis.fetch;
  }

  // --- end ------------------------------------------------------------------

  /** Closes the hub and the plugins, clears the memory cache; later calls fail with SessionClosedError. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const runtime = this.pluginReport?.runtime;
    if (runtime) await runtime.close({ logger: this.#log }).catch((e: unknown) => this.#log.warn({ err: String(e) }, 'plugin close hooks failed'));
    if (this.#hub) {
      try {
        await this.#hub.disconnect();
      } catch (error) {
        this.#log.debug({ err: String(error) }, 'event hub disconnect failed');
      }
    }
    this.#transport.close();
    await this.#pendingWrite;
    this.cache.caches[0]?.clear();
    this.#entityMap?.clear();
    try {
      this.#userCache?.flush?.();
    } catch (error) {
      this.#log.warn({ err: String(error) }, 'could not flush the cache');
    }
  }
}
