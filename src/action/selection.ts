import type { ActionUser, SelectionItem } from './types.js';

/**
 * Normalizes a selection entity type like ftrack-action-handler does: the web
 * UI sends lower-case names and the Component sidebar uses other casings and
 * underscores, so compare lower-cased with `_` removed.
 */
export function normalizeEntityType(entityType: string): string {
  return entityType.toLowerCase().replace(/_/g, '');
}

/** `data.selection` of an action event, cleaned: only items with string id and type. */
export function readSelection(data: unknown): SelectionItem[] {
  const raw = (data as { selection?: unknown } | undefined)?.selection;
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((s): s is SelectionItem => !!s && typeof s.entityId === 'string' && typeof s.entityType === 'string')
    .map((s) => ({ entityId: s.entityId, entityType: s.entityType }));
}

/** `source.user` of an event. */
export function readUser(source: unknown): ActionUser {
  const user = (source as { user?: { id?: unknown; username?: unknown } } | undefined)?.user;
  const out: ActionUser = {};
  if (typeof user?.id === 'string' && user.id) out.id = user.id;
  if (typeof user?.username === 'string' && user.username) out.username = user.username;
  return out;
}

/** Parses `Type:id[,Type:id]` (CLI selections). */
export function parseSelection(text: string): SelectionItem[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const colon = part.indexOf(':');
      if (colon <= 0 || colon === part.length - 1) {
        throw new TypeError(`Selection "${part}" is not of the form Type:id (e.g. component:3f2a…)`);
      }
      return { entityType: normalizeEntityType(part.slice(0, colon)), entityId: part.slice(colon + 1) };
    });
}
