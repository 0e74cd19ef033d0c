import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import type { EntityChange, EntityRecord, EntityStore, StandinUser, StoreQueryResult } from '../context.js';
import type { Logger } from '../../logger.js';
import { silentLogger } from '../../logger.js';
import { buildModel, type EntityModel, type TypeInfo } from './model.js';
import { ensureTables } from './ddl.js';
import { EntityNotFoundError, StoreValidationError } from './errors.js';
import { fullRecord, materialise, projectionTree, type Row, type Statements, type UrlFor } from './projection.js';
import { compileExpr, compileOrderPath, q, takePage, typeFilter, typeInfoOf, withPaging, type CompileState } from './query/compiler.js';
import { parseQuery, type ParsedQuery } from './query/parser.js';
import { writeCreate, writeDelete, writeUpdate } from './writes.js';
import { aggregateQuery } from './aggregate.js';

export interface SqliteStoreOptions {
  /** SQLite file (created when missing, WAL mode), or `:memory:` for a throw-away store. */
  file: string;
  /** The `query_schemas` entries the tables are generated from (e.g. `data/query_schemas.json`). */
  schemas: readonly Record<string, unknown>[];
  /** Where failing change listeners are reported. Defaults to a silent logger. */
  logger?: Logger;
}

export type EntityKey = string | readonly string[] | Record<string, unknown>;

/**
 * The stand-in entity store: one SQLite database (WAL, synchronous=FULL so an
 * acknowledged write survives a crash), tables generated from the schemas.
 */
export class SqliteStore implements EntityStore {
  readonly schemas: readonly Record<string, unknown>[];
  readonly model: EntityModel;
  readonly db: Db;
  private readonly logger: Logger;
  private readonly statements = new Map<string, Statement>();
  /** The statement cache, for materialising query results. */
  private readonly cached: Statements = { prepare: (sql) => this.statement(sql) };
  private readonly listeners = new Set<(changes: EntityChange[]) => void>();
  private pending: EntityChange[] = [];
  private depth = 0;
  private closed = false;
  /**
   * Builds the URLs of computed `thumbnail_url` / `ComponentLocation.url`
   * attributes (set by the server once it knows its address); without it they are null.
   */
  urlFor: UrlFor | undefined;

