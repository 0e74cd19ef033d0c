import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import { encodeEvent } from '../socketio/packet.js';
import { dispatchEvent } from './dispatch.js';
import { HubAckTimeoutError, HubEventTooLargeError, HubPublishError, HubReplyTimeoutError, InvalidEventError, ExpressionSyntaxError } from './errors.js';
import { Event, newEventId } from './event.js';
import { ExpressionCache } from './expression/cache.js';
import { compileExpression, type CompiledExpression } from './expression/index.js';
import { DEFAULT_REPLY_RETENTION_MS, DEFAULT_REPLY_TIMEOUT_MS, type ResolvedHubOptions } from './options.js';
import { Outbox, onPublishFailure, rejectPublish, settlePublish, type Outgoing } from './outbox.js';
import { RecentIds } from './recent-ids.js';
import { ReplyRegistry } from './reply-registry.js';
import type { TimerHandle } from '../internal/timer.js';
import type { Subscriber, SubscriberRegistry } from './subscriber.js';

/**
 * The message traffic of one EventHub, apart from its connection lifecycle:
 * publishes and their acks, replies, incoming events and local dispatch.
 */

/** A plain event shape accepted wherever an {@link Event} is. */
export interface EventInput {
  topic: string;
  data?: unknown;
  id?: string;
  target?: string;
  source?: Record<string, unknown>;
  inReplyToEvent?: string | null;
}

export interface PublishOptions {
  /** Called with every reply to this event. */
  onReply?: (reply: Event) => void;
  /** How long `onReply` keeps listening, ms. Defaults to 10 minutes. */
  timeout?: number;
}

/** Topic of reply events. */
export const REPLY_TOPIC = 'ftrack.meta.reply';
const BARE_VALUE = /^[A-Za-z0-9_.,/@+-]+$/;
const TARGET_CACHE_MAX = 1_000;
/**
 * Topic of the event a hub sends only to ask the server for an ack covering
 * its earlier frames. It is targeted at the hub's own id, whose only
 * subscriber listens to replies, so nobody receives it.
 */
export const ACK_SYNC_TOPIC = 'ftrack.host.hub.ack-sync';

/** The compiled target, null when it does not parse. */
function compileTarget(text: string): CompiledExpression | null {
  try {
    return compileExpression(text);
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
    return null;
  }
}

export interface HubTrafficDeps {
  options: ResolvedHubOptions;
  subscribers: SubscriberRegistry;
  stats: { received: number; published: number; resent: number };
  defaultSource(): Record<string, unknown>;
  /** Sends a frame on the current connection (`now`: write at once, see Connection.send); false when there is none. */
  send(frame: string, now?: boolean): boolean;
}

export class HubTraffic {
  readonly replies: ReplyRegistry;
  readonly #deps: HubTrafficDeps;
  readonly #logger: Logger;
  readonly #outbox: Outbox;
  /** Ack ids of subscribe/unsubscribe events on the current connection → topic. */
  readonly #metaAcks = new Map<number, string>();
  /** Recently received event ids, to drop re-deliveries. */
  readonly #recent: RecentIds;
  readonly #targets = new ExpressionCache<CompiledExpression | null>(TARGET_CACHE_MAX);
  readonly #running = new Set<Promise<unknown>>();
  #ackId = 0;
  #flushScheduled = false;
  /**
   * A publish of the current synchronous run went out at once: the publishes
   * after it wait for a flush, so a burst still leaves in one write. Cleared
   * whenever the hub's code runs again from the event loop (a flush, a
   * received frame, the window timer), so the run is over by then. A marker
   * that is still set only sends the next publish through the flush, a few
   * microtasks later; knowing the end of the run exactly would take a
   * scheduled microtask per lone publish, cold work after an idle spell.
   */
  #runOpen = false;
  // Ack requests on the current connection (see flush()). No clock reads: the window timer marks the time.
  /** Frames sent since the last one that asked for an ack. */
  #sinceAsk = 0;
  /** Frames without a request went out since the window timer was armed. */
  #sentSinceArm = false;
  /** The window starts again: the frame just sent is the first without a request since the last one that asked. */
  #restartWindow = false;
  /** The window timer ran while frames without a request kept going out: the oldest of them is a window old. */
  #windowOver = false;
  /**
   * Frames sent at once without an ack request and without reading the clock
   * (their `sentAt` is NaN), for the ack timeout: the next flush, frame with a
   * request or run of the window timer (armed for them anyway) stamps them,
   * so there are at most `ackEveryFrames` of them.
   */
  #unstamped: Outgoing[] = [];
  /** The next frame that ends a flush asks (frames queued again after a lost connection, or a dropped sync, need it). */
  #askAtFlushEnd = false;
  /** Send order of frames (never reset, so it orders frames across connections too). */
  #sendSeq = 0;
  /** `sendSeq` of the newest frame that asked for an ack. */
  #askedUpTo = 0;
  /** Newest `sendSeq` an awaited, already sent publish needs covered by an ack request. */
  #syncWanted = 0;
  #syncScheduled = false;
  /** The last user publish sent; whether it was awaited predicts whether the next one will be. */
  #lastSent: Outgoing | undefined;
  /**
   * Asks for the ack of frames sent without a request, at the end of their
   * window. Made once per connection and re-armed with `refresh()`: the first
   * publish after a quiet spell arms it, and that publish spent about 10 µs
   * less after its write than with a new timer per arm (bench/hub/RESULTS.md).
   */
  #trailing: TimerHandle | undefined;
  #trailingArmed = false;
  /** Source fields filled into every published event (computed once: they never change). */
  readonly #defaults: Record<string, unknown>;
  /** `#defaults` as JSON, the source of every plain publish without its own. */
  readonly #defaultsJson: string;
  /** The id chosen by the last successful `#encodePlain`. */
  #plainId = '';

