// Events, expressions (browser-safe) and the EventHub client (Node).
export * from './errors.js';
export * from './event.js';
export * from './expression/index.js';
