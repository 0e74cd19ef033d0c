// The stand-in entity store (SQLite): see sqlite-store.ts.
export { SqliteStore, type SqliteStoreOptions, type EntityKey } from './sqlite-store.js';
export { buildModel, type EntityModel, type TypeInfo } from './model.js';
export { StoreError, StoreValidationError, EntityNotFoundError, QuerySyntaxError, DuplicateEntityError } from './errors.js';
export { parseQuery, type ParsedQuery, type Expr } from './query/parser.js';
export { schemaHash, pythonJsonDumps } from './schema-hash.js';
export { normaliseDatetime } from './values.js';
