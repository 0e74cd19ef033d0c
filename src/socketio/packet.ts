import { PacketDecodeError, PacketEncodeError } from './errors.js';

/**
 * Pure codec of socket.io 0.9 (protocol revision 1) frames, the transport of
 * the ftrack event hub. Browser-safe: no Node imports.
 *
 * Frame grammar: `<type>:[<id>[+]]:[<endpoint>][:<data>]`, type a digit 0-8.
 */

/** Packet type names, indexed by their wire digit. */
export const PACKET_TYPES = ['disconnect', 'connect', 'heartbeat', 'message', 'json', 'event', 'ack', 'error', 'noop'] as const;
export type PacketType = (typeof PACKET_TYPES)[number];

const TYPE_CODES: Readonly<Record<PacketType, number>> = Object.fromEntries(
  PACKET_TYPES.map((name, index) => [name, index]),
) as Record<PacketType, number>;

export interface Packet {
  type: PacketType;
  /** Message id; with `ackData` the sender expects an ack carrying data. */
  id?: number;
  /** The `+` after the id. */
  ackData?: boolean;
  /** Namespace; always `''` for ftrack. */
  endpoint: string;
  /** Everything after the third colon; undefined when the frame has no third colon. */
  data?: string;
}

/** Handshake answer of `GET /socket.io/1/`: `sid:heartbeat:close:transports`. */
export interface Handshake {
  sessionId: string;
  /** Heartbeat timeout in seconds (0 when the server left it empty). */
  heartbeatTimeoutS: number;
  /** Close timeout in seconds (0 when the server left it empty). */
  closeTimeoutS: number;
  transports: string[];
}

function checkId(id: number | undefined): void {
  if (id !== undefined && !(Number.isSafeInteger(id) && id >= 0)) {
    throw new PacketEncodeError(`id must be a non-negative integer, got ${String(id)}`);
  }
}

/** Writes a packet as a frame. Throws {@link PacketEncodeError} for a bad id or an endpoint with ':'. */
export function encodePacket(packet: Packet): string {
  const code = TYPE_CODES[packet.type];
  if (code === undefined) throw new PacketEncodeError(`unknown packet type ${JSON.stringify(packet.type)}`);
  checkId(packet.id);
  if (packet.endpoint.includes(':')) throw new PacketEncodeError('the endpoint must not contain ":"');
  if (packet.ackData && packet.id === undefined) throw new PacketEncodeError('"+" (ackData) needs an id');
  const id = packet.id === undefined ? '' : `${packet.id}${packet.ackData ? '+' : ''}`;
  const head = `${code}:${id}:${packet.endpoint}`;
  return packet.data === undefined ? head : `${head}:${packet.data}`;
}

/** Reads one frame. Throws {@link PacketDecodeError} when it is not a socket.io 0.9 frame. */
export function decodePacket(frame: string): Packet {
  if (typeof frame !== 'string') throw new PacketDecodeError('not a text frame', String(frame));
  const digit = frame.charCodeAt(0) - 48;
  if (!(digit >= 0 && digit <= 8) || frame.charCodeAt(1) !== 58 /* : */) {
    throw new PacketDecodeError('expected a type digit 0-8 followed by ":"', frame);
  }
  const idEnd = frame.indexOf(':', 2);
  if (idEnd < 0) throw new PacketDecodeError('missing the ":" after the message id', frame);
  const packet: Packet = { type: PACKET_TYPES[digit]!, endpoint: '' };
  if (idEnd > 2) {
    let idText = frame.slice(2, idEnd);
    if (idText.endsWith('+')) {
      packet.ackData = true;
      idText = idText.slice(0, -1);
    }
    if (!/^[0-9]{1,15}$/.test(idText)) throw new PacketDecodeError('the message id is not a number', frame);
    packet.id = Number(idText);
  }
  const endpointEnd = frame.indexOf(':', idEnd + 1);
  if (endpointEnd < 0) {
    packet.endpoint = frame.slice(idEnd + 1);
  } else {
    packet.endpoint = frame.slice(idEnd + 1, endpointEnd);
    packet.data = frame.slice(endpointEnd + 1);
  }
  return packet;
}

