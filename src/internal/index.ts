// Internal helpers, exported as `ftrack-host/internal` for tests and advanced users.
// No stability promise.
export * from './paths.js';
export * from './backoff.js';
export * from './deferred.js';
export * from './timer.js';
