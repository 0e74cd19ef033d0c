import type { Logger } from '../logger.js';
import type { Cache } from './cache.js';
import { decodeValue, encodeValue } from './codec.js';
import { Entity, INTERNALS, buildEntityClass, type EntityHost, type EntitySchema } from './entity.js';
import { UnknownEntityTypeError } from './errors.js';
import type { KeyMaker } from './key-maker.js';

/**
 * The session's entity types and identity map: one live object per type and
 * primary key. Entity data fetched from the server is written through to the
 * optional cache layer (as JSON-safe data) and read back from it on a miss.
 */
export class EntityMap {
  readonly schemas: ReadonlyMap<string, EntitySchema>;
  readonly #classes = new Map<string, new (host: EntityHost) => Entity>();
  readonly #live = new Map<string, Entity>();
  readonly #host: EntityHost;
  readonly #cache: Cache | undefined;
  readonly #keyMaker: KeyMaker;
  readonly #logger: Logger;

  constructor(schemas: readonly EntitySchema[], host: EntityHost, cache: Cache | undefined, keyMaker: KeyMaker, logger: Logger) {
    this.schemas = new Map(schemas.map((s) => [s.id, s]));
    this.#host = host;
    this.#cache = cache;
    this.#keyMaker = keyMaker;
    this.#logger = logger;
  }

  /** The schema of `type`; throws UnknownEntityTypeError. */
  schema(type: string): EntitySchema {
    const schema = this.schemas.get(type);
    if (!schema) throw new UnknownEntityTypeError(`Unknown entity type "${type}"; the server's schemas do not define it`);
    return schema;
  }

  /** A new, unregistered instance of `type`. */
  instantiate(type: string): Entity {
    let cls = this.#classes.get(type);
    if (!cls) {
      cls = buildEntityClass(this.schema(type));
      this.#classes.set(type, cls);
    }
    return new cls(this.#host);
  }

  /** Primary-key values of `type` from a string, list or object key. */
  keyValues(type: string, key: string | number | readonly (string | number)[] | Record<string, unknown>): string[] {
    const pk = this.schema(type).primary_key;
    if (typeof key === 'string' || typeof key === 'number') return [String(key)];
    if (Array.isArray(key)) return key.map(String);
    return pk.map((name) => String((key as Record<string, unknown>)[name]));
  }

  #identity(type: string, values: readonly string[]): string {
    return `${type}\u0000${values.join('\u0000')}`;
  }

  /** The live entity, or one rebuilt from the cache layer, or undefined. */
  lookup(type: string, values: readonly string[]): Entity | undefined {
    const live = this.#live.get(this.#identity(type, values));
    if (live) return live;
    if (!this.#cache) return undefined;
    const cached = this.#cache.get(this.#keyMaker.key(type, [...values]));
    if (!cached || typeof cached !== 'object') return undefined;
    const entity = this.merge(cached as Record<string, unknown>, { writeCache: false });
    return entity instanceof Entity ? entity : undefined;
  }

  /** Registers a locally created entity under its key. */
  register(entity: Entity): void {
    this.#live.set(this.#identity(entity.entityType, Object.values(entity.primaryKey)), entity);
  }

  /** Removes an entity from the identity map and the cache layer. */
  forget(entity: Entity): void {
    const values = Object.values(entity.primaryKey);
    this.#live.delete(this.#identity(entity.entityType, values));
    this.#cache?.remove(this.#keyMaker.key(entity.entityType, values));
  }

  /**
   * Merges entity data from the server into the identity map and returns the
   * live entity. Local (uncommitted) values are left alone. Data of a type
   * the schemas do not know is returned decoded, as a plain object.
   */
  merge(data: Record<string, unknown>, options: { writeCache?: boolean } = {}): Entity | Record<string, unknown> {
    const type = data.__entity_type__ as string;
    const schema = this.schemas.get(type);
    const decodeNested = (nested: Record<string, unknown>): unknown => this.merge(nested, options);
    if (!schema) {
      this.#logger.debug({ entityType: type }, 'entity of a type missing from the schemas; returned as plain data');
      return decodeValue({ ...data, __entity_type__: undefined }, decodeNested) as Record<string, unknown>;
    }
    const values = schema.primary_key.map((name) => data[name]);
    if (values.some((v) => v === undefined || v === null)) {
      return decodeValue({ ...data, __entity_type__: undefined }, decodeNested) as Record<string, unknown>;
    }
    const identity = this.#identity(type, values.map(String));
    let entity = this.#live.get(identity);
    if (!entity) {
      entity = this.instantiate(type);
      this.#live.set(identity, entity);
    }
    const remote = entity[INTERNALS].remote;
    for (const [name, value] of Object.entries(data)) {
      if (name === '__entity_type__') continue;
      remote.set(name, decodeValue(value, decodeNested));
    }
    if (this.#cache && options.writeCache !== false) {
      this.#cache.set(this.#keyMaker.key(type, values.map(String)), this.serialise(entity));
    }
    return entity;
  }

  /** JSON-safe data of the fetched values of an entity (nested entities as references). */
  serialise(entity: Entity): Record<string, unknown> {
    const out: Record<string, unknown> = { __entity_type__: entity.entityType };
    for (const [name, value] of entity[INTERNALS].remote) out[name] = encodeValue(value);
    return out;
  }

  /** Empties the identity map (the cache layer is kept). */
  clear(): void {
    this.#live.clear();
  }
}
