import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../../src/internal/paths.js';
import { Event, EventHub } from '../../src/event/index.js';
import { HubAuthenticationError } from '../../src/socketio/index.js';
import {
  InvalidCredentialsError,
  MultipleResultsFoundError,
  NoResultFoundError,
  SERVER_LOCATION_ID,
  ServerError,
  Session,
  UnknownEntityTypeError,
  type Entity,
} from '../../src/session/index.js';
import { readAll, recordingWebSocket, waitUntil, type Received } from './helpers.js';

/**
 * One contract suite, several targets (the stand-in always, a real ftrack
 * server when configured). Each test states one thing our `Session` and
 * `EventHub` rely on from a server; the same assertions run against every
 * target, so a difference between the stand-in and ftrack shows up as a
 * failing test on one target only.
 */

/** A server to run the contract against. */
export interface ContractTarget {
  url: string;
  apiUser: string;
  apiKey: string;
  /** Releases the target (stops a stand-in; nothing for a real server). */
  close(): Promise<void>;
  /** Whether the write tests may create, change and delete data on it. */
  writable: boolean;
}

export interface ContractSuiteOptions {
  /**
   * Registers the write tests. Mocha registers tests before `getTarget()`
   * runs, so this must be known up front; it must agree with the target's
   * `writable` (checked in `before`).
   */
  writable: boolean;
}

