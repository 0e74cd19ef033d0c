import { randomUUID } from 'node:crypto';
import type { StandinUser } from '../context.js';

/**
 * An event as the hub server delivers it: exactly the seven keys the Python
 * client accepts (protocol 6.1). Any other top-level key is dropped.
 */
export interface RoutedEvent {
  id: string;
  topic: string;
  data: unknown;
  source: Record<string, unknown>;
  target: string;
  sent: string;
  inReplyToEvent: string | null;
}

/** Why an event cannot be routed; the caller turns it into its own error type. */
export class InvalidEventInput extends Error {}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `sent` as the real server stamps it: naive UTC ISO 8601 with microseconds,
 * like Python's `datetime.utcnow().isoformat()` (e.g. `2026-11-24T03:10:00.123000`).
 */
export function sentTimestamp(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, -1)}000`;
}

/** The `user` the server writes into `source` and subscriber metadata. */
export function stampedUser(user: StandinUser): { username: string; id: string } {
  return { username: user.username, id: user.id };
}

function fill(raw: Record<string, unknown>, source: Record<string, unknown>, now: Date): RoutedEvent {
  const topic = raw.topic;
  if (typeof topic !== 'string' || topic.length === 0) {
    throw new InvalidEventInput('the event has no topic; give "topic" as a non-empty string');
  }
  const target = raw.target;
  if (target !== undefined && target !== null && typeof target !== 'string') {
    throw new InvalidEventInput('"target" must be an expression string, "" or null');
  }
  return {
    id: typeof raw.id === 'string' && raw.id.length > 0 ? raw.id : randomUUID(),
    topic,
    data: raw.data === undefined ? {} : raw.data,
    source,
    target: typeof target === 'string' ? target : '',
    sent: sentTimestamp(now),
    inReplyToEvent: typeof raw.inReplyToEvent === 'string' ? raw.inReplyToEvent : null,
  };
}

/**
 * Normalises an event a client published. Given `source` fields are kept
 * (`id`, `applicationId`, `host`, …) except `user`, which is always replaced by
 * the authenticated user so no client can publish as somebody else; a missing
 * `source.id` becomes the connection id. Throws {@link InvalidEventInput}.
 */
export function normalizeClientEvent(raw: unknown, user: StandinUser, connectionId: string, now = new Date()): RoutedEvent {
  if (!isPlainObject(raw)) throw new InvalidEventInput('the event must be a JSON object');
  const given = isPlainObject(raw.source) ? raw.source : {};
  const source: Record<string, unknown> = { ...given, user: stampedUser(user) };
  if (typeof source.id !== 'string' || source.id.length === 0) source.id = connectionId;
  return fill(raw, source, now);
}

/**
 * Normalises an event the server itself publishes: the server is trusted, so
 * a given `source` is kept and only missing keys come from `serverSource`.
 * Throws {@link InvalidEventInput}.
 */
export function normalizeServerEvent(raw: unknown, serverSource: Record<string, unknown>, now = new Date()): RoutedEvent {
  if (!isPlainObject(raw)) throw new InvalidEventInput('the event must be an object');
  const given = isPlainObject(raw.source) ? raw.source : {};
  return fill(raw, { ...serverSource, ...given }, now);
}
