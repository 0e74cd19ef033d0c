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
  /** Raw return values of the called callbacks (promises included), in call order; empty unless `collect`. */
  results: unknown[];
  /** Number of callbacks called. */
  called: number;
  /**
   * Settles when every callback (and its `onResult`) settled, with the
   * failures; undefined when every callback returned synchronously without
   * failing (the common case, kept allocation-free).
   */
  settled: Promise<SubscriberFailure[]> | undefined;
}

export interface DispatchOptions {
  logger: Logger;
  /** Compiled target of the event, or undefined when it has none. */
  target: CompiledExpression | undefined;
  /** Keep the callbacks' return values in `results` (publishLocal). Defaults to false. */
  collect?: boolean;
  /** Called with each callback's (awaited) value, e.g. to publish it as a reply. */
  onResult?: (event: Event, subscriber: Subscriber, value: unknown) => void;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

const NO_RESULTS = Object.freeze([]) as unknown as unknown[];

function logFailure(logger: Logger, event: Event, subscriber: Subscriber, error: unknown): void {
  logger.error(
    { err: error instanceof Error ? error : errorMessage(error), eventId: event.id, topic: event.topic, subscriberId: subscriber.id },
    'subscriber callback failed; other subscribers still get the event',
  );
}

export function dispatchEvent(event: Event, candidates: readonly Subscriber[], options: DispatchOptions): DispatchResult {
  const { logger, target, onResult } = options;
  const results: unknown[] = options.collect ? [] : NO_RESULTS;
  let failures: SubscriberFailure[] | undefined;
  let pending: Array<Promise<void>> | undefined;
  let called = 0;

  for (const subscriber of candidates) {
    if (event.isStopped) break;
    if (target !== undefined && !target.match(subscriber.metadata)) continue;
    if (!subscriber.expression.match(event)) continue;
    called += 1;
    let value: unknown;
    try {
      value = subscriber.callback(event);
      if (results !== NO_RESULTS) results.push(value);
      if (isThenable(value)) {
        const failed = (failures ??= []);
        (pending ??= []).push(
          Promise.resolve(value).then(
            (resolved) => {
              try {
                onResult?.(event, subscriber, resolved);
              } catch (error) {
                failed.push({ subscriberId: subscriber.id, error });
                logFailure(logger, event, subscriber, error);
              }
            },
            (error: unknown) => {
              failed.push({ subscriberId: subscriber.id, error });
              logFailure(logger, event, subscriber, error);
            },
          ),
        );
      } else if (onResult) {
        onResult(event, subscriber, value);
      }
    } catch (error) {
      (failures ??= []).push({ subscriberId: subscriber.id, error });
      logFailure(logger, event, subscriber, error);
    }
  }

  let settled: Promise<SubscriberFailure[]> | undefined;
  if (pending) {
    const failed = failures!;
    settled = Promise.allSettled(pending).then(() => failed);
  } else if (failures) {
    settled = Promise.resolve(failures);
  }
  return { results, called, settled };
}
