import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR } from '../../../../src/internal/paths.js';
import { solidPng } from '../../../../src/standin/media/placeholder.js';
import { ENCODE_JOB_TYPE, MEDIA_ERROR_CODES, MediaError, OUTPUT_NAMES } from '../../../../src/standin/media/index.js';
import { startHarness, USER, waitFor, type Harness } from './harness.js';
import { addFile, addSequence, encode, finished, jobData } from './encode-helpers.js';
import { makeFrames, makeLongClip, probe } from './fixtures.js';

const CLIP = join(DATA_DIR, 'colour_wheel.mov');

/** ffmpeg/ffprobe processes started by this test process. */
function ffmpegChildren(): string[] {
  try {
    return execFileSync('ps', ['--ppid', String(process.pid), '-o', 'comm='], { encoding: 'utf8' })
      .split('\n')
      .filter((name) => name.startsWith('ffmpeg') || name.startsWith('ffprobe'));
  } catch {
    return []; // ps exits 1 when there are no children
  }
}

function outputsOf(h: Harness, jobId: string): Map<string, Record<string, unknown>> {
  const ids = h.store.all('JobComponent').filter((r) => r.job_id === jobId).map((r) => String(r.component_id));
  return new Map(ids.map((id) => [String(h.store.get('Component', id)!.name), h.store.get('Component', id)!]));
}

function ftrMeta(h: Harness, componentId: string): Record<string, unknown> {
  const row = h.store.get('Metadata', [componentId, 'ftr_meta']);
  assert.ok(row, `ftr_meta of ${componentId}`);
  return JSON.parse(String(row.value)) as Record<string, unknown>;
}

