import { FtrackError } from '../../errors.js';

/**
 * Why the hub server refused something a client sent. The `code` is stable and
 * is also the first word of the `7:::<reason>` error packet and of the ack
 * message, so clients and tests can branch on it without parsing prose.
 */
export const HUB_REFUSAL_CODES = [
  'FTRACK_ERR_HUB_FRAME_MALFORMED',
  'FTRACK_ERR_HUB_FRAME_BINARY',
  'FTRACK_ERR_HUB_FRAME_TOO_LARGE',
  'FTRACK_ERR_HUB_PACKET_UNSUPPORTED',
  'FTRACK_ERR_HUB_EVENT_INVALID',
  'FTRACK_ERR_HUB_SUBSCRIPTION_INVALID',
  'FTRACK_ERR_HUB_SUBSCRIPTION_LIMIT',
  'FTRACK_ERR_HUB_SUBSCRIPTION_FLOOD',
  'FTRACK_ERR_HUB_TARGET_INVALID',
  'FTRACK_ERR_HUB_SLOW_CONSUMER',
  'FTRACK_ERR_HUB_CLIENT_SILENT',
  'FTRACK_ERR_HUB_INTERNAL',
] as const;

export type HubRefusalCode = (typeof HUB_REFUSAL_CODES)[number];

/**
 * A client sent something the hub server does not accept. Never thrown out of
 * the server: the connection that caused it gets an ack with
 * `success: false`, a `7:::` error packet or a close, and the server goes on.
 */
export class HubRefusalError extends FtrackError {
  readonly code: HubRefusalCode;
  constructor(code: HubRefusalCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
  /** The text sent to the client: `<code>: <message>`. */
  get reason(): string {
    return `${this.code}: ${this.message}`;
  }
}

/** `HubServer.publish()` got an event it cannot route (no topic, bad target). */
export class HubEventError extends FtrackError {
  readonly code = 'FTRACK_ERR_HUB_EVENT_INVALID' as const;
}
