import { InvalidEventError } from './errors.js';

/**
 * The ftrack event, as exchanged on the hub. Browser-safe.
 *
 * On the wire an event has exactly seven keys (protocol 6.1); anything else
 * makes the Python client drop it, so {@link Event.toJSON} never adds more.
 */
export interface EventPayload {
  id: string;
  topic: string;
  data: unknown;
  source: Record<string, unknown>;
  target: string;
  sent: string | null;
  inReplyToEvent: string | null;
}

/** Fields an {@link Event} may be built from besides topic and data. */
export type EventOptions = Partial<Omit<EventPayload, 'topic' | 'data'>>;

/** A new random event id (uuid v4). */
export function newEventId(): string {
  return globalThis.crypto.randomUUID();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * An ftrack event.
 *
 * @example
 * const event = new Event('my-studio.render-finished', { shot: 'sh010' });
 * await hub.publish(event);
 */
export class Event implements EventPayload {
  id: string;
  topic: string;
  data: unknown;
  source: Record<string, unknown>;
  target: string;
  sent: string | null;
  inReplyToEvent: string | null;
  #stopped = false;

  constructor(topic: string, data: unknown = {}, options: EventOptions = {}) {
    if (typeof topic !== 'string' || topic === '') throw new InvalidEventError('the topic must be a non-empty string');
    this.id = options.id ?? newEventId();
    this.topic = topic;
    this.data = data;
    this.source = options.source ?? {};
    this.target = options.target ?? '';
    this.sent = options.sent ?? null;
    this.inReplyToEvent = options.inReplyToEvent ?? null;
  }

  /**
   * Reads an event received from the wire (or any plain object). Missing keys
   * get their defaults; unknown keys are dropped. Throws {@link InvalidEventError}
   * when `payload` is not an object or has no topic.
   */
  static fromPayload(payload: unknown): Event {
    if (payload instanceof Event) return payload;
    if (!isRecord(payload)) throw new InvalidEventError('the payload is not a JSON object');
    const { id, topic, data, source, target, sent, inReplyToEvent } = payload;
    if (typeof topic !== 'string' || topic === '') throw new InvalidEventError('"topic" is missing or not a non-empty string');
    return new Event(topic, data === undefined ? {} : data, {
      id: typeof id === 'string' && id !== '' ? id : newEventId(),
      source: isRecord(source) ? source : {},
      target: typeof target === 'string' ? target : '',
      sent: typeof sent === 'string' ? sent : null,
      inReplyToEvent: typeof inReplyToEvent === 'string' ? inReplyToEvent : null,
    });
  }

  /** Stops delivery of this event to later (lower-priority) local subscribers. */
  stop(): void {
    this.#stopped = true;
  }

  get isStopped(): boolean {
    return this.#stopped;
  }

  /** The wire form: exactly `id, topic, data, source, target, sent, inReplyToEvent`. */
  toJSON(): EventPayload {
    return {
      id: this.id,
      topic: this.topic,
      data: this.data,
      source: this.source,
      target: this.target,
      sent: this.sent,
      inReplyToEvent: this.inReplyToEvent,
    };
  }
}
