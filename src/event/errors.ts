import { FtrackError } from '../errors.js';
import type { HubAuthenticationError, HubConnectionError } from '../socketio/errors.js';

/**
 * Errors of events, expressions and the EventHub. Browser-safe (no Node imports).
 */

/** A payload that cannot be read as an ftrack event (not an object, no topic). */
export class InvalidEventError extends FtrackError {
  readonly code = 'FTRACK_ERR_EVENT_INVALID' as const;
  constructor(reason: string) {
    super(`Invalid ftrack event: ${reason}. An event is an object with at least a non-empty string "topic".`);
  }
}

/** A subscription or target expression that does not parse. `column` is 1-based. */
export class ExpressionSyntaxError extends FtrackError {
  readonly code = 'FTRACK_ERR_EXPRESSION_SYNTAX' as const;
  /** 1-based column of the first offending character. */
  readonly column: number;
  /** The expression text as given. */
  readonly expression: string;

  constructor(expression: string, column: number, reason: string) {
    super(
      `Invalid expression at column ${column}: ${reason} in ${JSON.stringify(expression)}. ` +
        'Write conditions like topic=ftrack.update or data.name="a b", joined with and/or/not and parentheses.',
    );
    this.column = column;
    this.expression = expression;
  }
}

/** The hub was disconnected (or gave up reconnecting) while this call was pending. */
export class HubClosedError extends FtrackError {
  readonly code = 'FTRACK_ERR_HUB_CLOSED' as const;
  constructor(reason = 'the event hub was disconnected') {
    super(`Event hub closed: ${reason}. Call connect() again to resume.`);
  }
}

/** `publish()` before `connect()` was ever called. */
export class HubNotConnectedError extends FtrackError {
  readonly code = 'FTRACK_ERR_HUB_NOT_CONNECTED' as const;
  constructor() {
    super('The event hub is not connected; call hub.connect() before publishing.');
  }
}

/** The server answered a publish with `success: false`. */
export class HubPublishError extends FtrackError {
  readonly code = 'FTRACK_ERR_HUB_PUBLISH_REJECTED' as const;
  readonly serverMessage: string | undefined;
  constructor(topic: string, serverMessage: string | undefined) {
    super(`The event hub rejected the event on topic ${JSON.stringify(topic)}: ${serverMessage ?? 'no reason given'}.`);
    this.serverMessage = serverMessage;
  }
}

/** An event whose frame is larger than `maxFrameBytes`; it is not sent (the server would refuse it). */
export class HubEventTooLargeError extends FtrackError {
  readonly code = 'FTRACK_ERR_HUB_EVENT_TOO_LARGE' as const;
  readonly bytes: number;
  constructor(topic: string, bytes: number, limit: number) {
    super(`The event on topic ${JSON.stringify(topic)} is ${bytes} bytes on the wire, over the ${limit}-byte limit; send a reference (e.g. a component id) instead of the data, or raise maxFrameBytes.`);
    this.bytes = bytes;
  }
}

/** No acknowledgement arrived in time for a publish. */
export class HubAckTimeoutError extends FtrackError {
  readonly code = 'FTRACK_ERR_HUB_ACK_TIMEOUT' as const;
  constructor(topic: string, ms: number) {
    super(`The event hub did not acknowledge the event on topic ${JSON.stringify(topic)} within ${ms} ms; raise ackTimeoutMs or check the server.`);
  }
}

/** `publishAndWaitForReply()` got no reply in time. */
export class HubReplyTimeoutError extends FtrackError {
  readonly code = 'FTRACK_ERR_HUB_REPLY_TIMEOUT' as const;
  constructor(topic: string, ms: number) {
    super(`No reply to the event on topic ${JSON.stringify(topic)} within ${ms} ms; is a subscriber running, or raise the timeout.`);
  }
}

/** `subscribe()` with a subscriber id that is already in use on this hub. */
export class SubscriberExistsError extends FtrackError {
  readonly code = 'FTRACK_ERR_HUB_SUBSCRIBER_EXISTS' as const;
  constructor(id: string) {
    super(`A subscriber with id ${JSON.stringify(id)} already exists on this hub; pick another id or unsubscribe it first.`);
  }
}

/** What a publish can reject with. */
export type HubCallError =
  | HubClosedError
  | HubConnectionError
  | HubAuthenticationError
  | HubNotConnectedError
  | HubPublishError
  | HubEventTooLargeError
  | HubAckTimeoutError
  | HubReplyTimeoutError
  | InvalidEventError;