describe('standin media - encoder', function () {
  this.timeout(180_000);
  let h: Harness;
  let tmp: string;
  beforeEach(async () => {
    h = await startHarness();
    tmp = mkdtempSync(join(tmpdir(), 'encode-fixtures-'));
  });
  afterEach(async () => {
    await h.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('encodes a clip: Job queued at once, then done with mp4, image and thumbnail attached to the version', async () => {
    const source = addFile(h, CLIP, '.mov');
    h.store.create('AssetVersion', { id: 'av-1' });
    const jobId = encode(h, source, 'av-1', false);
    // The Job exists right away, with the data JSON string of protocol 4.2.
    const created = h.store.get('Job', jobId)!;
    assert.equal(created.status, 'queued');
    assert.equal(created.type, ENCODE_JOB_TYPE);
    assert.equal(created.user_id, USER.id);
    assert.ok(created.created_at);
    assert.equal(typeof created.data, 'string');
    const data = jobData(h, jobId);
    assert.equal(data.source_component_id, source);
    assert.equal(data.keep_original, false);
    assert.deepEqual((data.output as { format: string }[]).map((o) => o.format), ['video/mp4', 'image/jpeg', 'image/jpeg']);

    const done = await finished(h, jobId);
    assert.equal(done.status, 'done', String(jobData(h, jobId).message));
    assert.ok(done.finished_at);
    const statuses = h.store.changes.filter((c) => c.entityType === 'Job' && c.changes.status).map((c) => c.changes.status!.new);
    assert.deepEqual(statuses, ['running', 'done']);

    const outputs = outputsOf(h, jobId);
    assert.deepEqual([...outputs.keys()].sort(), [OUTPUT_NAMES.image, OUTPUT_NAMES.mp4, OUTPUT_NAMES.thumbnail].sort());
    const mp4 = outputs.get(OUTPUT_NAMES.mp4)!;
    assert.equal(mp4.file_type, '.mp4');
    assert.equal(mp4.version_id, 'av-1');
    const mp4Path = join(h.mediaDir, String(mp4.id));
    assert.equal(mp4.size, readFileSync(mp4Path).length);
    const info = probe(mp4Path);
    assert.equal(info.codec_name, 'h264');
    assert.equal(info.pix_fmt, 'yuv420p');
    const head = readFileSync(mp4Path).subarray(0, 4096).toString('latin1');
    assert.ok(head.indexOf('moov') >= 0 && head.indexOf('moov') < readFileSync(mp4Path).toString('latin1').indexOf('mdat'), 'faststart: moov before mdat');
    assert.deepEqual(ftrMeta(h, String(mp4.id)), { frameIn: 0, frameOut: 15, frameRate: 25, width: 640, height: 480 });
    const image = outputs.get(OUTPUT_NAMES.image)!;
    assert.equal(image.file_type, '.jpg');
    assert.deepEqual(ftrMeta(h, String(image.id)), { format: 'image', width: 640, height: 480 });
    assert.equal(probe(join(h.mediaDir, String(image.id))).codec_name, 'mjpeg');
    const thumb = outputs.get(OUTPUT_NAMES.thumbnail)!;
    assert.equal(h.store.get('AssetVersion', 'av-1')!.thumbnail_id, thumb.id);
    for (const out of outputs.values()) {
      assert.ok(h.store.all('ComponentLocation').some((cl) => cl.component_id === out.id && cl.resource_identifier === out.id));
    }
    // keep_original false: the source is gone (rows and bytes)
    assert.equal(h.store.get('Component', source), undefined);
    assert.ok(!h.store.all('ComponentLocation').some((cl) => cl.component_id === source));
    assert.ok(!existsSync(join(h.mediaDir, source)));
  });

  it('a still image gives only the JPEG outputs; keep_original true keeps the source', async () => {
    const source = addFile(h, join(DATA_DIR, 'image.png'), '.png');
    const jobId = encode(h, source);
    assert.deepEqual((jobData(h, jobId).output as { format: string }[]).map((o) => o.format), ['image/jpeg', 'image/jpeg']);
    const done = await finished(h, jobId);
    assert.equal(done.status, 'done', String(jobData(h, jobId).message));
    const outputs = outputsOf(h, jobId);
    assert.deepEqual([...outputs.keys()].sort(), [OUTPUT_NAMES.image, OUTPUT_NAMES.thumbnail].sort());
    assert.deepEqual(ftrMeta(h, String(outputs.get(OUTPUT_NAMES.image)!.id)), { format: 'image', width: 768, height: 576 });
    assert.deepEqual(ftrMeta(h, String(outputs.get(OUTPUT_NAMES.thumbnail)!.id)), { format: 'image', width: 300, height: 225 });
    assert.ok(h.store.get('Component', source));
    assert.ok(existsSync(join(h.mediaDir, source)));
  });

  it('encodes an image sequence from its member frames in frame order, at the fps of its metadata', async () => {
    const frames = makeFrames(tmp, 12);
    const seq = addSequence(h, frames, 1001, 12);
    const jobId = encode(h, seq.id, null, false);
    const done = await finished(h, jobId);
    assert.equal(done.status, 'done', String(jobData(h, jobId).message));
    const mp4 = outputsOf(h, jobId).get(OUTPUT_NAMES.mp4)!;
    const info = probe(join(h.mediaDir, String(mp4.id)));
    assert.equal(info.codec_name, 'h264');
    assert.equal(info.nb_frames, '12');
    assert.deepEqual(ftrMeta(h, String(mp4.id)), { frameIn: 0, frameOut: 12, frameRate: 12, width: 320, height: 240 });
    // keep_original false removes the sequence and its frames
    assert.equal(h.store.get('Component', seq.id), undefined);
    for (const m of seq.members) assert.ok(!existsSync(join(h.mediaDir, m)));
  });

  it('sequence frames are read in frame-number order (dark first frame, bright last frame)', async () => {
    const frames = [0, 60, 120, 180, 240].map((level, i) => {
      const file = join(tmp, `g${i}.png`);
      writeFileSync(file, solidPng(64, 48, [level, level, level]));
      return file;
    });
    const seq = addSequence(h, frames, 99, 5);
    const jobId = encode(h, seq.id);
    assert.equal((await finished(h, jobId)).status, 'done', String(jobData(h, jobId).message));
    const mp4 = join(h.mediaDir, String(outputsOf(h, jobId).get(OUTPUT_NAMES.mp4)!.id));
    const luma = (select: string): number =>
      execFileSync('ffmpeg', ['-v', 'error', '-i', mp4, '-vf', `${select},scale=1:1`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'])[0]!;
    assert.ok(luma('select=eq(n\\,0)') < 40, 'first frame is the dark one');
    assert.ok(luma('select=eq(n\\,4)') > 200, 'last frame is the bright one');
  });

  it('a sequence without fps metadata uses 24 fps', async () => {
    const seq = addSequence(h, makeFrames(tmp, 6), 1);
    const jobId = encode(h, seq.id);
    assert.equal((await finished(h, jobId)).status, 'done', String(jobData(h, jobId).message));
    const mp4 = outputsOf(h, jobId).get(OUTPUT_NAMES.mp4)!;
    assert.equal(ftrMeta(h, String(mp4.id)).frameRate, 24);
  });

  it('refuses a sequence whose frames are not all in ftrack.server, and says how many are missing', () => {
    // 600 frames: the location check runs in batches of 500 ids.
    const frame = makeFrames(tmp, 1)[0]!;
    const seq = addSequence(h, Array.from({ length: 600 }, () => frame), 1);
    for (const member of [seq.members[3]!, seq.members[550]!]) {
      const [link] = h.store.query(`select id from ComponentLocation where component_id is "${member}"`).data;
      h.store.delete('ComponentLocation', String(link!.id));
    }
    const before = h.store.queries.length;
    assert.throws(
      () => encode(h, seq.id),
      // One missing frame in each batch of 500: a batch that was not looked up would count all its frames.
      (e: unknown) => e instanceof MediaError && e.code === MEDIA_ERROR_CODES.validation && /^2 frame\(s\) of SequenceComponent/.test(e.message),
    );
    assert.equal(h.store.all('Job').length, 0);
    const locationQueries = h.store.queries.slice(before).filter((query) => query.includes('from ComponentLocation'));
    assert.equal(locationQueries.length, 2, 'one location query per 500 frames, not one per frame');
  });

  it('refuses unknown components, components outside ftrack.server and unknown versions with ValidationError', () => {
    const isValidation = (e: unknown): boolean => e instanceof MediaError && e.code === MEDIA_ERROR_CODES.validation && e.exception === 'ValidationError';
    assert.throws(() => encode(h, 'no-such-component'), isValidation);
    h.store.create('FileComponent', { id: 'elsewhere', name: 'main', file_type: '.mov' });
    assert.throws(() => encode(h, 'elsewhere'), isValidation);
    const source = addFile(h, CLIP, '.mov');
    assert.throws(() => encode(h, source, 'no-such-version'), isValidation);
    assert.throws(() => h.call('encode_media', { component_id: source, version_id: null, keep_original: 'yes' }), isValidation);
    assert.equal(h.store.all('Job').length, 0);
  });

  it('close() fails jobs that are still waiting and refuses new ones', async () => {
    const a = encode(h, addFile(h, CLIP, '.mov'));
    const b = encode(h, addFile(h, CLIP, '.mov'));
    await h.media.close();
    for (const id of [a, b]) {
      const j = (await finished(h, id));
      if (j.status === 'failed') assert.match(String(jobData(h, id).message), /shutting down/);
    }
    assert.equal(h.store.get('Job', b)!.status, 'failed');
    assert.throws(() => encode(h, addFile(h, CLIP, '.mov')), MediaError);
  });

  it('close() kills a running ffmpeg and fails its job with "server shutting down"', async () => {
    const jobId = encode(h, addFile(h, makeLongClip(tmp), '.mp4'));
    await waitFor(() => (h.store.get('Job', jobId)!.status === 'running' ? true : undefined), 'job running');
    await waitFor(() => (ffmpegChildren().length > 0 ? true : undefined), 'ffmpeg started');
    await h.media.close();
    assert.equal(h.store.get('Job', jobId)!.status, 'failed');
    assert.match(String(jobData(h, jobId).message), /server shutting down/);
    assert.ok(h.store.get('Job', jobId)!.finished_at);
    await waitFor(() => (ffmpegChildren().length === 0 ? true : undefined), 'ffmpeg gone', 10_000);
  });

  it('a Job left queued by a previous run is failed on start', async () => {
    // the same store across a restart
    h.store.create('Job', { id: 'stale', type: ENCODE_JOB_TYPE, status: 'running', data: '{"output":[]}' });
    const store = h.store;
    await h.close();
    h = await startHarness({}, store);
    assert.equal(h.store.get('Job', 'stale')!.status, 'failed');
    assert.match(String(jobData(h, 'stale').message), /stopped before this job finished/);
  });
});
