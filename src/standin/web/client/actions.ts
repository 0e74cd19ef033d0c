import type { Event } from '../../../event/event.js';
import type { BrowserEventHub } from './hub.js';

/**
 * The actions protocol as the ftrack web UI speaks it (protocol 7.1, 7.2):
 * discover over a selection, group the replies, launch an item, read the
 * launch replies (message, form or widget).
 */

/** One selected entity, with ftrack's lower-case `entityType` (`show`, `task`, `assetversion`, `component`). */
export interface SelectionEntry {
  entityId: string;
  entityType: string;
}

/** An action item from a discover reply; extra keys are copied back on launch. */
export type ActionItem = Record<string, unknown> & { label: string; actionIdentifier: string; variant?: string; description?: string; icon?: string };

/** Items with the same label, shown as one entry with variants. */
export interface ActionGroup {
  label: string;
  icon?: string;
  description?: string;
  items: ActionItem[];
}

/** How long the page collects discover replies before showing them (ftrack's UI also waits a short fixed time). */
export const DEFAULT_DISCOVER_WINDOW_MS = 1500;
/** Replies arriving after the window (a slow or busy host) are still shown until this long after publishing. */
export const DEFAULT_LATE_REPLY_MS = 15_000;

export interface DiscoverOptions {
  windowMs?: number;
  lateReplyMs?: number;
  /** Called with all items so far for each reply that arrives after the window. */
  onLateItems?: (items: ActionItem[]) => void;
}

/**
 * Publishes `ftrack.action.discover`; resolves with the items replied within
 * the window, then reports later replies through `onLateItems`.
 */
export function discoverActions(hub: BrowserEventHub, selection: SelectionEntry[], options: DiscoverOptions = {}): Promise<ActionItem[]> {
  const windowMs = options.windowMs ?? DEFAULT_DISCOVER_WINDOW_MS;
  return new Promise((resolve) => {
    const items: ActionItem[] = [];
    let late = false;
    const eventId = hub.publish(
      'ftrack.action.discover',
      { selection, groupers: [], filters: [], sorters: [{ direction: 'ASC', property: 'label', root: 'data' }] },
      {
        onReply: (reply) => {
          const added = readDiscoverItems(reply.data);
          items.push(...added);
          if (late && added.length > 0) options.onLateItems?.([...items]);
        },
      },
    );
    setTimeout(() => {
      late = true;
      resolve([...items]);
    }, windowMs);
    setTimeout(() => hub.forgetReplies(eventId), Math.max(windowMs, options.lateReplyMs ?? DEFAULT_LATE_REPLY_MS));
  });
}

/** Valid items of one discover reply (`{items: [...]}`); others are dropped. */
export function readDiscoverItems(data: unknown): ActionItem[] {
  const list = (data as { items?: unknown } | null)?.items;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (item): item is ActionItem =>
      typeof item === 'object' && item !== null && typeof (item as ActionItem).label === 'string' && typeof (item as ActionItem).actionIdentifier === 'string',
  );
}

/** Groups items by label (sorted), keeping reply order inside a group. */
export function groupActions(items: ActionItem[]): ActionGroup[] {
  const groups = new Map<string, ActionGroup>();
  for (const item of items) {
    let group = groups.get(item.label);
    if (!group) {
      group = { label: item.label, items: [] };
      groups.set(item.label, group);
    }
    group.icon ??= typeof item.icon === 'string' && item.icon ? item.icon : undefined;
    group.description ??= typeof item.description === 'string' && item.description ? item.description : undefined;
    group.items.push(item);
  }
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * The URL the page may load an action icon from, or undefined when it must
 * show the letter icon instead. The page loads nothing from outside the
 * stand-in (its CSP allows images from itself, `data:` and `blob:` only), so
 * an icon on another origin (`https://studio.example/farm.png`, the form of
 * protocol 7.1's example) and ftrack's predefined icon names (`publish`, …)
 * fall back to the letter, with the icon value as a tooltip.
 */
export function iconSource(icon: string | undefined, pageOrigin: string): string | undefined {
  if (!icon) return undefined;
  if (/^(data|blob):/i.test(icon)) return icon;
  // A bare name (`publish`) or a relative path is one of ftrack's predefined icon names, not a URL.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(icon) && !icon.startsWith('/')) return undefined;
  let url: URL;
  try {
    url = new URL(icon, pageOrigin);
  } catch {
    return undefined;
  }
  return url.origin === new URL(pageOrigin).origin ? url.href : undefined;
}

/** A widget of a form reply (protocol 7.2 table). */
export type FormItem = Record<string, unknown> & { type: string; name?: string; label?: string; value?: unknown };

/** What a launch reply asks the page to show. */
export type LaunchOutcome =
  | { kind: 'message'; success: boolean; message: string }
  | { kind: 'form'; title?: string; submitLabel?: string; items: FormItem[] }
  | { kind: 'widget'; title?: string; url: string; message: string };

/** Reads a launch reply or a `trigger-user-interface` payload. */
export function readLaunchReply(data: unknown): LaunchOutcome {
  if (Array.isArray(data)) return { kind: 'form', items: data.filter(isFormItem) };
  const body = (data ?? {}) as Record<string, unknown>;
  if (Array.isArray(body.items)) {
    return {
      kind: 'form',
      items: body.items.filter(isFormItem),
      title: typeof body.title === 'string' ? body.title : undefined,
      submitLabel: typeof body.submit_button_label === 'string' ? body.submit_button_label : undefined,
    };
  }
  const message = typeof body.message === 'string' ? body.message : '';
  if (body.type === 'widget' && typeof body.url === 'string') {
    return { kind: 'widget', url: body.url, message, title: typeof body.title === 'string' ? body.title : undefined };
  }
  return { kind: 'message', success: body.success !== false, message: message || (body.success === false ? 'The action failed.' : 'Done.') };
}

function isFormItem(item: unknown): item is FormItem {
  return typeof item === 'object' && item !== null && typeof (item as FormItem).type === 'string';
}

/**
 * Publishes `ftrack.action.launch` with the item's keys, the selection and
 * optional form values; every reply goes to `onReply` until `timeoutMs`,
 * then `onDone(replyCount)`.
 */
export function launchAction(
  hub: BrowserEventHub,
  item: ActionItem,
  selection: SelectionEntry[],
  handlers: { values?: Record<string, unknown>; timeoutMs?: number; onReply: (outcome: LaunchOutcome, reply: Event) => void; onDone?: (replies: number) => void },
): string {
  let replies = 0;
  const data: Record<string, unknown> = { ...item, selection };
  if (handlers.values !== undefined) data.values = handlers.values;
  const eventId = hub.publish('ftrack.action.launch', data, {
    onReply: (reply) => {
      replies += 1;
      handlers.onReply(readLaunchReply(reply.data), reply);
    },
  });
  setTimeout(() => {
    hub.forgetReplies(eventId);
    handlers.onDone?.(replies);
  }, handlers.timeoutMs ?? 30_000);
  return eventId;
}
