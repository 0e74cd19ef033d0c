import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../logger.js';

/**
 * Shared contract between the parts of the stand-in server (hub, API, media,
 * web page). `server.ts` builds one context and hands it to every part.
 */

/** A user of the stand-in server. */
export interface StandinUser {
  id: string;
  username: string;
  apiKey: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  /** Security role names, e.g. `['Administrator']`, `['User']`. */
  roles: string[];
}

/** An entity as stored and returned: API attribute names plus `__entity_type__`. */
export type EntityRecord = Record<string, unknown> & { __entity_type__: string };

/** One change recorded by the store; turned into an `ftrack.update` event. */
export interface EntityChange {
  action: 'add' | 'update' | 'remove';
  entityType: string;
  entityId: string;
  /** API attribute name → { old, new } for the changed attributes. */
  changes: Record<string, { old: unknown; new: unknown }>;
  /** Who caused it (undefined for server-internal changes such as the encoder). */
  user?: StandinUser;
}

/** Result of a query through the store. */
export interface StoreQueryResult {
  data: EntityRecord[];
  /** Offset of the next page, or null at the end (protocol 1.6). */
  next: number | null;
}

/** The entity store (SQLite). Owned by `src/standin/store/`. */
export interface EntityStore {
  /** Entity schemas, as served by `query_schemas`. */
  readonly schemas: readonly Record<string, unknown>[];
  /** Runs `fn` in one SQLite transaction; nested calls join the outer one. */
  transaction<T>(fn: () => T): T;
  /** Creates an entity: resolves references to foreign keys, fills defaults and ids. */
  create(entityType: string, data: Record<string, unknown>, user?: StandinUser): EntityRecord;
  /** Updates an existing entity; throws a not-found error when it does not exist. */
  update(entityType: string, key: string | readonly string[] | Record<string, unknown>, data: Record<string, unknown>, user?: StandinUser): EntityRecord;
  /** Deletes an existing entity; throws a not-found error when it does not exist. */
  delete(entityType: string, key: string | readonly string[] | Record<string, unknown>, user?: StandinUser): void;
  /** All scalar attributes of one entity, or undefined. Polymorphic types (`Component`) resolve to the concrete type. */
  get(entityType: string, key: string | readonly string[] | Record<string, unknown>): EntityRecord | undefined;
  /**
   * Runs a query expression of the ftrack query language (protocol 1.8).
   * `strict` (the `ftrack-api-options` flag) returns only the requested
   * projections and primary keys, without the schema's system projections.
   */
  query(expression: string, options?: { strict?: boolean }): StoreQueryResult;
  /** Called after each committed change. Returns an unsubscribe function. */
  onChange(listener: (changes: EntityChange[]) => void): () => void;
  close(): void;
}

/** Server-side publishing on the hub. Owned by `src/standin/hub/`. */
export interface HubPublisher {
  /** Publishes a server-originated event to every matching subscriber. Missing fields are filled. */
  publish(event: { topic: string; data?: unknown; source?: Record<string, unknown>; target?: string; inReplyToEvent?: string | null; id?: string }): void;
}

/** Signs and verifies self-authorising URLs (uploads, downloads). */
export interface UrlSigner {
  /** Returns `path?…&expires=…&signature=…` (path must start with `/`). */
  sign(path: string, params: Record<string, string>, ttlSeconds: number): string;
  /** Verifies the signature and expiry of a request URL; returns the signed params or a reason. */
  verify(url: URL): { ok: true; params: Record<string, string> } | { ok: false; reason: 'missing' | 'bad-signature' | 'expired' };
}

/** A route of the one HTTP server. Returns true when it handled the request. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;
/** An upgrade handler (WebSocket). Returns true when it took the socket. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, url: URL) => boolean;

/** Handler of one `/api` action. `op` is the operation object of the batch. */
export type ActionHandler = (op: Record<string, unknown>, call: ActionCall) => unknown;

/** Per-request data an action handler gets. Runs inside the request's transaction. */
export interface ActionCall {
  user: StandinUser;
  context: StandinContext;
  /** Request headers (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
  /** Work to do after the transaction committed (e.g. start an encode job). */
  afterCommit(fn: () => void): void;
  /** Parsed `ftrack-api-options` header (`strict:1;denormalize=1` → `{ strict: true, denormalize: true }`). */
  apiOptions?: Record<string, boolean>;
}

export interface StandinContext {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:43117`. */
  readonly url: string;
  readonly dataDir: string;
  /** Where the bytes of components in `ftrack.server` live: `${mediaDir}/${componentId}`. */
  readonly mediaDir: string;
  readonly logger: Logger;
  readonly store: EntityStore;
  readonly hub: HubPublisher;
  readonly signer: UrlSigner;
  /** Registers the handler of an `/api` action (one per name). */
  registerAction(name: string, handler: ActionHandler): void;
  /** The user with these credentials, or undefined. */
  authenticate(username: string, apiKey: string): StandinUser | undefined;
  /** All users (for the web page's user switcher). */
  users(): StandinUser[];
  /** Adds work to wait for on close (e.g. running encodes), LIFO. */
  onClose(fn: () => Promise<void> | void): void;
}

/** Fixed ids of the built-in locations (protocol 3.1). */
export const LOCATION_IDS = {
  origin: 'ce9b348f-8809-11e3-821c-20c9d081909b',
  unmanaged: 'cb268ecc-8809-11e3-a7e2-20c9d081909b',
  review: 'cd41be70-8809-11e3-b98a-20c9d081909b',
  connect: '07b82a97-8cf9-11e3-9383-20c9d081909b',
  server: '3a372bde-05bc-11e4-8908-20c9d081909b',
} as const;
