import assert from 'node:assert/strict';
import { z } from 'zod';
import * as main from '../../src/index.js';
import * as standinEntry from '../../src/standin/index.js';
import {
  Event,
  EventHub,
  NoResultFoundError,
  Session,
  defineAction,
  definePlugin,
  type Entity,
  type EventPayload,
  type HubStatus,
  type Logger,
  type QueryResult,
  type SessionOptions,
} from '../../src/index.js';
import { createStandinServer, type StandinServer } from '../../src/standin/index.js';

// Type tests of the public API. The compile-time half lives in
// `compileTimeChecks` (never called): `npm run typecheck` fails when a type
// drifts or a `@ts-expect-error` line stops being an error. The runtime half
// checks that every documented export exists, so removing one fails here.

/** True when A and B are the same type (not merely assignable). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** True when A and B are assignable both ways (method vs function property, readonly). */
type Alike<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compiles only when given `true`. */
const expectTrue = <T extends true>(value: T): T => value;

interface Task extends Entity {
  name: string;
}

function compileTimeChecks(): void {
  // Session.create resolves to a Session; its options are checked.
  expectTrue<Equal<ReturnType<typeof Session.create>, Promise<Session>>>(true);
  expectTrue<Equal<Parameters<typeof Session.create>[0], SessionOptions | undefined>>(true);
  // @ts-expect-error unknown option
  void Session.create({ serverUrl: 'http://x', apiUser: 'u', apiKey: 'k', bogusOption: true });
  // @ts-expect-error timeout is seconds, a number
  void Session.create({ serverUrl: 'http://x', timeout: '60' });

  const session = null as unknown as Session;
  // Rows can be typed.
  expectTrue<Equal<ReturnType<typeof session.query<Task>>, QueryResult<Task>>>(true);
  expectTrue<Equal<ReturnType<QueryResult<Task>['first']>, Promise<Task | undefined>>>(true);
  expectTrue<Equal<ReturnType<QueryResult<Task>['one']>, Promise<Task>>>(true);
  expectTrue<Equal<ReturnType<typeof session.get<Task>>, Promise<Task | undefined>>>(true);
  expectTrue<Equal<typeof session.eventHub, EventHub>>(true);

  // EventHub: the callback receives an Event; publish resolves to the id.
  const hub = new EventHub('http://127.0.0.1:1', 'user', 'key');
  hub.subscribe('topic=a', (event) => {
    expectTrue<Equal<typeof event, Event>>(true);
    expectTrue<Equal<typeof event.topic, string>>(true);
  });
  // @ts-expect-error the callback's argument is an Event, not a string
  hub.subscribe('topic=a', (event: string) => event.length);
  // @ts-expect-error the API key is required
  void new EventHub('http://127.0.0.1:1', 'user');
  expectTrue<Equal<ReturnType<typeof hub.publish>, Promise<string>>>(true);
  expectTrue<Equal<ReturnType<typeof hub.publishAndWaitForReply>, Promise<Event>>>(true);
  expectTrue<Equal<ReturnType<typeof hub.publishLocal>, unknown[]>>(true);
  hub.on('status', (status) => expectTrue<Equal<typeof status, HubStatus>>(true));
  // @ts-expect-error a publish needs a topic
  void hub.publish({ data: {} });
  expectTrue<Alike<ReturnType<Event['toJSON']>, EventPayload>>(true);

  // Errors carry literal codes.
  expectTrue<Equal<NoResultFoundError['code'], 'FTRACK_ERR_NO_RESULT_FOUND'>>(true);
  expectTrue<Equal<main.SessionConfigError['code'], 'FTRACK_ERR_SESSION_CONFIG'>>(true);
  expectTrue<Equal<main.JobFailedError['code'], 'FTRACK_ERR_JOB_FAILED'>>(true);
  expectTrue<Equal<main.ExpressionSyntaxError['code'], 'FTRACK_ERR_EXPRESSION_SYNTAX'>>(true);
  expectTrue<Equal<main.HubReplyTimeoutError['code'], 'FTRACK_ERR_HUB_REPLY_TIMEOUT'>>(true);

  // defineAction: identifier, label and launch are required.
  defineAction({ identifier: 'studio.hello', label: 'Hello', launch: ({ user }) => `Hello ${String(user.username)}` });
  // @ts-expect-error identifier is missing
  defineAction({ label: 'Hello', launch: () => undefined });
  // @ts-expect-error launch is missing
  defineAction({ identifier: 'studio.hello', label: 'Hello' });
  // @ts-expect-error launch returns something that is not a result, a form or a message
  defineAction({ identifier: 'studio.hello', label: 'Hello', launch: () => 42 });

  // definePlugin types the arguments from a zod schema.
  definePlugin({
    schema: z.object({ greeting: z.string().default('hi'), times: z.number().optional() }),
    register(_session, args) {
      expectTrue<Equal<typeof args, { greeting: string; times?: number | undefined }>>(true);
      // @ts-expect-error not in the schema
      void args.nope;
    },
  });
  definePlugin({
    register(_session, args, context) {
      expectTrue<Equal<typeof args, Record<string, unknown>>>(true);
      expectTrue<Equal<typeof context.logger, Logger>>(true);
      expectTrue<Equal<typeof context.signal, AbortSignal>>(true);
    },
  });

  // createStandinServer resolves to { url, apiUser, apiKey, close, … }.
  type Started = Awaited<ReturnType<typeof createStandinServer>>;
  expectTrue<Equal<Started, StandinServer>>(true);
  expectTrue<Alike<Pick<Started, 'url' | 'apiUser' | 'apiKey' | 'close'>, { url: string; apiUser: string; apiKey: string; close(): Promise<void> }>>(true);
  // @ts-expect-error port is a number
  void createStandinServer({ port: '8080' });
}
void compileTimeChecks;