  constructor(options: SqliteStoreOptions) {
    this.schemas = options.schemas;
    this.logger = options.logger ?? silentLogger;
    this.model = buildModel(options.schemas);
    this.db = new Database(options.file);
    if (options.file !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = OFF');
    ensureTables(this.db, this.model);
  }

  /** A cached prepared statement. */
  statement(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (this.statements.size > 2000) this.statements.clear();
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  typeInfo(name: string): TypeInfo {
    const info = this.model.types.get(name);
    if (!info) throw new StoreValidationError(`Unknown entity type "${name}"; see query_schemas for the valid types.`);
    return info;
  }

  transaction<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    this.depth++;
    let result: T;
    try {
      result = this.db.transaction(fn)();
    } catch (error) {
      this.pending = [];
      throw error;
    } finally {
      this.depth--;
    }
    const changes = this.pending;
    this.pending = [];
    if (changes.length > 0) {
      for (const listener of [...this.listeners]) {
        try {
          listener(changes);
        } catch (error) {
          this.logger.warn({ err: error }, 'store change listener failed');
        }
      }
    }
    return result;
  }

  /** Records a change; delivered to listeners after the transaction commits. */
  recordChange(change: EntityChange): void {
    this.pending.push(change);
  }

  /** Key values in primary-key order. */
  keyValues(info: TypeInfo, key: EntityKey): string[] {
    let values: unknown[];
    if (typeof key === 'string') values = [key];
    else if (Array.isArray(key)) values = key as unknown[];
    else values = info.primaryKey.map((k) => (key as Record<string, unknown>)[k]);
    if (values.length !== info.primaryKey.length || values.some((v) => v === undefined || v === null || typeof v === 'object')) {
      throw new StoreValidationError(`Invalid entity_key ${JSON.stringify(key)} for ${info.name}; expected values of ${info.primaryKey.join(', ')}.`);
    }
    return values.map(String);
  }

  /** The row of an entity (with `_rowid`), restricted to the types `info` matches. */
  findRow(info: TypeInfo, values: readonly string[]): (Row & { _rowid: number }) | undefined {
    const state: CompileState = { params: [], aliasCounter: 0 };
    const filter = typeFilter(info, 't', state);
    const where = info.primaryKey.map((k) => `t.${q(k)} = ?`).join(' AND ');
    const sql = `SELECT t.*, t.rowid AS _rowid FROM ${q(info.table)} t WHERE ${where} AND ${filter}`;
    return this.statement(sql).get(...values, ...state.params) as (Row & { _rowid: number }) | undefined;
  }

  create(entityType: string, data: Record<string, unknown>, user?: StandinUser): EntityRecord {
    this.assertOpen();
    return this.transaction(() => writeCreate(this, this.typeInfo(entityType), data, user));
  }

  update(entityType: string, key: EntityKey, data: Record<string, unknown>, user?: StandinUser): EntityRecord {
    this.assertOpen();
    const info = this.typeInfo(entityType);
    return this.transaction(() => writeUpdate(this, info, this.keyValues(info, key), data, user));
  }

  delete(entityType: string, key: EntityKey, user?: StandinUser): void {
    this.assertOpen();
    const info = this.typeInfo(entityType);
    this.transaction(() => writeDelete(this, info, this.keyValues(info, key), user));
  }

  get(entityType: string, key: EntityKey): EntityRecord | undefined {
    this.assertOpen();
    const info = this.typeInfo(entityType);
    const row = this.findRow(info, this.keyValues(info, key));
    return row ? fullRecord(this.model, row, info) : undefined;
  }

  /** Throws EntityNotFoundError naming the type and key. */
  notFound(info: TypeInfo, values: readonly string[]): never {
    throw new EntityNotFoundError(`${info.name} with ${info.primaryKey.map((k, i) => `${k}=${values[i]}`).join(', ')} does not exist.`);
  }

  /** Compiles a query expression into SQL (used by `query` and `explain`). */
  private compile(parsed: ParsedQuery): { sql: string; params: unknown[]; info: TypeInfo; tree: ReturnType<typeof projectionTree> } {
    const info = typeInfoOf(this.model, parsed.entityType, parsed.entityTypePosition);
    const state: CompileState = { params: [], aliasCounter: 0 };
    const filter = typeFilter(info, 't0', state);
    const where = parsed.where ? compileExpr(this.model, info, 't0', parsed.where, state) : '1';
    const order = parsed.orderBy.map((o) => `${compileOrderPath(this.model, info, 't0', o.path, state)} ${o.descending ? 'DESC' : 'ASC'}`);
    order.push('t0.rowid ASC');
    const paths = parsed.projections ?? info.defaultProjections.map((p) => p.split('.'));
    const tree = projectionTree(this.model, info, paths);
    const params = [...state.params];
    const sql = withPaging(`SELECT t0.* FROM ${q(info.table)} t0 WHERE ${filter} AND ${where} ORDER BY ${order.join(', ')}`, parsed, params);
    return { sql, params, info, tree };
  }

  query(expression: string, options: { strict?: boolean } = {}): StoreQueryResult {
    this.assertOpen();
    const parsed = parseQuery(expression);
    if (parsed.aggregates.length > 0 || parsed.groupBy.length > 0) return aggregateQuery(this, parsed);
    const { sql, params, info, tree } = this.compile(parsed);
    const rows = this.statement(sql).all(...params) as Row[];
    const next = takePage(rows, parsed);
    return { data: materialise(this.cached, this.model, info, rows, tree, this.urlFor, options.strict === true), next };
  }

  /** SQLite's plan for the main statement of a query (for tests and debugging). */
  explain(expression: string): string[] {
    const { sql, params } = this.compile(parseQuery(expression));
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
  }

  onChange(listener: (changes: EntityChange[]) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.statements.clear();
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreValidationError('The stand-in store is closed.');
  }
}
