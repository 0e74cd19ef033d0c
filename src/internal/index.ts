// Internal helpers, exported as `ftrack-host/internal` for tests and advanced users.
// No stability promise.
export * from './paths.js';
