// Encode time of the demo clip through the stand-in (encode_media → Job done)
// vs exactly the same ffmpeg command run directly. Medians over interleaved runs.
// Run: node --import=tsx bench/standin/encode-overhead.ts [runs=21] [file | --long]
// (--long: a generated 10 s 1280x720 clip instead of the demo clip)
//
// Fairness: the peer's arguments come from the encoder's own buildEncodeArgs with
// the options the stand-in uses (the command needs nothing from the source, so it
// is the same command up to the output folder); both write into a fresh folder on
// the same file system (the stand-in's data dir); both drain stdout and stderr;
// one warm-up of each; the order alternates every run (ABBA); medians of >= 10 runs.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStandinServer } from '../../src/standin/server.js';
import { LOCATION_IDS } from '../../src/standin/context.js';
import { DATA_DIR } from '../../src/internal/paths.js';
import { buildEncodeArgs } from '../../src/standin/media/encode-args.js';
import { resolveMediaOptions } from '../../src/standin/media/options.js';

const runs = Math.max(10, Number(process.argv[2] ?? 21));
const work = mkdtempSync(join(tmpdir(), 'encode-bench-'));
let source = process.argv[3] ?? join(DATA_DIR, 'colour_wheel.mov');

/**
 * CPU milliseconds used so far by this process (the bench client and the in-process
 * stand-in) and by its finished children (ffmpeg), from /proc/self/stat (10 ms ticks).
 * Less disturbed than wall time when other jobs load the machine.
 */
function cpuMs(): { self: number; children: number } {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  const tick = 10; // USER_HZ is 100 on Linux
  const usage = process.cpuUsage();
  return { self: (usage.user + usage.system) / 1000, children: (Number(fields[13]) + Number(fields[14])) * tick };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs a binary with stdin ignored, draining stdout and stderr (as the stand-in's runner does). */
function run(bin: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.resume();
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${bin} exited ${code}: ${err}`))));
  });
}

if (source === '--long') {
  source = join(work, 'long.mp4');
  await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=10:size=1280x720:rate=25', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', source]);
}
const dataDir = join(work, 'standin');
const server = await createStandinServer({ port: 0, dataDir });
try {
  const api = async (ops: unknown[]): Promise<Record<string, unknown>[]> => {
    const res = await fetch(`${server.url}/api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'ftrack-user': server.apiUser, 'ftrack-api-key': server.apiKey },
      body: JSON.stringify(ops),
    });
    return (await res.json()) as Record<string, unknown>[];
  };
  // upload the clip once into ftrack.server, as a client does
  const bytes = readFileSync(source);
  const id = randomUUID();
  const [meta] = await api([{ action: 'get_upload_metadata', component_id: id, file_name: 'clip.mov', file_size: bytes.length, checksum: null }]);
  const put = await fetch(String(meta!.url), { method: 'PUT', body: bytes });
  if (put.status !== 200) throw new Error(`upload failed: ${put.status}`);
  await api([
    { action: 'create', entity_type: 'FileComponent', entity_data: { id, name: 'clip', file_type: '.mov', size: bytes.length } },
    { action: 'create', entity_type: 'ComponentLocation', entity_data: { component_id: id, location_id: LOCATION_IDS.server, resource_identifier: id } },
  ]);
  const stored = join(dataDir, 'media', id);

  // the peer: the command the encoder builds for this job, on the same stored file
  const options = resolveMediaOptions({}, process.env);
  const peerRoot = join(dataDir, 'media', '.bench-direct');
  mkdirSync(peerRoot, { recursive: true });
  const directArgs = (dir: string): string[] =>
    buildEncodeArgs({
      input: stored,
      inputArgs: [],
      maxPixels: options.maxInputWidth * options.maxInputHeight,
      maxOutputBytes: options.maxOutputBytes,
      mp4: { path: join(dir, 'review.mp4'), box: { width: options.maxOutputWidth, height: options.maxOutputHeight } },
      image: { path: join(dir, 'image.jpg'), size: Math.max(options.maxOutputWidth, options.maxOutputHeight) },
      thumbnail: { path: join(dir, 'thumbnail.jpg'), size: 300 },
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
    const dir = mkdtempSync(join(peerRoot, 'encode-'));
    await run(options.ffmpegPath, directArgs(dir));
    const elapsed = performance.now() - started;
    rmSync(dir, { recursive: true, force: true });
    return elapsed;
  };
  const ffprobeStart = async (): Promise<number> => {
    const started = performance.now();
    await run('ffprobe', ['-v', 'error', '-protocol_whitelist', 'file', '-print_format', 'json', '-show_format', '-show_streams', '-i', stored]);
    return performance.now() - started;
  };

  await viaStandin(); // warm-up (page cache, first spawn, SQLite statements)
  await direct();
  await ffprobeStart();
  const standinTimes: number[] = [];
  const directTimes: number[] = [];
  const probeTimes: number[] = [];
  const cpu = { standin: { self: 0, children: 0 }, direct: { self: 0, children: 0 } };
  const timed = async (kind: 'standin' | 'direct'): Promise<void> => {
    const before = cpuMs();
    const ms = kind === 'standin' ? await viaStandin() : await direct();
    const after = cpuMs();
    cpu[kind].self += after.self - before.self;
    cpu[kind].children += after.children - before.children;
    (kind === 'standin' ? standinTimes : directTimes).push(ms);
  };
  for (let i = 0; i < runs; i++) {
    const order = i % 4 === 0 || i % 4 === 3 ? (['direct', 'standin'] as const) : (['standin', 'direct'] as const);
    for (const kind of order) await timed(kind);
    probeTimes.push(await ffprobeStart());
  }
  const s = median(standinTimes);
  const d = median(directTimes);
  const pairs = standinTimes.map((t, i) => t / directTimes[i]!);
  console.log(`source: ${source.split('/').pop()} (${bytes.length} bytes), runs: ${runs} (interleaved ABBA, 1 warm-up each)`);
  console.log(`direct ffmpeg (same command): median ${d.toFixed(1)} ms  [${directTimes.map((t) => t.toFixed(0)).join(', ')}]`);
  console.log(`stand-in encode_media → done: median ${s.toFixed(1)} ms  [${standinTimes.map((t) => t.toFixed(0)).join(', ')}]`);
  console.log(`overhead: ${(s - d).toFixed(1)} ms, ratio of medians ${(s / d).toFixed(3)} (${(((s - d) / d) * 100).toFixed(1)} %), median of paired ratios ${median(pairs).toFixed(3)}`);
  const perRun = (c: { self: number; children: number }): string =>
    `${((c.self + c.children) / runs).toFixed(1)} ms (node ${(c.self / runs).toFixed(1)} + ffmpeg ${(c.children / runs).toFixed(1)})`;
  const cs = (cpu.standin.self + cpu.standin.children) / runs;
  const cd = (cpu.direct.self + cpu.direct.children) / runs;
  console.log(`CPU per run: direct ${perRun(cpu.direct)}, stand-in ${perRun(cpu.standin)}; CPU overhead ${(cs - cd).toFixed(1)} ms (${(((cs - cd) / cd) * 100).toFixed(1)} %)`);
  console.log(`for comparison, one ffprobe start on this file (what the previous encoder added per job): median ${median(probeTimes).toFixed(1)} ms`);
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
