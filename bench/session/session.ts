/**
 * Session benchmark, side by side with @ftrack/api against one stand-in:
 * 1. session start (cold, and with the schema cache file),
 * 2. 1,000 concurrent gets by id (ours: same-tick merging; @ftrack/api: one query per call),
 * 3. peak client memory while uploading a large file (child processes).
 *
 *   node --import=tsx bench/session/session.ts [--upload-mib 1024] [--start-only]
 */
import { Session as FtrackSession } from '@ftrack/api';
import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { build } from 'esbuild';
import { PACKAGE_ROOT } from '../../src/internal/paths.js';
import { Session } from '../../src/session/index.js';
import { startStandin } from '../../test/helpers/standin.js';
import { benchStart, startRows } from './start.js';

const uploadMib = Number(process.argv[process.argv.indexOf('--upload-mib') + 1] || 1024) || 1024;
const START_RUNS = 21;
const dir = mkdtempSync(join(tmpdir(), 'bench-session-'));
const server = await startStandin({ media: { maxUploadBytes: (uploadMib + 64) * 1024 * 1024 } });
const creds = { serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey };

const time = async (fn: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;
const lines: string[] = [];
const report = (line: string): void => {
  lines.push(line);
  console.log(line);
};

try {
  // 1. Start time (bench/session/start.ts: interleaved, warmed up, medians).
  for (const line of startRows(await benchStart(server, START_RUNS))) report(line);
  if (!process.argv.includes('--start-only')) await otherParts();
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

async function otherParts(): Promise<void> {
  // 2. 1,000 concurrent gets of distinct users.
  const seed = await Session.create({ ...creds, schemaCachePath: false });
  const stamp = Date.now();
  const users = Array.from({ length: 1000 }, (_, i) => seed.create('User', { username: `bench-${stamp}-${i}` }));
  await seed.commit();
  await seed.close();
  const ids = users.map((u) => String(u.id));
  const ours = await Session.create({ ...creds, schemaCachePath: false });
  const before = ours.stats.requests;
  const oursMs = await time(() => Promise.all(ids.map((id) => ours.get('User', id))));
  const oursRequests = ours.stats.requests - before;
  await ours.close();
  const js = new FtrackSession(server.url, server.apiUser, server.apiKey);
  await js.initializing;
  const jsMs = await time(() => Promise.all(ids.map((id) => js.query(`select id, username from User where id is "${id}"`))));
  report(`| 1,000 concurrent get by id | ${fmt(oursMs)} (${oursRequests} request${oursRequests === 1 ? '' : 's'}) | ${fmt(jsMs)} (1,000 requests) | ${(jsMs / oursMs).toFixed(2)}x |`);

  // 3. Upload memory, each client in its own process.
  const file = join(dir, 'big.bin');
  const out = createWriteStream(file);
  const block = Buffer.alloc(1024 * 1024, 7);
  for (let i = 0; i < uploadMib; i++) if (!out.write(block)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  // The child runs as plain JavaScript (bundled with esbuild) so tsx's own memory is not counted.
  const bundleDir = join(PACKAGE_ROOT, 'node_modules', '.cache', 'bench-session');
  const bundle = join(bundleDir, 'upload-child.mjs');
  rmSync(bundleDir, { recursive: true, force: true });
  await build({
    entryPoints: [join(PACKAGE_ROOT, 'bench', 'session', 'upload-child.ts')],
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir: bundleDir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
  });
  const child = (mode: string): Promise<{ ms: number; peakRssMb: number; maxRssMb: number; baselineRssMb: number }> =>
    new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        [bundle, mode, file],
        { env: { ...process.env, FTRACK_SERVER: server.url, FTRACK_API_USER: server.apiUser, FTRACK_API_KEY: server.apiKey }, maxBuffer: 1 << 20 },
        (error, stdout, stderr) => (error ? reject(new Error(`${mode}: ${stderr || error.message}`)) : resolve(JSON.parse(stdout.trim().split('\n').at(-1)!))),
      );
    });
  const streamed = await child('session');
  report(
    `| upload ${uploadMib} MiB: peak RSS (ours, streamed multipart) | ${streamed.maxRssMb.toFixed(0)} MB (+${(streamed.maxRssMb - streamed.baselineRssMb).toFixed(0)} MB over the ${streamed.baselineRssMb.toFixed(0)} MB of a started session) in ${(streamed.ms / 1000).toFixed(1)} s | — | target < 100 MB |`,
  );
  const buffered = await child('buffered').catch((e: Error) => ({ ms: NaN, peakRssMb: NaN, maxRssMb: NaN, error: e.message }));
  report(`| upload ${uploadMib} MiB: peak RSS (peer: readFile + one PUT) | — | ${buffered.maxRssMb.toFixed(0)} MB in ${(buffered.ms / 1000).toFixed(1)} s | ${(buffered.maxRssMb / streamed.maxRssMb).toFixed(1)}x less memory |`);
}
