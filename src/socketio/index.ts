// socket.io 0.9 framing (browser-safe) and the Node WebSocket connection.
export * from './errors.js';
export * from './packet.js';
export * from './handshake.js';
export * from './connection.js';
