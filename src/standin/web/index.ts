// PLACEHOLDER (owned by the web page work): replaced by the action panel page.
import type { RouteHandler, StandinContext } from '../context.js';

/** Routes of the action panel page (`/` and its assets). */
export function createWebRoutes(_context: StandinContext): RouteHandler {
  return () => false;
}
