/**
 * A hand-written fake of the part of EventHub that plugins and actions use.
 * Subscriptions match on `topic=<t>` plus optional `and data.actionIdentifier=<id>`
 * clauses (what the action helper subscribes with). Published events and
 * replies are recorded.
 */
export interface FakeEvent {
  id: string;
  topic: string;
  data: any;
  source: any;
  target: string;
  inReplyToEvent: string | null;
}

interface Sub {
  id: string;
  expression: string;
  callback: (event: FakeEvent) => unknown;
  options: unknown;
}

let counter = 0;

export class FakeHub {
  readonly subs = new Map<string, Sub>();
  readonly published: FakeEvent[] = [];
  readonly replies: { to: FakeEvent; data: any }[] = [];
  id = 'fake-hub';

  subscribe(expression: string, callback: (event: FakeEvent) => unknown, options?: unknown): string {
    const id = `sub-${++counter}`;
    this.subs.set(id, { id, expression, callback, options });
    return id;
  }

  unsubscribe(id: string): boolean {
    return this.subs.delete(id);
  }

  async publish(event: Partial<FakeEvent> & { topic: string }): Promise<string> {
    const full = makeEvent(event.topic, event.data, event);
    this.published.push(full);
    return full.id;
  }

  async publishReply(source: FakeEvent, data: unknown): Promise<string> {
    this.replies.push({ to: source, data });
    return `reply-${++counter}`;
  }

  /** Delivers an event to matching subscribers; resolves with their results. */
  async deliver(event: FakeEvent): Promise<unknown[]> {
    const results: unknown[] = [];
    for (const sub of [...this.subs.values()]) {
      if (matches(sub.expression, event)) results.push(await sub.callback(event));
    }
    return results;
  }

  expressions(): string[] {
    return [...this.subs.values()].map((s) => s.expression);
  }
}

export function makeEvent(topic: string, data: unknown = {}, extra: Partial<FakeEvent> = {}): FakeEvent {
  return {
    id: extra.id ?? `evt-${++counter}`,
    topic,
    data,
    source: extra.source ?? { id: 'web-ui', applicationId: 'ftrack.client.web', user: { username: 'demo', id: 'user-demo' } },
    target: extra.target ?? '',
    inReplyToEvent: extra.inReplyToEvent ?? null,
  };
}

function matches(expression: string, event: FakeEvent): boolean {
  return expression.split(/\s+and\s+/).every((clause) => {
    const [key, raw] = clause.split('=') as [string, string];
    const value = raw.replace(/^"|"$/g, '');
    const actual = key.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), event);
    return String(actual) === value;
  });
}
