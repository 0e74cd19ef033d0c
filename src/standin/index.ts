// `ftrack-host/standin`: the stand-in ftrack server.
export * from './context.js';