/** An event frame: `5:[id[+]]::{"name":…,"args":[…]}`. */
export function encodeEvent(name: string, args: unknown[], opts: { id?: number; ackData?: boolean } = {}): string {
  const packet: Packet = { type: 'event', endpoint: '', data: JSON.stringify({ name, args }) };
  if (opts.id !== undefined) packet.id = opts.id;
  if (opts.ackData) packet.ackData = true;
  return encodePacket(packet);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PacketDecodeError(`${what} is not valid JSON`, text, { cause: error });
  }
}

/** Reads the data of an event packet. A missing `args` reads as `[]`. */
export function decodeEventData(data: string): { name: string; args: unknown[] } {
  const value = parseJson(data, 'event data');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PacketDecodeError('event data must be a JSON object', data);
  }
  const { name, args } = value as { name?: unknown; args?: unknown };
  if (typeof name !== 'string') throw new PacketDecodeError('event data has no string "name"', data);
  if (args !== undefined && !Array.isArray(args)) throw new PacketDecodeError('event "args" must be an array', data);
  return { name, args: (args as unknown[] | undefined) ?? [] };
}

/**
 * An ack frame with data: `6:::<id>+<json array>`. U+2028 and U+2029 are
 * written as `\u2028` / `\u2029` escapes: JSON allows them raw, but the
 * socket.io 0.9 reference parser reads ack data with a `.` regex that stops at
 * them, and would drop the whole payload (an error message quoting a
 * client's expression can contain them).
 */
export function encodeAck(id: number, args: unknown[]): string {
  checkId(id);
  if (args.length === 1 && isPlainSuccess(args[0])) return `6:::${id}+${SUCCESS_ACK}`; // the common ack, without JSON.stringify
  return encodePacket({ type: 'ack', endpoint: '', data: `${id}+${escapeLineSeparators(JSON.stringify(args))}` });
}

const LINE_SEPARATORS = /[\u2028\u2029]/g;

function escapeLineSeparators(json: string): string {
  return json.replace(LINE_SEPARATORS, (char) => (char === '\u2028' ? '\\u2028' : '\\u2029'));
}

const SUCCESS_ACK = '[{"success":true}]';

function isPlainSuccess(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  if (record.success !== true) return false;
  for (const key in record) if (key !== 'success') return false;
  return Object.getPrototypeOf(record) === Object.prototype;
}

/** Reads the data of an ack packet: `<id>` or `<id>+<json array>`. */
export function decodeAckData(data: string): { id: number; args: unknown[] } {
  const match = /^([0-9]{1,15})(\+([\s\S]*))?$/.exec(data);
  if (!match) throw new PacketDecodeError('ack data must be "<id>" or "<id>+<json array>"', data);
  const id = Number(match[1]);
  if (match[2] === undefined) return { id, args: [] };
  if (match[3] === SUCCESS_ACK) return { id, args: [{ success: true }] };
  const args = parseJson(match[3]!, 'ack data');
  if (!Array.isArray(args)) throw new PacketDecodeError('ack data after "+" must be a JSON array', data);
  return { id, args };
}

/** The handshake answer body. */
export function formatHandshake(h: Handshake): string {
  if (!h.sessionId || h.sessionId.includes(':')) throw new PacketEncodeError('the session id must be non-empty and free of ":"');
  return `${h.sessionId}:${h.heartbeatTimeoutS}:${h.closeTimeoutS}:${h.transports.join(',')}`;
}

function parseSeconds(text: string, body: string, what: string): number {
  if (text === '') return 0;
  if (!/^[0-9]{1,9}$/.test(text)) throw new PacketDecodeError(`the ${what} timeout is not a number`, body);
  return Number(text);
}

/** Reads a handshake answer body. Throws {@link PacketDecodeError} when it lacks a field. */
export function parseHandshake(body: string): Handshake {
  if (typeof body !== 'string') throw new PacketDecodeError('handshake answer is not text', String(body));
  const parts = body.trim().split(':');
  if (parts.length !== 4) throw new PacketDecodeError('handshake answer must have 4 ":"-separated fields', body);
  const [sessionId, heartbeat, close, transports] = parts as [string, string, string, string];
  if (sessionId === '') throw new PacketDecodeError('handshake answer has an empty session id', body);
  return {
    sessionId,
    heartbeatTimeoutS: parseSeconds(heartbeat, body, 'heartbeat'),
    closeTimeoutS: parseSeconds(close, body, 'close'),
    transports: transports === '' ? [] : transports.split(','),
  };
}
