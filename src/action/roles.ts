import { formatQueryValue } from '../session/expression.js';
import type { ActionSession, ActionUser } from './types.js';

/** How long resolved roles are reused, ms. */
export const ROLE_CACHE_TTL_MS = 60_000;

/**
 * Resolves a user's security role names through the session:
 * `UserSecurityRole where user.username is "<name>"`, reading
 * `security_role.name`. Falls back to `User.user_security_roles` when the
 * server does not answer the first form.
 */
export async function queryUserRoles(user: ActionUser, session: ActionSession): Promise<string[]> {
  if (!session.query) throw new TypeError('The session cannot query; pass a `roles` resolver to defineAction');
  // The user comes from an event: quote (and escape) both, so an id or name cannot add clauses to the query.
  const where = user.id ? `user_id is ${formatQueryValue(user.id)}` : `user.username is ${formatQueryValue(user.username ?? '')}`;
  try {
    const rows = await session.query(`select security_role.name from UserSecurityRole where ${where}`).all();
    return collectRoleNames(rows);
  } catch {
    const userWhere = user.id ? `id is ${formatQueryValue(user.id)}` : `username is ${formatQueryValue(user.username ?? '')}`;
    const rows = await session.query(`select user_security_roles.security_role.name from User where ${userWhere}`).all();
    return collectRoleNames(rows);
  }
}

/** Every `security_role.name` found in query rows, whatever their nesting. */
export function collectRoleNames(rows: unknown): string[] {
  const names = new Set<string>();
  const walk = (value: unknown, depth: number): void => {
    if (depth > 5 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) walk(v, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    const role = record.security_role as { name?: unknown } | undefined;
    if (role && typeof role.name === 'string') names.add(role.name);
    for (const [key, v] of Object.entries(record)) if (key !== 'security_role') walk(v, depth + 1);
  };
  walk(rows, 0);
  return [...names];
}

/** A per-user cache around a role resolver. */
export function cachedRoles<S>(
  resolve: (user: ActionUser, session: S) => Promise<readonly string[]>,
  ttlMs = ROLE_CACHE_TTL_MS,
  now: () => number = Date.now,
): (user: ActionUser, session: S) => Promise<readonly string[]> {
  const cache = new Map<string, { at: number; roles: Promise<readonly string[]> }>();
  return (user, session) => {
    const key = user.id ?? `name:${user.username ?? ''}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.roles;
    const roles = resolve(user, session);
    cache.set(key, { at: now(), roles });
    roles.catch(() => cache.delete(key));
    return roles;
  };
}
