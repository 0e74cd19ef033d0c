// Encode time of the demo clip through the stand-in (encode_media → Job done)
// vs the same ffmpeg command run directly. Alternating runs, medians.
// Also times the ffprobe the encoder runs first (the fixed part of the overhead).
// Run: node --import=tsx bench/standin/encode-overhead.ts [runs=9] [file | --long]
// (--long: a generated 10 s 1280x720 clip instead of the demo clip)
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStandinServer } from '../../src/standin/server.js';
import { LOCATION_IDS } from '../../src/standin/context.js';
import { DATA_DIR } from '../../src/internal/paths.js';
import { buildEncodeArgs, fitBox, fitEven } from '../../src/standin/media/encode-args.js';

const runs = Number(process.argv[2] ?? 9);
const work = mkdtempSync(join(tmpdir(), 'encode-bench-'));
let source = process.argv[3] ?? join(DATA_DIR, 'colour_wheel.mov');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function run(bin: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${bin} exited ${code}`))));
  });
}

if (source === '--long') {
  source = join(work, 'long.mp4');
  await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=10:size=1280x720:rate=25', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', source]);
}
const server = await createStandinServer({ port: 0 });
try {
  const api = async (ops: unknown[]): Promise<Record<string, unknown>[]> => {
    const res = await fetch(`${server.url}/api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'ftrack-user': server.apiUser, 'ftrack-api-key': server.apiKey },
      body: JSON.stringify(ops),
    });
    return (await res.json()) as Record<string, unknown>[];
  };
  // upload the clip once into ftrack.server
  const bytes = readFileSync(source);
  const id = randomUUID();
  const [meta] = await api([{ action: 'get_upload_metadata', component_id: id, file_name: 'clip.mov', file_size: bytes.length, checksum: null }]);
  const put = await fetch(String(meta!.url), { method: 'PUT', body: bytes });
  if (put.status !== 200) throw new Error(`upload failed: ${put.status}`);
  await api([
    { action: 'create', entity_type: 'FileComponent', entity_data: { id, name: 'clip', file_type: '.mov', size: bytes.length } },
    { action: 'create', entity_type: 'ComponentLocation', entity_data: { component_id: id, location_id: LOCATION_IDS.server, resource_identifier: id } },
  ]);

  // the direct peer: the command the encoder builds for this source
  const probe = JSON.parse(await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', source])) as { streams: Record<string, unknown>[] };
  const video = probe.streams.find((s) => s.codec_type === 'video')!;
  const [w, h] = [Number(video.width), Number(video.height)];
  const hasAudio = probe.streams.some((s) => s.codec_type === 'audio');
  const duration = Number(video.duration ?? 0);
  const directArgs = buildEncodeArgs({
    input: source,
    inputArgs: [],
    maxPixels: 8192 * 8192,
    maxOutputBytes: 4 * 1024 ** 3,
    mp4: { path: join(work, 'review.mp4'), ...fitEven(w, h, 1920, 1080), withAudio: hasAudio },
    image: { path: join(work, 'image.jpg'), ...fitBox(w, h, 1920) },
    thumbnail: { path: join(work, 'thumbnail.jpg'), ...fitBox(w, h, 300) },
    stillAt: duration > 0.1 ? Math.min(duration * 0.25, 10) : 0,
  });

  const viaStandin = async (): Promise<number> => {
    const started = performance.now();
    const done = new Promise<void>((resolve) => {
      const off = server.store.onChange((changes) => {
        if (changes.some((c) => c.entityType === 'Job' && (c.changes.status?.new === 'done' || c.changes.status?.new === 'failed'))) {
          off();
          resolve();
        }
      });
    });
    const [result] = await api([{ action: 'encode_media', component_id: id, version_id: null, keep_original: true }]);
    if (!result?.job_id) throw new Error(`encode_media failed: ${JSON.stringify(result)}`);
    await done;
    const job = server.store.get('Job', String(result.job_id))!;
    if (job.status !== 'done') throw new Error(`job failed: ${String(job.data)}`);
    return performance.now() - started;
  };
  const direct = async (): Promise<number> => {
    const started = performance.now();
    await run('ffmpeg', directArgs);
    return performance.now() - started;
  };

  await viaStandin(); // warm-up (page cache, first spawn)
  await direct();
  const probeOnly = async (): Promise<number> => {
    const started = performance.now();
    await run('ffprobe', ['-v', 'error', '-protocol_whitelist', 'file', '-print_format', 'json', '-show_format', '-show_streams', '-i', source]);
    return performance.now() - started;
  };
  const standinTimes: number[] = [];
  const directTimes: number[] = [];
  const probeTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    directTimes.push(await direct());
    standinTimes.push(await viaStandin());
    probeTimes.push(await probeOnly());
  }
  const s = median(standinTimes);
  const d = median(directTimes);
  console.log(`source: ${source.split('/').pop()} (${w}x${h}, ${duration || '?'} s), runs: ${runs}`);
  console.log(`direct ffmpeg (same command): median ${d.toFixed(1)} ms  [${directTimes.map((t) => t.toFixed(0)).join(', ')}]`);
  console.log(`stand-in encode_media → done: median ${s.toFixed(1)} ms  [${standinTimes.map((t) => t.toFixed(0)).join(', ')}]`);
  console.log(`overhead: ${(s - d).toFixed(1)} ms, ratio ${(s / d).toFixed(3)} (${(((s - d) / d) * 100).toFixed(1)} %)`);
  console.log(`of which the safety ffprobe alone: median ${median(probeTimes).toFixed(1)} ms`);
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
