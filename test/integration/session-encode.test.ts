import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DATA_DIR } from '../../src/internal/paths.js';
import { DEMO_IDS } from '../../src/standin/index.js';
import { SERVER_LOCATION_ID, Session, type Entity } from '../../src/session/index.js';
import { startStandin, type StandinServer } from '../helpers/standin.js';

/** encodeMedia options against the stand-in: versionId, keepOriginal, and credential-free download URLs. */
describe('session encode (stand-in)', function () {
  this.timeout(180_000);
  let server: StandinServer;
  const sessions: Session[] = [];
  const open = async (): Promise<Session> => {
    const session = await Session.create({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, schemaCachePath: false });
    sessions.push(session);
    return session;
  };
  const newVersion = async (session: Session): Promise<string> => {
    const version = session.create('AssetVersion', { asset_id: DEMO_IDS.asset, comment: 'session-encode test' });
    await session.commit();
    return String(version.id);
  };
  const sourceOf = (job: Entity): string => (JSON.parse(String(job.data)) as { source_component_id: string }).source_component_id;
  const row = (type: string, id: string): Record<string, unknown> | undefined => server.store.get(type, id) as Record<string, unknown> | undefined;
  const locationRows = (componentId: string): unknown[] =>
    server.store.query(`select id from ComponentLocation where component_id is "${componentId}" and location_id is "${SERVER_LOCATION_ID}"`).data;

  before(async () => {
    server = await startStandin();
  });
  after(async () => {
    await server.close();
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close()));
  });

  it('session encode - versionId attaches the outputs and the thumbnail to the version; auto removes the uploaded source', async () => {
    const session = await open();
    const versionId = await newVersion(session);
    const job = await session.encodeMedia(join(DATA_DIR, 'image.png'), { versionId });
    const sourceId = sourceOf(job);
    assert.ok(row('Component', sourceId), 'the source exists while encoding');
    const { outputs } = await session.waitForJob(job, { pollIntervalMs: 200 });
    assert.ok(outputs.length >= 2);
    for (const output of outputs) assert.equal(row('Component', String(output.id))?.version_id, versionId, `${String(output.name)} is on the version`);
    const thumbnail = outputs.find((o) => o.name === 'thumbnail');
    assert.ok(thumbnail);
    assert.equal(row('AssetVersion', versionId)?.thumbnail_id, thumbnail.id);
    assert.equal(row('Component', sourceId), undefined, "'auto' on a path does not keep the source");
    assert.equal(locationRows(sourceId).length, 0);
  });

  it('session encode - keepOriginal: true on a path keeps the source, in the server location and on the version', async () => {
    const session = await open();
    const versionId = await newVersion(session);
    const job = await session.encodeMedia(join(DATA_DIR, 'image.png'), { versionId, keepOriginal: true });
    assert.equal((JSON.parse(String(job.data)) as { keep_original: boolean }).keep_original, true);
    const sourceId = sourceOf(job);
    await session.waitForJob(job, { pollIntervalMs: 200 });
    const source = row('Component', sourceId);
    assert.ok(source, 'the source is kept');
    assert.equal(source.version_id, versionId);
    assert.equal(locationRows(sourceId).length, 1);
  });

  it('session encode - signed download URLs carry no key and download; the plain URL needs credentials', async () => {
    const session = await open();
    const job = await session.encodeMedia(join(DATA_DIR, 'image.png'));
    const { outputs } = await session.waitForJob(job, { pollIntervalMs: 200 });
    const ids = outputs.map((o) => String(o.id));
    const urls = await session.getSignedComponentUrls([...ids, '00000000-0000-0000-0000-000000000000']);
    assert.deepEqual([...urls.keys()].sort(), [...ids].sort(), 'one URL per output, none for an unknown id');
    for (const url of urls.values()) {
      assert.ok(!url.includes(server.apiKey));
      const response = await fetch(url);
      assert.equal(response.status, 200);
      assert.ok((await response.arrayBuffer()).byteLength > 0);
    }
    const plain = session.getPlainComponentUrl(ids[0]!);
    assert.equal(plain, `${server.url}/component/get?id=${ids[0]}`);
    const refused = await fetch(plain);
    await refused.arrayBuffer();
    assert.ok(refused.status === 401 || refused.status === 403, `plain URL without credentials answered ${refused.status}`);
  });
});
