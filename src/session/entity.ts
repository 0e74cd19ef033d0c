/**
 * Entities built from the server's schemas. Every attribute of the schema is
 * a plain property (`entity.name`, `entity.name = 'x'`) that reads the local
 * value, then the value last fetched from the server, else `undefined`.
 * `await entity.get(name)` also fetches a missing value when auto-populate is
 * on, and returns {@link NOT_SET} when it is off.
 *
 * Method names avoid the attribute names found in the schemas (`values`,
 * `state`, `local` are attributes there).
 */

/** The value of an attribute that is neither set locally nor fetched. */
export const NOT_SET: unique symbol = Symbol.for('ftrack.NOT_SET');
export type NotSet = typeof NOT_SET;

/** One entity schema as served by `query_schemas`. */
export interface EntitySchema {
  id: string;
  properties: Record<string, Record<string, unknown>>;
  primary_key: string[];
  required?: string[];
  immutable?: string[];
  computed?: string[];
  default_projections?: string[];
  system_projections?: string[];
  alias_for?: unknown;
}

/** What an entity needs from its session (kept narrow for tests). */
export interface EntityHost {
  /** Called for every local change; records the update operation. */
  onAttributeSet(entity: Entity, attribute: string, oldValue: unknown, newValue: unknown): void;
  /** Fetches one missing attribute (auto-populate); returns the value or NOT_SET. */
  fetchAttribute(entity: Entity, attribute: string): Promise<unknown>;
}

/** Lifecycle of an entity as seen from the recorded operations. */
export type EntityState = 'created' | 'modified' | 'deleted' | 'not_set';

export const INTERNALS: unique symbol = Symbol('ftrack.entity');

export interface EntityInternals {
  host: EntityHost;
  schema: EntitySchema;
  local: Map<string, unknown>;
  remote: Map<string, unknown>;
  state: EntityState;
}

/** Base class of every entity; one subclass per schema is built by {@link buildEntityClass}. */
export class Entity {
  /** Attributes of the schema, readable and writable as plain properties. */
  [attribute: string]: unknown;
  declare readonly [INTERNALS]: EntityInternals;

  constructor(host: EntityHost, schema: EntitySchema) {
    Object.defineProperty(this, INTERNALS, {
      value: { host, schema, local: new Map(), remote: new Map(), state: 'not_set' } satisfies EntityInternals,
      enumerable: false,
    });
  }

  /** Schema id, e.g. `'Task'`. */
  get entityType(): string {
    return this[INTERNALS].schema.id;
  }

  /** Same as {@link entityType}, under the wire name. */
  get __entity_type__(): string {
    return this[INTERNALS].schema.id;
  }

  /** Primary-key attribute → value (as strings, as the Python API keys them). */
  get primaryKey(): Record<string, string> {
    const key: Record<string, string> = {};
    for (const name of this[INTERNALS].schema.primary_key) {
      const value = this.peek(name);
      key[name] = value === undefined || value === NOT_SET ? '' : String(value);
    }
    return key;
  }

  /** The value if known locally or remotely, else NOT_SET. Never fetches. */
  peek(attribute: string): unknown {
    const { local, remote } = this[INTERNALS];
    if (local.has(attribute)) return local.get(attribute);
    if (remote.has(attribute)) return remote.get(attribute);
    return NOT_SET;
  }

  /** The value; fetched from the server when missing and auto-populate is on, else NOT_SET. */
  async get(attribute: string): Promise<unknown> {
    const value = this.peek(attribute);
    if (value !== NOT_SET) return value;
    return this[INTERNALS].host.fetchAttribute(this, attribute);
  }

  /** Sets a local value and records an update (same as assigning the property). */
  set(attribute: string, value: unknown): void {
    const internals = this[INTERNALS];
    if (!(attribute in internals.schema.properties)) {
      throw new TypeError(`${internals.schema.id} has no attribute "${attribute}"`);
    }
    const old = this.peek(attribute);
    internals.local.set(attribute, value);
    internals.host.onAttributeSet(this, attribute, old, value);
  }

  /** Attribute names that have a known value. */
  knownAttributes(): string[] {
    const { local, remote } = this[INTERNALS];
    return [...new Set([...remote.keys(), ...local.keys()])];
  }

  /** `console.log(entity)` shows the type and the known attributes (nested entities as references). */
  [Symbol.for('nodejs.util.inspect.custom')](depth: number, options: { stylize?: unknown }, inspect: (v: unknown, o: unknown) => string): string {
    const { __entity_type__: type, ...values } = this.toJSON();
    return `${String(type)} ${inspect(values, { ...options, depth: depth < 0 ? -1 : depth })}`;
  }

  /** `{ __entity_type__, ...known attributes }`; nested entities as references. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { __entity_type__: this.entityType };
    for (const name of this.knownAttributes()) out[name] = toReferences(this.peek(name));
    return out;
  }
}

function toReferences(value: unknown): unknown {
  if (value instanceof Entity) return { __entity_type__: value.entityType, ...value.primaryKey };
  if (Array.isArray(value)) return value.map(toReferences);
  return value;
}

/** Builds the subclass of {@link Entity} for one schema, with an accessor per attribute. */
export function buildEntityClass(schema: EntitySchema): new (host: EntityHost) => Entity {
  const Base = Entity;
  const cls = {
    [schema.id]: class extends Base {
      constructor(host: EntityHost) {
        super(host, schema);
      }
    },
  }[schema.id]!;
  for (const [name, property] of Object.entries(schema.properties)) {
    if (property.restricted_projection === true) continue;
    if (name in Entity.prototype) continue;
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      enumerable: true,
      get(this: Entity) {
        const value = this.peek(name);
        return value === NOT_SET ? undefined : value;
      },
      set(this: Entity, value: unknown) {
        this.set(name, value);
      },
    });
  }
  return cls;
}

/** The entity's state derived from recorded operations (Python's `inspection.state`). */
export function entityState(entity: Entity): EntityState {
  return entity[INTERNALS].state;
}
