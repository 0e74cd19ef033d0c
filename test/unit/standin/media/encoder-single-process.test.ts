// The encoder runs ONE process per job (ffmpeg, no ffprobe) and still writes the right ftr_meta.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR } from '../../../../src/internal/paths.js';
import { OUTPUT_NAMES } from '../../../../src/standin/media/index.js';
import { startHarness, type Harness } from './harness.js';
import { addFile, encode, finished, jobData } from './encode-helpers.js';
import { ffmpeg } from './fixtures.js';

const CLIP = join(DATA_DIR, 'colour_wheel.mov');

function outputsOf(h: Harness, jobId: string): Map<string, Record<string, unknown>> {
  const ids = h.store.all('JobComponent').filter((r) => r.job_id === jobId).map((r) => String(r.component_id));
  return new Map(ids.map((id) => [String(h.store.get('Component', id)!.name), h.store.get('Component', id)!]));
}

function ftrMeta(h: Harness, componentId: unknown): Record<string, unknown> {
  const row = h.store.get('Metadata', [String(componentId), 'ftr_meta']);
  assert.ok(row, `ftr_meta of ${String(componentId)}`);
  return JSON.parse(String(row.value)) as Record<string, unknown>;
}

/** What ffprobe (run by the test, not the server) says of an output file. */
function streams(file: string): Record<string, string>[] {
  const out = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_type,width,height,nb_read_frames,r_frame_rate', '-of', 'json', file], { encoding: 'utf8' });
  return (JSON.parse(out) as { streams: Record<string, string>[] }).streams;
}

/** Mean luma of a JPEG (0–255). */
function luma(file: string): number {
  return execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-vf', 'scale=1:1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'])[0]!;
}

describe('standin media - encoder: one ffmpeg process per job, ftr_meta from its own output', function () {
  this.timeout(180_000);
  let h: Harness;
  let tmp: string;
  let calls: string;
  beforeEach(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'encode-single-'));
    calls = join(tmp, 'calls.log');
    // ffmpeg behind a wrapper that records each start; ffprobe points nowhere, so any use of it would fail the job
    const wrapper = join(tmp, 'ffmpeg-wrapper.sh');
    writeFileSync(wrapper, `#!/bin/sh\necho started >> '${calls}'\nexec ffmpeg "$@"\n`);
    chmodSync(wrapper, 0o755);
    h = await startHarness({ ffmpegPath: wrapper, ffprobePath: join(tmp, 'no-such-ffprobe') });
  });
  afterEach(async () => {
    await h.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const starts = (): number => readFileSync(calls, 'utf8').split('\n').filter(Boolean).length;

  it('the demo clip: exactly one process, ftr_meta as before (15 frames, 25 fps, 640x480)', async () => {
    const jobId = encode(h, addFile(h, CLIP, '.mov'));
    assert.equal((await finished(h, jobId)).status, 'done', String(jobData(h, jobId).message));
    assert.equal(starts(), 1);
    const outs = outputsOf(h, jobId);
    const mp4 = outs.get(OUTPUT_NAMES.mp4)!;
    assert.deepEqual(ftrMeta(h, mp4.id), { frameIn: 0, frameOut: 15, frameRate: 25, width: 640, height: 480 });
    const [video] = streams(join(h.mediaDir, String(mp4.id)));
    assert.deepEqual([video!.width, video!.height, video!.nb_read_frames], [640, 480, '15']);
    assert.deepEqual(ftrMeta(h, outs.get(OUTPUT_NAMES.image)!.id), { format: 'image', width: 640, height: 480 });
    assert.deepEqual(ftrMeta(h, outs.get(OUTPUT_NAMES.thumbnail)!.id), { format: 'image', width: 300, height: 225 });
  });

  it('an odd-sized 2501x1501 NTSC-rate clip with audio: ftr_meta matches the files (scaled, even sizes, 23.976 fps, frame count)', async () => {
    const src = join(tmp, 'odd.mkv');
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=2501x1501:rate=24000/1001', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
      '-frames:v', '30', '-t', '1.3', '-c:v', 'ffv1', '-c:a', 'flac', src]);
    const jobId = encode(h, addFile(h, src, '.mkv'));
    assert.equal((await finished(h, jobId)).status, 'done', String(jobData(h, jobId).message));
    assert.equal(starts(), 1);
    const outs = outputsOf(h, jobId);
    const mp4 = outs.get(OUTPUT_NAMES.mp4)!;
    const meta = ftrMeta(h, mp4.id);
    assert.deepEqual(meta, { frameIn: 0, frameOut: 30, frameRate: 23.976, width: 1798, height: 1080 });
    const got = streams(join(h.mediaDir, String(mp4.id)));
    const video = got.find((s) => s.codec_type === 'video')!;
    assert.deepEqual([video.width, video.height, Number(video.nb_read_frames), video.r_frame_rate], [meta.width, meta.height, meta.frameOut, '24000/1001']);
    assert.ok(got.some((s) => s.codec_type === 'audio'), 'the audio stream is mapped without a probe (0:a:0?)');
    for (const name of [OUTPUT_NAMES.image, OUTPUT_NAMES.thumbnail]) {
      const out = outs.get(name)!;
      const [jpeg] = streams(join(h.mediaDir, String(out.id)));
      const m = ftrMeta(h, out.id);
      assert.deepEqual([m.width, m.height], [jpeg!.width, jpeg!.height], name);
    }
    assert.deepEqual(ftrMeta(h, outs.get(OUTPUT_NAMES.image)!.id), { format: 'image', width: 1920, height: 1152 });
    assert.deepEqual(ftrMeta(h, outs.get(OUTPUT_NAMES.thumbnail)!.id), { format: 'image', width: 300, height: 180 });
  });

  it('the review still is the frame at 1 s; a clip shorter than 1 s gives its first frame', async () => {
    const long = join(tmp, 'dark-then-bright.mp4');
    ffmpeg(['-f', 'lavfi', '-i', 'color=c=black:s=64x48:r=10:d=1[a];color=c=white:s=64x48:r=10:d=1[b];[a][b]concat[out0]', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', long]);
    const short = join(tmp, 'bright-then-dark.mp4');
    ffmpeg(['-f', 'lavfi', '-i', 'color=c=white:s=64x48:r=10:d=0.1[a];color=c=black:s=64x48:r=10:d=0.5[b];[a][b]concat[out0]', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', short]);
    const a = encode(h, addFile(h, long, '.mp4'));
    const b = encode(h, addFile(h, short, '.mp4'));
    for (const id of [a, b]) assert.equal((await finished(h, id)).status, 'done', String(jobData(h, id).message));
    for (const name of [OUTPUT_NAMES.image, OUTPUT_NAMES.thumbnail]) {
      assert.ok(luma(join(h.mediaDir, String(outputsOf(h, a).get(name)!.id))) > 200, `${name} of the 2 s clip: the bright frame at 1 s`);
      assert.ok(luma(join(h.mediaDir, String(outputsOf(h, b).get(name)!.id))) > 200, `${name} of the 0.6 s clip: its (bright) first frame`);
    }
    assert.equal(starts(), 2);
  });
});
