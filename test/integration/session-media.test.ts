import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR } from '../../src/internal/paths.js';
import { captureLogger } from '../../src/logger.js';
import {
  AbortError,
  JobFailedError,
  SERVER_LOCATION_ID,
  Session,
  SessionInputError,
  SessionTimeoutError,
  type Entity,
  type FetchLike,
} from '../../src/session/index.js';
import { startStandin, type StandinServer } from '../helpers/standin.js';

const md5 = (data: Buffer): string => createHash('md5').update(data).digest('hex');

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(Buffer.from(r.value));
  return Buffer.concat(chunks);
}

/** Records the method, URL and headers of every request. */
function recordingFetch(): { fetch: FetchLike; seen: { method: string; url: string; headers: Headers; actions: string[] }[] } {
  const seen: { method: string; url: string; headers: Headers; actions: string[] }[] = [];
  const fetch: FetchLike = (input, init) => {
    const url = String(input);
    const actions = url.endsWith('/api') ? (JSON.parse(String(init?.body)) as { action: string }[]).map((o) => o.action) : [];
    seen.push({ method: init?.method ?? 'GET', url, headers: new Headers(init?.headers), actions });
    return globalThis.fetch(input, init);
  };
  return { fetch, seen };
}

describe('session media (stand-in)', function () {
  this.timeout(120_000);
  let server: StandinServer;
  let dir: string;
  const sessions: Session[] = [];
  const open = async (fetch?: FetchLike): Promise<Session> => {
    const session = await Session.create({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, schemaCachePath: false, ...(fetch ? { fetch } : {}) });
    sessions.push(session);
    return session;
  };
  const inServer = async (session: Session, component: Entity): Promise<boolean> =>
    Boolean(await session.query(`select id from ComponentLocation where component_id is "${String(component.id)}" and location_id is "${SERVER_LOCATION_ID}"`).first());

  before(async () => {
    server = await startStandin();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'session-media-'));
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('session media - a small file: one request, one streamed PUT, one request; downloads match', async () => {
    const rec = recordingFetch();
    const session = await open(rec.fetch);
    const start = rec.seen.length;
    const progress: number[] = [];
    const image = join(DATA_DIR, 'image.png');
    const component = await session.createComponent(image, { checksum: true, onProgress: (p) => progress.push(p.loaded) });
    const wire = rec.seen.slice(start);
    assert.deepEqual(wire.map((r) => r.method), ['POST', 'PUT', 'POST']);
    assert.deepEqual(wire[0]!.actions, ['create', 'get_upload_metadata']);
    assert.deepEqual(wire[2]!.actions, ['create']);
    assert.ok(wire[1]!.headers.get('content-md5'), 'Content-MD5 sent when asked');
    assert.equal(wire[1]!.headers.get('ftrack-api-key'), null, 'no credentials on the signed PUT');
    assert.equal(component.entityType, 'FileComponent');
    assert.equal(component.name, 'image');
    assert.equal(component.file_type, '.png');
    const bytes = readFileSync(image);
    assert.equal(component.size, bytes.length);
    assert.equal(progress.at(-1), bytes.length);
    assert.ok(await inServer(session, component));
    assert.equal(md5(await readAll(await session.downloadComponent(String(component.id)))), md5(bytes));
    const url = session.getComponentUrl(String(component.id));
    assert.equal(md5(Buffer.from(await (await fetch(url)).arrayBuffer())), md5(bytes));
  });

  it('session media - above the threshold: parallel multipart, completed in the location request', async () => {
    const rec = recordingFetch();
    const session = await open(rec.fetch);
    const file = join(dir, 'big.bin');
    const bytes = randomBytes(5 * 1024 * 1024 + 123);
    writeFileSync(file, bytes);
    const start = rec.seen.length;
    let last = 0;
    const component = await session.createComponent(file, { partSize: 1024 * 1024, concurrency: 3, onProgress: (p) => (last = p.loaded) });
    const wire = rec.seen.slice(start);
    assert.equal(wire.filter((r) => r.method === 'PUT').length, 6);
    assert.deepEqual(wire.at(-1)!.actions, ['complete_multipart_upload', 'create']);
    assert.equal(last, bytes.length);
    assert.equal(md5(await readAll(await session.downloadComponent(String(component.id)))), md5(bytes));
  });

  it('session media - a stream with its size uploads; without size it is refused', async () => {
    const session = await open();
    const image = join(DATA_DIR, 'image.png');
    const size = readFileSync(image).length;
    const component = await session.createComponent(createReadStream(image), { size, fileName: 'still.png' });
    assert.equal(component.name, 'still');
    assert.ok(await inServer(session, component));
    await assert.rejects(session.createComponent(createReadStream(image)), SessionInputError);
    const big = join(dir, 'stream.bin');
    const bytes = randomBytes(3 * 1024 * 1024 + 7);
    writeFileSync(big, bytes);
    const multipart = await session.createComponent(createReadStream(big), { size: bytes.length, fileName: 'stream.bin', partSize: 1024 * 1024 });
    assert.equal(md5(await readAll(await session.downloadComponent(String(multipart.id)))), md5(bytes));
    await assert.rejects(session.createComponent(join(dir, 'missing.mov')), SessionInputError);
  });

  it('session media - a sequence with holes: SequenceComponent plus one member per frame, all uploaded', async () => {
    const session = await open();
    const frames = [1001, 1002, 1003, 1005, 1006];
    let total = 0;
    for (const f of frames) {
      const data = randomBytes(100 + f - 1000);
      total += data.length;
      writeFileSync(join(dir, `shot.${f}.exr`), data);
    }
    const sequence = await session.createComponent(`${join(dir, 'shot.%04d.exr')} [1001-1003, 1005-1006]`);
    assert.equal(sequence.entityType, 'SequenceComponent');
    assert.equal(sequence.padding, 4);
    assert.equal(sequence.file_type, '.exr');
    assert.equal(sequence.size, total);
    const check = await open();
    const members = await check.query(`select name, size, container_id from FileComponent where container_id is "${String(sequence.id)}"`).all();
    assert.deepEqual(members.map((m) => m.name).sort(), frames.map(String));
    for (const member of members) assert.ok(await inServer(check, member));
    assert.ok(await inServer(check, sequence));
    await assert.rejects(session.createComponent(`${join(dir, 'shot.%04d.exr')} [1001-1004]`), SessionInputError);
  });

  it('session media - getUploadMetadata returns a signed URL and headers', async () => {
    const session = await open();
    const meta = await session.getUploadMetadata(crypto.randomUUID(), 'clip.mov', 10);
    assert.match(String(meta.url), /^http:\/\/127\.0\.0\.1/);
    assert.ok(meta.headers);
  });

  it('session media - encodeMedia(path) uploads, encodes, and waitForJob polls to the outputs', async () => {
    const session = await open();
    const statuses: string[] = [];
    const job = await session.encodeMedia(join(DATA_DIR, 'colour_wheel.mov'));
    assert.equal(job.entityType, 'Job');
    const data = JSON.parse(String(job.data)) as { keep_original: boolean };
    assert.equal(data.keep_original, false, "auto ⇒ false for a path");
    const { job: done, outputs } = await session.waitForJob(job, { onProgress: (p) => statuses.push(p.status), pollIntervalMs: 200 });
    assert.equal(done.status, 'done');
    assert.equal(statuses.at(-1), 'done');
    assert.ok(outputs.some((o) => o.name === 'ftrackreview-mp4'));
    assert.ok(outputs.every((o) => o.entityType === 'FileComponent'));
  });

  it('session media - encodeMedia(component) keeps the original by default; other entities are refused', async () => {
    const session = await open();
    const component = await session.createComponent(join(DATA_DIR, 'image.png'));
    const job = await session.encodeMedia(component);
    assert.equal((JSON.parse(String(job.data)) as { keep_original: boolean }).keep_original, true);
    await session.waitForJob(job, { pollIntervalMs: 200 });
    const user = (await session.query('User').first())!;
    await assert.rejects(session.encodeMedia(user), SessionInputError);
    const local = await session.createComponent(join(DATA_DIR, 'image.png'), { location: null });
    await assert.rejects(session.encodeMedia(local), SessionInputError);
  });

  it('session jobs - with autoConnectEventHub, waitForJob follows ftrack.update events (no polling)', async () => {
    const logger = captureLogger();
    const session = await Session.create({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, schemaCachePath: false, autoConnectEventHub: true, logger });
    sessions.push(session);
    assert.equal(session.eventHub.isConnected(), true);
    assert.ok(logger.lines.some((l) => l.bindings.name === 'hub'), 'the hub logs through a { name: "hub" } child');
    assert.ok(!JSON.stringify(logger.lines).includes(server.apiKey));
    const job = await session.encodeMedia(join(DATA_DIR, 'colour_wheel.mov'));
    const seen: string[] = [];
    // no polling (10 min interval): a missed event fails with SessionTimeoutError, not a bare mocha timeout
    const { outputs } = await session.waitForJob(job, { pollIntervalMs: 10 * 60_000, timeout: 60_000, onProgress: (p) => seen.push(p.status) });
    assert.equal(seen.at(-1), 'done');
    assert.ok(outputs.length > 0);
  });

  it('session jobs - with the hub, a job finishing right as waitForJob subscribes is still seen (no polling)', async () => {
    const session = await Session.create({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, schemaCachePath: false, autoConnectEventHub: true });
    sessions.push(session);
    assert.equal(session.eventHub.isConnected(), true);
    const other = await open();
    for (let i = 0; i < 5; i++) {
      const job = other.create('Job', { status: 'running', type: 'api_job', data: JSON.stringify({ description: `race ${i}` }) });
      await other.commit();
      const waiting = session.waitForJob(String(job.id), { pollIntervalMs: 10 * 60_000, timeout: 30_000 });
      job.status = 'done';
      await other.commit();
      const { job: seen } = await waiting;
      assert.equal(seen.status, 'done');
    }
  });

  it('session jobs - a failed encode rejects with JobFailedError carrying the job message', async () => {
    const session = await open();
    const bogus = join(dir, 'broken.mov');
    copyFileSync(join(DATA_DIR, 'image.png'), bogus);
    writeFileSync(bogus, Buffer.from('this is not a movie at all'));
    const job = await session.encodeMedia(bogus);
    await assert.rejects(session.waitForJob(job, { pollIntervalMs: 200 }), (e: JobFailedError) => {
      assert.ok(e instanceof JobFailedError);
      assert.equal(e.code, 'FTRACK_ERR_JOB_FAILED');
      assert.equal(e.jobId, job.id);
      assert.ok(e.jobMessage && e.jobMessage.length > 0);
      return true;
    });
  });

  it('session jobs - waitForJob times out (FTRACK_ERR_TIMEOUT) and honours an AbortSignal', async () => {
    const session = await open();
    const job = session.create('Job', { status: 'running', type: 'api_job', data: JSON.stringify({ description: 'never ends' }) });
    await session.commit();
    await assert.rejects(session.waitForJob(job, { timeout: 300, pollIntervalMs: 50 }), SessionTimeoutError);
    const controller = new AbortController();
    const waiting = session.waitForJob(String(job.id), { pollIntervalMs: 50 });
    waiting.catch(() => undefined); // it rejects while the commit below is awaited; asserted after
    const aborted = session.waitForJob(String(job.id), { signal: controller.signal, pollIntervalMs: 50 });
    controller.abort();
    await assert.rejects(aborted, AbortError);
    job.status = 'failed';
    job.data = JSON.stringify({ message: 'stopped by a test' });
    await session.commit();
    await assert.rejects(waiting, (e: JobFailedError) => e.jobMessage === 'stopped by a test');
  });
});
