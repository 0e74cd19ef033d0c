import type { Logger } from '../logger.js';
import { errorMessage } from '../errors.js';
import type { CompiledExpression } from './expression/index.js';
import type { Event } from './event.js';
import type { Subscriber } from './subscriber.js';

/**
 * Delivers one event to local subscribers (STYLE 13): in priority order
 * (lower first, then subscription order), skipping subscribers whose metadata
 * the event's target does not match or whose expression does not match, and
 * stopping at the first callback that called `event.stop()`.
 *
 * Callbacks are invoked one after the other without waiting for returned
 * promises (a slow subscriber must not hold up the others), so `stop()` has to
 * be called before a callback's first `await`. Every failure — a throw or a
 * rejection — is logged with the event id and topic and never stops delivery.
 */
// ftrack_api equiv: event/hub.py EventHub._handle

export interface SubscriberFailure {
  subscriberId: string;
  error: unknown;
}

export interface DispatchResult {
  /** Raw return values of the called callbacks (promises included), in call order. */
  results: unknown[];
  /** Number of callbacks called. */
  called: number;
  /** Settles when every callback (and its `onResult`) settled; lists the failures. */
  settled: Promise<SubscriberFailure[]>;
}

export interface DispatchOptions {
  logger: Logger;
  /** Compiled target of the event, or undefined when it has none. */
  target: CompiledExpression | undefined;
  /** Called with each callback's (awaited) value, e.g. to publish it as a reply. */
  onResult?: (subscriber: Subscriber, value: unknown) => void;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

const NO_FAILURES: Promise<SubscriberFailure[]> = Promise.resolve([]);

export function dispatchEvent(event: Event, candidates: readonly Subscriber[], options: DispatchOptions): DispatchResult {
  const { logger, target, onResult } = options;
  const results: unknown[] = [];
  const failures: SubscriberFailure[] = [];
  let pending: Array<Promise<void>> | undefined;
  let called = 0;

  const fail = (subscriber: Subscriber, error: unknown): void => {
    failures.push({ subscriberId: subscriber.id, error });
    logger.error(
      { err: error instanceof Error ? error : errorMessage(error), eventId: event.id, topic: event.topic, subscriberId: subscriber.id },
      'subscriber callback failed; other subscribers still get the event',
    );
  };
  const deliver = (subscriber: Subscriber, value: unknown): void => {
    if (!onResult) return;
    try {
      onResult(subscriber, value);
    } catch (error) {
      fail(subscriber, error);
    }
  };

  for (const subscriber of candidates) {
    if (event.isStopped) break;
    if (target !== undefined && !target.match(subscriber.metadata)) continue;
    if (!subscriber.expression.match(event)) continue;
    called += 1;
    let value: unknown;
    try {
      value = subscriber.callback(event);
    } catch (error) {
      fail(subscriber, error);
      continue;
    }
    results.push(value);
    if (isThenable(value)) {
      (pending ??= []).push(
        Promise.resolve(value).then(
          (resolved) => deliver(subscriber, resolved),
          (error: unknown) => fail(subscriber, error),
        ),
      );
    } else {
      deliver(subscriber, value);
    }
  }

  const settled = pending ? Promise.allSettled(pending).then(() => failures) : failures.length ? Promise.resolve(failures) : NO_FAILURES;
  return { results, called, settled };
}
