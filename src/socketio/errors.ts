import { FtrackError } from '../errors.js';

/** Longest excerpt of a bad frame quoted in an error message. */
const EXCERPT_CHARS = 80;

function excerpt(text: string): string {
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

/**
 * A socket.io 0.9 frame, event payload, ack payload or handshake answer that
 * does not follow the protocol. Thrown by the pure decoders in `packet.ts`.
 */
export class PacketDecodeError extends FtrackError {
  readonly code = 'FTRACK_ERR_PACKET_MALFORMED' as const;
  /** The start of the offending input (at most 80 characters). */
  readonly excerpt: string;

  constructor(reason: string, input: string, options?: ErrorOptions) {
    super(
      `Malformed socket.io 0.9 input (${reason}): ${JSON.stringify(excerpt(input))}. ` +
        'Frames look like "type:id[+]:endpoint[:data]" with type 0-8; see the socket.io 0.9 protocol (revision 1).',
      options,
    );
    this.excerpt = excerpt(input);
  }
}

/** A packet object that cannot be written as a frame (bad id or endpoint). */
export class PacketEncodeError extends FtrackError {
  readonly code = 'FTRACK_ERR_PACKET_INVALID' as const;

  constructor(reason: string) {
    super(`Cannot encode socket.io packet: ${reason}.`);
  }
}

/** The server refused the credentials (HTTP 401/403 on the handshake). Never retried. */
export class HubAuthenticationError extends FtrackError {
  readonly code = 'FTRACK_ERR_HUB_AUTH' as const;
  readonly status: number;
  constructor(status: number, url: string) {
    super(`The event hub at ${url} refused the credentials (HTTP ${status}); check the API user and API key.`);
    this.status = status;
  }
}

/** Handshake or WebSocket could not be established (network, HTTP error, timeout, bad answer). Retried. */
export class HubConnectionError extends FtrackError {
  readonly code = 'FTRACK_ERR_HUB_CONNECTION' as const;
  constructor(reason: string, options?: ErrorOptions) {
    super(`Cannot connect to the event hub: ${reason}. Check the server URL and that the server is running.`, options);
  }
}

