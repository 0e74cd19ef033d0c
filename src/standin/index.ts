// `ftrack-host/standin`: the stand-in ftrack server.
export * from './context.js';
export { createStandinServer, type StandinServer, type StandinServerOptions } from './server.js';
export type { StandinUserOption } from './users.js';
export { DEMO_IDS } from './seed.js';
export { SqliteStore } from './store/sqlite-store.js';
export { StoreError, StoreValidationError, EntityNotFoundError, QuerySyntaxError, DuplicateEntityError } from './store/errors.js';
export { STANDIN_SERVER_VERSION } from './api/actions.js';