/** Exports named in docs/*.md (architecture, session, event-hub, plugins, host). */
const DOCUMENTED_MAIN = {
  function: [
    'encodePacket', 'decodePacket', 'encodeEvent', 'decodeEventData', 'encodeAck', 'decodeAckData', 'formatHandshake', 'parseHandshake',
    'compileExpression', 'createLogger', 'captureLogger', 'definePlugin', 'loadPlugins', 'defineAction', 'runHost', 'toReply', 'startEmbedded',
    // classes
    'FtrackError', 'Event', 'EventHub', 'Session', 'SessionAuthentication', 'Entity', 'QueryResult', 'DateOnly', 'Host',
    'MemoryCache', 'FileCache', 'SerialisedCache', 'LayeredCache', 'ProxyCache', 'StringKeyMaker', 'ObjectKeyMaker',
    // errors (docs/session.md and docs/event-hub.md error tables)
    'PacketDecodeError', 'PacketEncodeError', 'InvalidEventError', 'ExpressionSyntaxError', 'SubscriberExistsError',
    'HubAuthenticationError', 'HubConnectionError', 'HubNotConnectedError', 'HubClosedError', 'HubPublishError', 'HubEventTooLargeError',
    'HubAckTimeoutError', 'HubReplyTimeoutError', 'SessionConfigError', 'ServerUnreachableError', 'SessionTimeoutError', 'MalformedResponseError',
    'ServerError', 'ServerValidationError', 'ServerPermissionError', 'InvalidCredentialsError', 'ServerCompatibilityError', 'UnknownEntityTypeError',
    'NoResultFoundError', 'MultipleResultsFoundError', 'SessionInputError', 'UploadError', 'JobFailedError', 'AbortError', 'SessionClosedError',
    'HostConfigError',
  ],
  object: ['silentLogger', 'PACKET_TYPES'],
  symbol: ['NOT_SET'],
  string: ['SERVER_LOCATION_ID', 'DISCOVER_TOPIC', 'LAUNCH_TOPIC'],
} as const;

/** Exports named in docs/standin.md. */
const DOCUMENTED_STANDIN = {
  function: ['createStandinServer'],
  object: ['DEMO_IDS'],
} as const;

const ERROR_CODES: Array<[keyof typeof main, string]> = [
  ['SessionClosedError', 'FTRACK_ERR_SESSION_CLOSED'],
  ['AbortError', 'FTRACK_ERR_ABORTED'],
];

describe('types - public API', () => {
  it('types - every documented export of ftrack-host exists with its kind', () => {
    const exports = main as unknown as Record<string, unknown>;
    for (const [kind, names] of Object.entries(DOCUMENTED_MAIN)) {
      for (const name of names) assert.equal(typeof exports[name], kind, `ftrack-host exports ${name} (${kind})`);
    }
  });

  it('types - every documented export of ftrack-host/standin exists with its kind', () => {
    const exports = standinEntry as unknown as Record<string, unknown>;
    for (const [kind, names] of Object.entries(DOCUMENTED_STANDIN)) {
      for (const name of names) assert.equal(typeof exports[name], kind, `ftrack-host/standin exports ${name} (${kind})`);
    }
  });

  it('types - documented error classes extend FtrackError and carry their code', () => {
    for (const [name, code] of ERROR_CODES) {
      const ErrorClass = main[name] as unknown as new () => main.FtrackError;
      const error = new ErrorClass();
      assert.ok(error instanceof main.FtrackError, `${name} extends FtrackError`);
      assert.equal(error.code, code);
    }
    const failed = new main.JobFailedError('job-1', 'ffmpeg exited 1');
    assert.ok(failed instanceof main.FtrackError);
    assert.equal(failed.code, 'FTRACK_ERR_JOB_FAILED');
    assert.equal(failed.jobId, 'job-1');
  });

  it('types - the demo ids of the stand-in are the documented fixed ids', () => {
    const ids = standinEntry.DEMO_IDS as unknown as Record<string, string>;
    assert.ok(Object.values(ids).includes('8cecc02e-dc7a-451f-b00f-a3a6282739c8'), 'the demo project id of docs/standin.md');
  });
});
