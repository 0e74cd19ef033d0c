/**
 * Static types over the generated entity interfaces (types only, no runtime):
 * the row type a query expression yields, the data `create` accepts, and the
 * guard that rejects an unknown literal entity type at compile time.
 */
import type { Entity } from './entity.js';
import type { EntityTypeMap } from './entity-types.generated.js';

/** An entity type id of the bundled ftrack schema (`'Task'`, `'AssetVersion'`, …). */
export type EntityTypeName = keyof EntityTypeMap;

/** A primary key as `get` accepts it. */
export type EntityKey = string | number | readonly (string | number)[] | Record<string, unknown>;

type FirstWord<S extends string> = S extends `${infer Word} ${string}` ? Word : S;

/**
 * The entity type an expression queries: `'Task where …'` and
 * `'select name from Task where …'` give `'Task'`; anything else gives `string`.
 */
export type QueryEntityType<E extends string> = E extends `select ${string} from ${infer Rest}`
  ? FirstWord<Rest>
  : E extends `select ${string}`
    ? string
    : FirstWord<E>;

/** The row type of a query expression: the generated interface, else `Entity`. */
export type QueryRow<E extends string> = QueryEntityType<E> extends infer K ? (K extends EntityTypeName ? EntityTypeMap[K] : Entity) : Entity;

type KnownKeys<T> = keyof { [P in keyof T as string extends P ? never : number extends P ? never : symbol extends P ? never : P]: 0 };

/** Value accepted for one attribute in `create`: references take any entity (a Task may be a Context's child). */
type DataValue<V> = NonNullable<V> extends readonly Entity[] ? readonly Entity[] | undefined : NonNullable<V> extends Entity ? Entity | undefined : V;

/** The attributes `create(type, data)` accepts for `type`, typed from the schema; unknown names are errors. */
export type EntityData<K extends EntityTypeName> = {
  [P in Exclude<KnownKeys<EntityTypeMap[K]>, KnownKeys<Entity>>]?: DataValue<EntityTypeMap[K][P]>;
};

/** The typed entity for a type id: the generated interface, else `Entity` (custom types, runtime strings). */
export type EntityOf<S extends string> = S extends EntityTypeName ? EntityTypeMap[S] : Entity;

/**
 * Resolves an explicit generic `T` (wins when given) against the type
 * inferred from the call (`Inferred`). `T` defaults to `never` = not given.
 */
export type Explicit<T, Inferred> = [T] extends [never] ? Inferred : T;

/** Data `create` takes: typed for a known literal type without explicit generic, else a plain record. */
export type CreateData<T, S extends string> = [T] extends [never] ? (S extends EntityTypeName ? EntityData<S> : Record<string, unknown>) : Record<string, unknown>;
