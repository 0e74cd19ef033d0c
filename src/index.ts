// Public surface of ftrack-host. Each area lists its exports in its own index.
export * from './errors.js';
export * from './logger.js';
export * from './socketio/index.js';
export * from './event/index.js';
export * from './session/index.js';
export * from './plugin/index.js';
export * from './action/index.js';
export * from './host/index.js';
