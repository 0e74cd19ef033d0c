import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, error as ftrackErrors } from '@ftrack/api';
import { startStandin, type StandinServer } from '../helpers/standin.js';
import { installXhr } from '../helpers/xhr.js';
import { DATA_DIR } from '../../src/internal/paths.js';
import { DEMO_IDS } from '../../src/standin/seed.js';
import { makeFrames } from '../unit/standin/media/fixtures.js';

type Obj = Record<string, unknown>;

async function waitFor<T>(fn: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 120_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('standin media - encode_media with the official @ftrack/api Session', function () {
  this.timeout(180_000);
  let server: StandinServer;
  let session: Session;
  let tmp: string;
  let uninstall: () => void;
  before(() => {
    uninstall = installXhr();
  });
  after(() => uninstall());
  beforeEach(async () => {
    server = await startStandin();
    session = new Session(server.url, server.apiUser, server.apiKey, { autoConnectEventHub: false });
    await session.initializing;
    tmp = mkdtempSync(join(tmpdir(), 'standin-encode-'));
  });
  afterEach(async () => {
    if (session.eventHub.isConnected()) session.eventHub.disconnect();
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  /** Polls the Job through the API until it is done or failed. */
  async function followJob(jobId: string): Promise<{ status: string; data: Obj }> {
    return waitFor(async () => {
      const job = (await session.query(`select status, data, finished_at from Job where id is "${jobId}"`)).data[0] as Obj;
      if (job.status !== 'done' && job.status !== 'failed') return undefined;
      return { status: String(job.status), data: JSON.parse(String(job.data)) as Obj };
    }, `job ${jobId}`);
  }

  async function outputs(jobId: string): Promise<Map<string, Obj>> {
    const rows = (await session.query(`select component_id, component.name, component.version_id from JobComponent where job_id is "${jobId}"`)).data as Obj[];
    return new Map(rows.map((r) => [String((r.component as Obj).name), r.component as Obj]));
  }

  async function download(componentId: string): Promise<string> {
    const res = await fetch(session.getComponentUrl(componentId)!);
    assert.equal(res.status, 200);
    const file = join(tmp, `${componentId}.bin`);
    writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
    return file;
  }

  it('uploads a clip, encodes it, follows the Job to done (polling and hub events), and the mp4 is H.264', async () => {
    const updates: Obj[] = [];
    session.eventHub.connect();
    session.eventHub.subscribe('topic=ftrack.update', (event) => {
      const data = (event as unknown as { data: Obj }).data;
      for (const entity of data.entities as Obj[]) if (entity.entity_type === 'Job') updates.push(entity);
    });
    await waitFor(() => (session.eventHub.isConnected() ? true : undefined), 'hub connected');
    // make sure the subscription is registered before the job runs
    const probe = server.store.create('Job', { type: 'api_job', status: 'queued' });
    // the store publishes ftrack.update only when a value changes: flip the status on every poll,
    // so a poll made after the server registered the subscription always produces an event
    let flip = 0;
    await waitFor(() => {
      if (updates.some((u) => u.entityId === probe.id)) return true;
      server.store.update('Job', String(probe.id), { status: flip++ % 2 ? 'queued' : 'running' });
      return undefined;
    }, 'hub subscription active', 20_000);

    const clip = readFileSync(join(DATA_DIR, 'colour_wheel.mov'));
    const [created] = (await session.createComponent(new File([clip], 'colour_wheel.mov'))) as unknown as [Obj];
    const componentId = String((created.data as Obj).id);
    const [result] = (await session.call([{ action: 'encode_media', component_id: componentId, version_id: DEMO_IDS.version, keep_original: true } as never])) as unknown as [Obj];
    const jobId = String(result.job_id);
    const first = (await session.query(`select status, type, data from Job where id is "${jobId}"`)).data[0] as Obj;
    assert.ok(['queued', 'running', 'done'].includes(String(first.status)));
    assert.ok((JSON.parse(String(first.data)) as { output: unknown[] }).output.length > 0);

    const job = await followJob(jobId);
    assert.equal(job.status, 'done', String(job.data.message));
    const outs = await outputs(jobId);
    const mp4 = outs.get('ftrackreview-mp4');
    assert.ok(mp4, 'ftrackreview-mp4 output');
    assert.equal(mp4.version_id, DEMO_IDS.version);
    const file = await download(String(mp4.id));
    const codec = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim();
    assert.equal(codec, 'h264');
    const version = (await session.query(`select thumbnail_id from AssetVersion where id is "${DEMO_IDS.version}"`)).data[0] as Obj;
    assert.equal(version.thumbnail_id, outs.get('thumbnail')!.id);
    const thumb = await fetch(session.thumbnailUrl(DEMO_IDS.version, { size: 120 }));
    assert.equal(thumb.status, 200, 'thumbnail of the version through its thumbnail_id');
    assert.equal(thumb.headers.get('content-type'), 'image/jpeg');
    const meta = (await session.query(`select key, value from Metadata where parent_id is "${String(mp4.id)}"`)).data as Obj[];
    assert.deepEqual(JSON.parse(String(meta.find((m) => m.key === 'ftr_meta')!.value)), { frameIn: 0, frameOut: 15, frameRate: 25, width: 640, height: 480 });

    const seen = await waitFor(() => {
      const statuses = updates.filter((u) => u.entityId === jobId && (u.changes as Obj).status).map((u) => ((u.changes as Obj).status as Obj).new);
      return statuses.includes('done') ? statuses : undefined;
    }, 'ftrack.update events of the job');
    assert.ok(seen.includes('running'));
  });

  it('encodes an image sequence uploaded frame by frame (members named by frame number) at its fps metadata', async () => {
    const frames = makeFrames(tmp, 10);
    const [seq] = (await session.call([
      { action: 'create', entity_type: 'SequenceComponent', entity_data: { name: 'render', file_type: '.png', padding: 4, size: 0 } } as never,
    ])) as unknown as [Obj];
    const seqId = String((seq.data as Obj).id);
    await session.create('Metadata', { parent_id: seqId, parent_type: 'SequenceComponent', key: 'fps', value: '10' });
    for (const [i, frame] of frames.entries()) {
      await session.createComponent(new File([readFileSync(frame)], `${1001 + i}.png`), { data: { container_id: seqId } });
    }
    const [result] = (await session.call([{ action: 'encode_media', component_id: seqId, version_id: null, keep_original: false } as never])) as unknown as [Obj];
    const job = await followJob(String(result.job_id));
    assert.equal(job.status, 'done', String(job.data.message));
    const mp4 = (await outputs(String(result.job_id))).get('ftrackreview-mp4')!;
    const file = await download(String(mp4.id));
    const info = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,nb_frames,r_frame_rate', '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim();
    assert.equal(info, 'h264,10/1,10');
    const left = await session.query(`select id from Component where id is "${seqId}"`);
    assert.equal(left.data.length, 0, 'keep_original false removed the sequence');
  });

  it('a text file uploaded as a movie: the Job fails with a readable message and the server stays up', async () => {
    const [created] = (await session.createComponent(new File(['not a movie at all\n'], 'fake.mov'))) as unknown as [Obj];
    const [result] = (await session.call([{ action: 'encode_media', component_id: String((created.data as Obj).id), version_id: null, keep_original: true } as never])) as unknown as [Obj];
    const job = await followJob(String(result.job_id));
    assert.equal(job.status, 'failed');
    assert.match(String(job.data.message), /ffmpeg could not read the source/);
    assert.equal((await session.query('select id from Location where name is "ftrack.server"')).data.length, 1);
  });

  it('a Job left running by a crash is failed when the server starts again on the same data dir', async () => {
    const dataDir = join(tmp, 'data');
    const first = await startStandin({ dataDir });
    const stale = first.store.create('Job', { type: 'encode_media', status: 'running', data: '{"output":[]}' });
    await first.close();
    const again = await startStandin({ dataDir });
    try {
      const job = again.store.get('Job', String(stale.id))!;
      assert.equal(job.status, 'failed');
      assert.match(String((JSON.parse(String(job.data)) as Obj).message), /stopped before this job finished/);
      assert.ok(job.finished_at);
    } finally {
      await again.close();
    }
  });

  it('encode_media of an unknown component is a ServerValidationError with error_code FTRACK_ERR_MEDIA_VALIDATION', async () => {
    await assert.rejects(
      session.call([{ action: 'encode_media', component_id: 'no-such-component', version_id: null, keep_original: true } as never]),
      (error: unknown) =>
        error instanceof ftrackErrors.ServerValidationError &&
        /does not exist/.test((error as Error).message) &&
        // The envelope carries the media error's stable code, as the media routes do.
        (error as { errorCode?: unknown }).errorCode === 'FTRACK_ERR_MEDIA_VALIDATION',
    );
  });
});
