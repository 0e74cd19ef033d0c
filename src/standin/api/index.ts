// The `/api` endpoint of the stand-in server.
export { createApiRouter, setCors, parseApiOptions, DEFAULT_MAX_BODY_BYTES, type ApiRouter, type ApiRouterOptions, type PreparedActionHandler, type RequestScope } from './router.js';
export { registerBuiltinActions, STANDIN_SERVER_VERSION } from './actions.js';
export { ApiError, toEnvelope } from './errors.js';