  constructor(deps: HubTrafficDeps) {
    this.#deps = deps;
    this.#defaults = deps.defaultSource();
    this.#defaultsJson = JSON.stringify(this.#defaults);
    this.#logger = deps.options.logger;
    this.#outbox = new Outbox(deps.options.timer);
    this.replies = new ReplyRegistry(deps.options.timer);
    this.#recent = new RecentIds(deps.options.dedupeWindow);
  }

  /** Normalises input into an Event whose source has the hub defaults filled in. */
  toEvent(input: Event | EventInput): Event {
    // EventInput's optional fields are exactly the Event constructor's options.
    const event = input instanceof Event ? input : new Event(input.topic, input.data === undefined ? {} : input.data, input);
    event.source = { ...this.#defaults, ...event.source };
    return event;
  }

  publish(input: Event | EventInput, options: PublishOptions, connected: boolean): Promise<string> {
    let id: string;
    let topic: string;
    let frame: string | undefined;
    try {
      if (!(input instanceof Event)) frame = this.#encodePlain(input);
      if (frame !== undefined) {
        id = this.#plainId;
        topic = input.topic;
      } else {
        const event = this.toEvent(input);
        id = event.id;
        topic = event.topic;
        // Encoded now: the frame is what the caller published, even if the object changes later.
        frame = encodeEvent('ftrack.event', [event]);
      }
    } catch (error) {
      if (error instanceof InvalidEventError) return Promise.reject(error);
      throw error;
    }
    if (options.onReply) {
      const onReply = options.onReply;
      const eventId = id;
      this.replies.add(id, { onReply: (reply) => this.#guard(() => onReply(reply), eventId, topic) }, options.timeout ?? DEFAULT_REPLY_RETENTION_MS);
    }
    const limit = this.#deps.options.maxFrameBytes;
    // UTF-8 takes at most 3 bytes per UTF-16 unit, so only long frames need counting.
    if (frame.length * 3 > limit) {
      const bytes = new TextEncoder().encode(frame).length;
      if (bytes > limit) return Promise.reject(new HubEventTooLargeError(topic, bytes, limit));
    }
    const record = this.#outbox.add(id, topic, frame, this.#onObserved);
    if (connected) {
      // A lone publish leaves at once; publishes after it in the same run wait for the flush and leave together.
      if (this.#flushScheduled || this.#runOpen || this.#outbox.queued !== 1 || !this.#sendNow(record)) this.#scheduleFlush();
    }
    return record.promise;
  }

  /**
   * The frame of a plain event input without a source (the common publish),
   * written straight from its fields: no Event, no merged source, no `toJSON`
   * copy. Byte for byte what `encodeEvent('ftrack.event', [toEvent(input)])`
   * gives; undefined when the input needs that general path (its own source,
   * non-string fields, data JSON cannot write on its own). Sets `#plainId`.
   * Throws InvalidEventError for a missing topic, as `new Event` does.
   */
  #encodePlain(input: EventInput): string | undefined {
    const { topic, source, target, inReplyToEvent } = input;
    const sent = (input as { sent?: unknown }).sent;
    if (typeof topic !== 'string' || topic === '') throw new InvalidEventError('the topic must be a non-empty string');
    if (source !== undefined) return undefined;
    if (target !== undefined && typeof target !== 'string') return undefined;
    if (inReplyToEvent != null && typeof inReplyToEvent !== 'string') return undefined;
    if (sent != null && typeof sent !== 'string') return undefined;
    const data = input.data === undefined ? {} : input.data;
    // toJSON(key) would see "data" when nested but "" here: leave such data to the general path.
    if (typeof data === 'object' && data !== null && typeof (data as { toJSON?: unknown }).toJSON === 'function') return undefined;
    const dataJson = JSON.stringify(data) as string | undefined;
    if (dataJson === undefined) return undefined;
    let idJson: string;
    if (input.id == null) {
      this.#plainId = newEventId();
      idJson = `"${this.#plainId}"`; // a uuid needs no escaping
    } else if (typeof input.id === 'string') {
      this.#plainId = input.id;
      idJson = JSON.stringify(input.id);
    } else {
      return undefined;
    }
    return (
      `5:::{"name":"ftrack.event","args":[{"id":${idJson},"topic":${JSON.stringify(topic)},"data":${dataJson},` +
      `"source":${this.#defaultsJson},"target":${target ? JSON.stringify(target) : '""'},` +
      `"sent":${sent ? JSON.stringify(sent) : sent === '' ? '""' : 'null'},` +
      `"inReplyToEvent":${inReplyToEvent ? JSON.stringify(inReplyToEvent) : inReplyToEvent === '' ? '""' : 'null'}}]}`
    );
  }

  publishAndWait(input: Event | EventInput, timeout: number | undefined, connected: boolean): Promise<Event> {
    let event: Event;
    try {
      event = this.toEvent(input);
    } catch (error) {
      return Promise.reject(error);
    }
    const ms = timeout ?? DEFAULT_REPLY_TIMEOUT_MS;
    return new Promise<Event>((resolve, reject) => {
      const remove = this.replies.add(
        event.id,
        {
          onReply: (reply) => {
            remove();
            resolve(reply);
          },
          onExpire: () => reject(new HubReplyTimeoutError(event.topic, ms)),
          onClose: reject,
        },
        ms,
      );
      this.publish(event, {}, connected).catch((error: unknown) => {
        remove();
        reject(error);
      });
    });
  }

  /** A reply event to `source` (target `id=<source.source.id>`). Throws InvalidEventError when it has no source id. */
  replyEvent(sourceEvent: Event, data: unknown, source?: Record<string, unknown>): Event {
    const to = sourceEvent.source?.id;
    if (typeof to !== 'string' || to === '') throw new InvalidEventError('the event to reply to has no source.id');
    const target = BARE_VALUE.test(to) ? `id=${to}` : to.includes('"') ? `id='${to}'` : `id="${to}"`;
    return this.toEvent(new Event(REPLY_TOPIC, data, { target, inReplyToEvent: sourceEvent.id, source: source ?? {} }));
  }

  /** Sends a subscribe/unsubscribe now (never queued: every subscriber is re-announced on connect). */
  sendMeta(event: Event): void {
    const ackId = ++this.#ackId;
    if (this.#deps.send(encodeEvent('ftrack.event', [event], { id: ackId, ackData: true }))) this.#metaAcks.set(ackId, event.topic);
  }

  /**
   * Sends every queued publish, in order, while the socket takes them (in
   * one write). Acks are cumulative (see Outbox), so a frame asks for one
   * only when
   * - somebody awaits its publish and not the next one too (in
   *   `await Promise.all(publishes)` only the last frame asks), or
   * - it is the `ackEveryFrames`th frame since the last request (64), or
   * - it is the last queued frame and the oldest frame still without a
   *   request left `ackWindowMs` ago (the window timer ran since; the request
   *   rides on a frame that goes out anyway), or it ends the resend after a
   *   reconnect.
   * A publish after a quiet spell does not ask: its ack would reach the
   * publisher while the server delivers the event, and on a small machine
   * the publisher waking up for it delays the subscriber (measured in
   * bench/hub/multiprocess.ts: the first ping after idle took about 80 µs
   * longer). Frames left without a request when the traffic stops get one
   * from an {@link ACK_SYNC_TOPIC} event, one to two `ackWindowMs` after the
   * last of them; while frames keep going out, they carry the requests
   * themselves (no sync events: one fewer frame for the server and one fewer
   * ack per window, which lowered p99 to 0.95x in bench/hub/RESULTS.md).
   */
  flush(): void {
    this.#runOpen = false;
    const now = this.#deps.options.timer.now();
    this.#stamp(now);
    for (let record = this.#outbox.peek(); record; record = this.#outbox.peek()) {
      const next = this.#outbox.peekSecond();
      // A sync is not sent when it has nothing left to cover (its frames were acked, or the
      // connection changed), nor when frames follow it in this flush: the last of them asks instead.
      if (record.internal && (this.#sinceAsk === 0 || next !== undefined)) {
        if (this.#sinceAsk > 0) this.#askAtFlushEnd = true;
        this.#outbox.drop(record);
        continue;
      }
      const ask = (record.observed && next?.observed !== true) || this.#askAnyway(next === undefined);
      if (!this.#send(record, ask, now, false)) return; // no connection: connectionLost() resets the window
    }
    this.#armTrailing();
  }

  /**
   * Sends a lone publish at once, before its caller had a chance to await it:
   * it asks for an ack when the previous publish was awaited (a caller that
   * awaits one publish after the other), or by the rules of {@link flush}.
   * If it turns out to be awaited after all, a sync asks right away. False
   * when there is no connection (the publish stays queued).
   *
   * After an idle spell every call here runs cold, and on a small machine
   * the work after the write delays the server reading the frame
   * (bench/hub/RESULTS.md): a frame without a request does not read the
   * clock (see `#unstamped`) and schedules nothing but the window timer.
   */
  #sendNow(record: Outgoing): boolean {
    const ask = this.#lastSent?.observed === true || this.#askAnyway(true);
    if (!this.#send(record, ask, ask ? undefined : NaN, true)) return false;
    this.#runOpen = true;
    if (!ask) {
      this.#unstamped.push(record);
      this.#armTrailing();
    }
    return true;
  }

  /** The ack-request rules that do not depend on anybody awaiting (see {@link flush}). */
  #askAnyway(lastQueued: boolean): boolean {
    const { ackEveryFrames, ackWindowMs } = this.#deps.options;
    if (this.#sinceAsk + 1 >= ackEveryFrames) return true;
    if (!lastQueued) return false;
    return this.#askAtFlushEnd || this.#windowOver || ackWindowMs === 0;
  }

  /**
   * Sends the next queued publish, with an ack request or not; false when there is no connection.
   * `sendTime` undefined: the clock is read after the write; NaN: the caller has it stamped later.
   */
  #send(record: Outgoing, ask: boolean, sendTime: number | undefined, immediately: boolean): boolean {
    const { options, stats } = this.#deps;
    const ackId = ask ? ++this.#ackId : undefined;
    // record.frame is `5:::{…}`; an ack request goes between the type and the data.
    const frame = ask ? `5:${ackId}+::${record.frame.slice(4)}` : record.frame;
    if (!this.#deps.send(frame, immediately)) return false;
    const now = sendTime ?? options.timer.now();
    record.sendSeq = ++this.#sendSeq;
    if (ask) {
      // A request reads the clock (sendTime is a number here): frames sent before it get its time.
      this.#stamp(now);
      this.#sinceAsk = 0;
      this.#windowOver = false;
      this.#askAtFlushEnd = false;
      this.#askedUpTo = record.sendSeq;
    } else {
      if (this.#sinceAsk === 0) this.#restartWindow = true;
      this.#sinceAsk += 1;
      this.#sentSinceArm = true;
    }
    if (!record.internal) {
      this.#lastSent = record;
      if (record.attempts === 0) stats.published += 1;
      else stats.resent += 1;
    }
    this.#outbox.markSent(record, ackId, now, options.ackTimeoutMs, this.#onAckTimeout);
    return true;
  }

  /**
   * Frames went out without an ack request: the window timer runs one window
   * from the first of them. When it runs, a sync follows if none has gone out
   * since it was armed (one to two windows after the last), else it runs
   * again and the next frame asks.
   */
  #armTrailing(): void {
    if (this.#sinceAsk === 0 || (this.#trailingArmed && !this.#restartWindow)) return;
    this.#restartWindow = false;
    this.#sentSinceArm = false;
    if (this.#trailing?.refresh) {
      this.#trailing.refresh();
    } else {
      if (this.#trailingArmed) this.#trailing?.cancel();
      this.#trailing = this.#deps.options.timer.setTimeout(this.#onTrailing, this.#deps.options.ackWindowMs);
    }
    this.#trailingArmed = true;
  }

  /**
   * Gives the frames sent without a clock read the time `now`, at most a
   * window after they left (or a later frame's send time): their ack timeout
   * counts from then, so it is never shorter than asked. Without `now`, the
   * clock is read only if there is something to stamp.
   */
  #stamp(now?: number): void {
    if (this.#unstamped.length === 0) return;
    const at = now ?? this.#deps.options.timer.now();
    for (const record of this.#unstamped) record.sentAt = at;
    this.#unstamped = [];
  }

  /** Sends an {@link ACK_SYNC_TOPIC} event asking for an ack that covers every frame sent before it. */
  #sendSync(): void {
    const frame = this.#encodePlain({ topic: ACK_SYNC_TOPIC, target: `id=${String(this.#defaults.id)}` })!;
    const record = this.#outbox.add(this.#plainId, ACK_SYNC_TOPIC, frame);
    record.internal = true;
    record.observed = true;
    this.flush();
  }

  /** Flushes once the current synchronous run of publishes is over, so a burst goes out together. */
  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    queueMicrotask(this.#flushSoon);
  }

  // Callbacks made once (not per event) to keep the hot paths allocation-free.
  // Two microtask hops: `await hub.publish(…)` calls then() one microtask after publish() returned,
  // and the flush must know by then whether the publish is awaited.
  readonly #flushSoon = (): void => queueMicrotask(this.#flushLater);
  readonly #flushLater = (): void => {
    this.#flushScheduled = false;
    this.flush();
  };
  readonly #onTrailing = (): void => {
    this.#trailingArmed = false;
    this.#runOpen = false;
    this.#stamp();
    if (this.#sinceAsk === 0) return;
    // While frames keep going out, they carry the requests (every 64th, or once the window is over);
    // the sync is for the frames left when the traffic stops.
    if (this.#sentSinceArm) {
      this.#windowOver = true;
      this.#armTrailing();
    } else {
      this.#sendSync();
    }
  };
  /** A publish became awaited. Unsent, its own frame will ask; sent without a request, a sync asks right away. */
  readonly #onObserved = (record: Outgoing): void => {
    if (!record.inFlight || record.sendSeq <= this.#askedUpTo) return;
    this.#syncWanted = Math.max(this.#syncWanted, record.sendSeq);
    if (this.#syncScheduled) return;
    this.#syncScheduled = true;
    queueMicrotask(this.#syncIfWanted);
  };
  readonly #syncIfWanted = (): void => {
    this.#syncScheduled = false;
    if (this.#syncWanted > this.#askedUpTo && this.#sinceAsk > 0) this.#sendSync();
  };
  readonly #onAckTimeout = (record: Outgoing): void =>
    rejectPublish(record, new HubAckTimeoutError(record.topic, this.#deps.options.ackTimeoutMs));
  readonly #onResult = (event: Event, subscriber: Subscriber, value: unknown): void => this.#replyWith(event, subscriber, value);

  acknowledge(ackId: number, payload: unknown): void {
    this.#runOpen = false;
    const success = payload !== null && typeof payload === 'object' && (payload as { success?: unknown }).success === true;
    const message = payload !== null && typeof payload === 'object' ? (payload as { message?: unknown }).message : undefined;
    const metaTopic = this.#metaAcks.get(ackId);
    if (metaTopic !== undefined) {
      this.#metaAcks.delete(ackId);
      if (!success) this.#logger.warn({ topic: metaTopic, message }, 'the event hub did not accept a (un)subscription');
      return;
    }
    const settled = this.#outbox.takeAcked(ackId);
    const last = settled.length - 1;
    for (let i = 0; i < last; i++) settlePublish(settled[i]!);
    const record = settled[last];
    if (!record) return;
    if (success) settlePublish(record);
    else rejectPublish(record, new HubPublishError(record.topic, typeof message === 'string' ? message : undefined));
  }

  connectionLost(): void {
    this.#outbox.requeueInFlight();
    this.#metaAcks.clear();
    this.#resetAckWindow();
    // What was in flight goes out again on the next connection; its last frame asks at once.
    this.#askAtFlushEnd = this.#outbox.queued > 0;
  }

  #resetAckWindow(): void {
    this.#runOpen = false;
    this.#sinceAsk = 0;
    this.#sentSinceArm = false;
    this.#restartWindow = false;
    this.#windowOver = false;
    // Records go back to the queue (stamped again when resent) or are rejected.
    this.#unstamped = [];
    this.#lastSent = undefined;
    this.#askAtFlushEnd = false;
    this.#trailing?.cancel();
    this.#trailing = undefined;
    this.#trailingArmed = false;
  }

  closeAll(error: Error): void {
    this.#resetAckWindow();
    this.#outbox.rejectAll(error);
    this.replies.rejectAll(error);
    this.#metaAcks.clear();
  }

  /** An event from the server: drop re-deliveries, then dispatch and publish replies. */
  receive(event: Event): void {
    this.#runOpen = false;
    if (this.#recent.seen(event.id)) return;
    this.#deps.stats.received += 1;
    const target = this.#target(event);
    if (target === null) return;
    const result = dispatchEvent(event, this.#deps.subscribers.candidates(event.topic), {
      logger: this.#logger,
      target,
      onResult: this.#onResult,
    });
    if (result.settled) this.#track(result.settled);
  }

  /** Synchronous local delivery, no replies. */
  dispatchLocal(event: Event): unknown[] {
    const target = this.#target(event);
    if (target === null) return [];
    const result = dispatchEvent(event, this.#deps.subscribers.candidates(event.topic), { logger: this.#logger, target, collect: true });
    if (result.settled) this.#track(result.settled);
    return result.results;
  }

  /** Waits until callbacks and unacknowledged publishes settle, at most `timeoutMs`. */
  async settle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.#running.size > 0 || this.#outbox.size > 0) && Date.now() < deadline) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const pause = new Promise<void>((resolve) => (timer = setTimeout(resolve, 20)));
      await (this.#running.size > 0 ? Promise.race([Promise.allSettled([...this.#running]), pause]) : pause);
      clearTimeout(timer);
      // Always yield to I/O: settled promises alone would spin this loop on microtasks and starve the socket (acks).
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  #track(promise: Promise<unknown>): void {
    this.#running.add(promise);
    void promise.finally(() => this.#running.delete(promise));
  }

  /** The compiled target, undefined for none, null when invalid (the event is dropped, as in Python). */
  #target(event: Event): CompiledExpression | undefined | null {
    const text = event.target;
    if (!text) return undefined;
    const compiled = this.#targets.get(text, compileTarget);
    if (compiled === null) this.#logger.warn({ eventId: event.id, topic: event.topic, target: text }, 'dropping an event with an invalid target');
    return compiled;
  }

  #replyWith(event: Event, subscriber: Subscriber, value: unknown): void {
    if (value === undefined || value === null) return;
    const to = event.source?.id;
    if (typeof to !== 'string' || to === '') return;
    const metadata = subscriber.metadata;
    // The replying subscriber's metadata, with the hub's user filled in (as the Python hub does).
    const source: Record<string, unknown> = { ...metadata, user: metadata.user ?? this.#defaults.user };
    const reply = this.replyEvent(event, value, source);
    // Not awaited: the reply shares its window's ack.
    onPublishFailure(this.publish(reply, {}, true), (error: unknown) =>
      this.#logger.warn({ eventId: event.id, topic: event.topic, err: errorMessage(error) }, 'could not publish a reply'),
    );
  }

  #guard(fn: () => void, eventId: string, topic: string): void {
    try {
      fn();
    } catch (error) {
      this.#logger.error({ err: error, eventId, topic }, 'onReply callback failed');
    }
  }
}