export function defineContractSuite(targetName: string, getTarget: () => Promise<ContractTarget>, options: ContractSuiteOptions): void {
  describe(`contract - ${targetName}`, function () {
    this.timeout(120_000);
    let target: ContractTarget | undefined;
    let session: Session;
    const hubs: EventHub[] = [];
    /** Unique per run, so concurrent runs against one real server never see each other's events. */
    const run = `ftrack-host.contract.${randomUUID().slice(0, 8)}`;

    const open = (): Session =>
      session ?? assert.fail('the contract session did not start (see the before hook error)');
    const connectHub = async (frames?: string[]): Promise<EventHub> => {
      const t = target ?? assert.fail('no target');
      const hub = new EventHub(t.url, t.apiUser, t.apiKey, {
        applicationId: 'ftrack-host.contract',
        ...(frames ? { WebSocket: recordingWebSocket(frames) } : {}),
      });
      hubs.push(hub);
      await hub.connect();
      return hub;
    };
    /**
     * Subscribes `hub` to `topic` and resolves once the server has registered
     * the subscription: the hub publishes a probe on the same socket after the
     * subscribe frame and waits to receive it (the server handles one
     * connection's frames in order).
     */
    const subscribeReady = async (
      hub: EventHub,
      topic: string,
      who: string,
      inbox: Received[],
      reply?: (event: Event) => unknown,
      alsoMatching?: string,
    ): Promise<string> => {
      const subscriberId = randomUUID();
      hub.subscribe(
        alsoMatching ? `topic=${topic} or ${alsoMatching}` : `topic=${topic}`,
        (event) => {
          inbox.push({ who, event });
          const data = event.data as { kind?: string };
          return data.kind === 'probe' || !reply ? undefined : reply(event);
        },
        { subscriber: { id: subscriberId } },
      );
      const probe = randomUUID();
      await hub.publish({ topic, data: { kind: 'probe', probe } });
      await waitUntil(() => inbox.some((r) => r.who === who && (r.event.data as { probe?: string }).probe === probe), `${who}'s subscription probe`);
      return subscriberId;
    };

    before(async function () {
      target = await getTarget();
      assert.equal(target.writable, options.writable, 'the target and the registered tests disagree on writable');
      session = await Session.create({ serverUrl: target.url, apiUser: target.apiUser, apiKey: target.apiKey, schemaCachePath: false });
    });
    after(async () => {
      await session?.close();
      await target?.close();
    });
    afterEach(async () => {
      await Promise.all(hubs.splice(0).map((hub) => hub.disconnect()));
    });

    // --- HTTP API ---------------------------------------------------------

    it('contract - server information has a version and a schema_hash', () => {
      const info = open().serverInformation;
      assert.equal(typeof info.version, 'string');
      assert.ok(info.version, 'version is not empty');
      assert.match(String(info.schema_hash), /^[0-9a-f]{32}$/, 'schema_hash is an md5 hex digest');
    });

    it('contract - the schemas define FileComponent, Job and Location', () => {
      const schemas = open().schemas;
      for (const type of ['FileComponent', 'Job', 'Location']) assert.ok(schemas.has(type), `schema ${type}`);
      assert.ok(schemas.get('Job')?.properties?.status, 'Job has a status');
    });

    it('contract - the built-in ftrack.server Location exists by id and by name', async () => {
      const byId = await open().get('Location', SERVER_LOCATION_ID);
      assert.ok(byId, `Location ${SERVER_LOCATION_ID}`);
      assert.equal(await byId.get('name'), 'ftrack.server', 'name (not a default projection of Location) is fetched on demand');
      const byName = await open().query('select id, name from Location where name is "ftrack.server"').one();
      assert.equal(byName.id, SERVER_LOCATION_ID);
    });

    it('contract - a paged query ends with next null and pages do not overlap', async () => {
      const ids: string[] = [];
      let offset: number | null = 0;
      let pages = 0;
      while (offset !== null) {
        assert.ok(++pages <= 1000, 'paging ends');
        const [page] = (await open().call([{ action: 'query', expression: `select id from Location offset ${offset} limit 2` }])) as [
          { data: Entity[]; metadata?: { next?: { offset?: number | null } } },
        ];
        assert.ok(page.data.length <= 2, 'a page respects its limit');
        ids.push(...page.data.map((e) => String(e.id)));
        const next = page.metadata?.next?.offset;
        assert.ok(next === null || (typeof next === 'number' && next > offset), `next.offset advances or is null (got ${String(next)})`);
        offset = next ?? null;
      }
      assert.ok(pages >= 2, 'the built-in locations need more than one page of 2');
      assert.equal(new Set(ids).size, ids.length, 'no row twice');
      const all = await open().query('select id from Location', { pageSize: 2 }).all();
      assert.deepEqual(all.map((e) => String(e.id)).sort(), [...ids].sort());
      assert.ok(ids.includes(SERVER_LOCATION_ID));
    });

    it('contract - first() and one() on zero, one and many rows', async () => {
      const none = `select id from Location where name is "${run}.none"`;
      assert.equal(await open().query(none).first(), undefined);
      await assert.rejects(open().query(none).one(), (e: NoResultFoundError) => e instanceof NoResultFoundError && e.code === 'FTRACK_ERR_NO_RESULT_FOUND');
      await assert.rejects(
        open().query('select id from Location').one(),
        (e: MultipleResultsFoundError) => e instanceof MultipleResultsFoundError && e.code === 'FTRACK_ERR_MULTIPLE_RESULTS_FOUND',
      );
      const first = await open().query('select id, name from Location where name is "ftrack.server"').first();
      assert.equal(first?.id, SERVER_LOCATION_ID);
    });

    it('contract - an invalid query is a ServerError (FTRACK_ERR_SERVER) and the session keeps working', async () => {
      const error = await open()
        .query('select id from Location where name is')
        .all()
        .then(
          () => assert.fail('an unfinished where clause was accepted'),
          (e: unknown) => e,
        );
      assert.ok(error instanceof ServerError, `got ${String(error)}`);
      assert.equal(error.code, 'FTRACK_ERR_SERVER');
      assert.ok(error.exception, 'the server names its exception');
      assert.ok(await open().get('Location', SERVER_LOCATION_ID));
    });

    it('contract - an unknown entity type: UnknownEntityTypeError locally, ServerError from the server', async () => {
      const type = 'NoSuchEntityTypeForContract';
      assert.throws(() => open().query(type), (e: UnknownEntityTypeError) => e instanceof UnknownEntityTypeError && e.code === 'FTRACK_ERR_UNKNOWN_ENTITY_TYPE');
      assert.throws(() => open().create(type, {}), (e: UnknownEntityTypeError) => e instanceof UnknownEntityTypeError && e.code === 'FTRACK_ERR_UNKNOWN_ENTITY_TYPE');
      await assert.rejects(open().query(`select id from ${type}`).all(), (e: ServerError) => e instanceof ServerError && e.code === 'FTRACK_ERR_SERVER');
    });

    it('contract - a wrong API key: InvalidCredentialsError from the API, HubAuthenticationError from the hub', async () => {
      const t = target ?? assert.fail('no target');
      const wrongKey = `${t.apiKey}-wrong`;
      const error = await Session.create({ serverUrl: t.url, apiUser: t.apiUser, apiKey: wrongKey, schemaCachePath: false }).then(
        (s) => s.close().then(() => assert.fail('a wrong key was accepted')),
        (e: unknown) => e,
      );
      assert.ok(error instanceof InvalidCredentialsError, `got ${String(error)}`);
      assert.equal(error.code, 'FTRACK_ERR_INVALID_CREDENTIALS');
      // Bad credentials are never retried: connect() rejects at the first attempt.
      const hub = new EventHub(t.url, t.apiUser, wrongKey, { maxReconnectAttempts: 1 });
      hubs.push(hub);
      await assert.rejects(hub.connect(), (e: HubAuthenticationError) => e instanceof HubAuthenticationError && e.code === 'FTRACK_ERR_HUB_AUTH');
      assert.ok(await open().get('Location', SERVER_LOCATION_ID), 'the good session still works');
    });

    // --- event hub --------------------------------------------------------

    it('contract - hub handshake, subscribe and publish to self', async () => {
      const hub = await connectHub();
      assert.equal(hub.state, 'connected');
      const topic = `${run}.self`;
      const inbox: Received[] = [];
      await subscribeReady(hub, topic, 'self', inbox);
      const id = await hub.publish(new Event(topic, { kind: 'hello', n: 42 }));
      await waitUntil(() => inbox.some((r) => r.event.id === id), 'the published event to come back');
      const got = inbox.find((r) => r.event.id === id)!.event;
      assert.equal(got.topic, topic);
      assert.deepEqual(got.data, { kind: 'hello', n: 42 });
      assert.equal(got.source.id, hub.id, 'source.id is the publishing hub');
    });

    it('contract - a reply round trip between two of our hubs (publishAndWaitForReply)', async () => {
      const [asker, answerer] = await Promise.all([connectHub(), connectHub()]);
      const topic = `${run}.ping`;
      const inbox: Received[] = [];
      await subscribeReady(answerer, topic, 'answerer', inbox, (event) => ({ pong: (event.data as { n: number }).n + 1 }));
      const question = new Event(topic, { kind: 'ping', n: 1 });
      const reply = await asker.publishAndWaitForReply(question, { timeout: 30_000 });
      assert.equal(reply.topic, 'ftrack.meta.reply');
      assert.equal(reply.inReplyToEvent, question.id);
      assert.deepEqual(reply.data, { pong: 2 });
    });

    it('contract - an event with a target reaches only the targeted subscriber', async () => {
      const wireA: string[] = [];
      const wireB: string[] = [];
      const [publisher, hubA, hubB] = await Promise.all([connectHub(), connectHub(wireA), connectHub(wireB)]);
      const topic = `${run}.targeted`;
      const inbox: Received[] = [];
      await subscribeReady(hubA, topic, 'A', inbox);
      const idB = await subscribeReady(hubB, topic, 'B', inbox);
      const targeted = await publisher.publish({ topic, data: { kind: 'targeted' }, target: `id=${idB}` });
      // The untargeted marker is routed after the targeted event: once both saw
      // it, A would already have received the targeted one if it were routed there.
      const marker = await publisher.publish({ topic, data: { kind: 'marker' } });
      await waitUntil(() => ['A', 'B'].every((who) => inbox.some((r) => r.who === who && r.event.id === marker)), 'the marker at A and B');
      assert.ok(inbox.some((r) => r.who === 'B' && r.event.id === targeted), 'B (targeted) got the event');
      assert.ok(!inbox.some((r) => r.who === 'A' && r.event.id === targeted), 'A (not targeted) did not get the event');
      // On the wire too: the server routed it to B only (our hub also filters targets locally).
      assert.ok(wireB.some((frame) => frame.includes(targeted)), 'the targeted event reached B on the wire');
      assert.ok(wireA.some((frame) => frame.includes(marker)), 'the marker reached A on the wire');
      assert.ok(!wireA.some((frame) => frame.includes(targeted)), 'the server did not send the targeted event to A');
    });

    // --- writes (opt-in on real servers) -------------------------------------

    if (!options.writable) return;

    /**
     * Deletes what a write test left, in the given order. A row the server
     * already removed (cascade) is fine; a row that is still there fails the test.
     */
    const cleanup = async (entities: Array<Entity | undefined>): Promise<void> => {
      const stuck: string[] = [];
      for (const entity of entities) {
        if (!entity) continue;
        open().delete(entity);
        try {
          await open().commit();
        } catch (error) {
          open().rollback();
          const keys = open().schemas.get(entity.entityType)?.primary_key ?? ['id'];
          const where = keys.map((k) => `${k} is "${String(entity[k])}"`).join(' and ');
          const still = await open().query(`select ${keys.join(', ')} from ${entity.entityType} where ${where}`).first();
          if (still) stuck.push(`${entity.entityType} ${where}: ${String(error)}`);
        }
      }
      assert.deepEqual(stuck, [], 'cleanup removed everything the test created');
    };
    /** A hub subscribed to `ftrack.update` (ready when this resolves) and what it received. */
    const watchUpdates = async (): Promise<Received[]> => {
      const inbox: Received[] = [];
      await subscribeReady(await connectHub(), `${run}.updates`, 'updates', inbox, undefined, 'topic=ftrack.update');
      return inbox;
    };
    /** Resolves with the `ftrack.update` entity entry about `entityId` with `action`. */
    const updateFor = async (inbox: Received[], entityId: string, action: string): Promise<Record<string, unknown>> => {
      const find = (): Record<string, unknown> | undefined => {
        for (const { event } of inbox) {
          if (event.topic !== 'ftrack.update') continue;
          const entities = (event.data as { entities?: Array<Record<string, unknown>> }).entities ?? [];
          const entry = entities.find((e) => e.entityId === entityId && e.action === action);
          if (entry) return entry;
        }
        return undefined;
      };
      await waitUntil(() => find() !== undefined, `an ftrack.update "${action}" of ${entityId}`, 60_000);
      return find()!;
    };
    const componentLocations = (componentId: string): Promise<Entity[]> =>
      open().query(`select id from ComponentLocation where component_id is "${componentId}"`).all();

    it('contract (write) - create, update and delete a Project; each change reaches the hub as ftrack.update (entityType show)', async () => {
      const name = `${run.replace(/\W/g, '_')}_project`;
      const schema = await open().query('select id from ProjectSchema').first();
      assert.ok(schema, 'the server has a ProjectSchema');
      const updates = await watchUpdates();
      let project: Entity | undefined;
      try {
        project = open().create('Project', { name, full_name: 'ftrack-host contract test', project_schema: schema });
        await open().commit();
        const added = await updateFor(updates, String(project.id), 'add');
        assert.equal(added.entityType, 'show', 'a Project is entityType "show" in ftrack.update');
        const created = await open().query(`select id, full_name from Project where name is "${name}"`).one();
        assert.equal(created.id, project.id);
        project.full_name = 'ftrack-host contract test (renamed)';
        await open().commit();
        const rows = (await open().call([{ action: 'query', expression: `select full_name from Project where id is "${String(project.id)}"` }])) as [
          { data: Array<{ full_name: string }> },
        ];
        assert.equal(rows[0].data[0]?.full_name, 'ftrack-host contract test (renamed)');
        await updateFor(updates, String(project.id), 'update');
        const id = String(project.id);
        open().delete(project);
        await open().commit();
        await updateFor(updates, id, 'remove');
        assert.equal(await open().query(`select id from Project where name is "${name}"`).first(), undefined);
        project = undefined;
      } finally {
        await cleanup([project]);
      }
    });

    it('contract (write) - upload a small file to ftrack.server and download the same bytes', async () => {
      const file = join(DATA_DIR, 'image.png');
      let component: Entity | undefined;
      let locations: Entity[] = [];
      try {
        component = await open().createComponent(file);
        locations = await componentLocations(String(component.id));
        const inServer = await open()
          .query(`select id from ComponentLocation where component_id is "${String(component.id)}" and location_id is "${SERVER_LOCATION_ID}"`)
          .first();
        assert.ok(inServer, 'the component is registered in ftrack.server');
        const bytes = await readAll(await open().downloadComponent(String(component.id)));
        assert.ok(bytes.equals(readFileSync(file)), 'downloaded bytes equal the uploaded file');
      } finally {
        await cleanup([...locations, component]);
      }
    });

    it('contract (write) - encode_media of colour_wheel.mov: waitForJob reaches done with outputs; job changes reach the hub (entityType job)', async function () {
      this.timeout(600_000);
      const session = open();
      let job: Entity | undefined;
      let outputs: Entity[] = [];
      const updates = await watchUpdates();
      try {
        job = await session.encodeMedia(join(DATA_DIR, 'colour_wheel.mov'));
        const done = await session.waitForJob(job, { timeout: 540_000 });
        // waitForJob with a connected hub relies on these events (entityType "job").
        const change = await updateFor(updates, String(job.id), 'update');
        assert.equal(change.entityType, 'job');
        outputs = done.outputs;
        assert.equal(done.job.status, 'done');
        assert.ok(outputs.length > 0, 'the job lists its outputs');
        for (const output of outputs) assert.ok(output.id, 'each output has an id');
      } finally {
        const outputLocations = (await Promise.all(outputs.map((o) => componentLocations(String(o.id))))).flat();
        const links = job ? await session.query(`select job_id, component_id from JobComponent where job_id is "${String(job.id)}"`).all() : [];
        await cleanup([...links, ...outputLocations, ...outputs, job]);
      }
    });
  });
}
