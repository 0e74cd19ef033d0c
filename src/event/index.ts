// Events, expressions (browser-safe) and the EventHub client (Node).
export * from './errors.js';
export * from './event.js';
export * from './expression/index.js';
export * from './status.js';
export * from './options.js';
export * from './subscriber.js';
export * from './dispatch.js';
export * from './hub.js';
