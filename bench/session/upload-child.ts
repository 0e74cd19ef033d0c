/**
 * Child process of bench/session/session.ts: uploads one file and reports
 * its own peak memory. Usage:
 *   node --import=tsx bench/session/upload-child.ts <mode> <file>
 * with FTRACK_SERVER / FTRACK_API_USER / FTRACK_API_KEY set.
 * mode `session`: Session.createComponent (streamed, multipart);
 * mode `buffered`: the naive way, readFile + one PUT (the peer).
 * BENCH_CONCURRENCY and BENCH_PART_MIB override the part plan (experiments).
 */
import { readFile, stat } from 'node:fs/promises';
import { Session } from '../../src/session/index.js';

const [mode, file] = process.argv.slice(2) as [string, string];
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const session = await Session.create({ schemaCachePath: false });
const baseline = process.memoryUsage().rss;
const started = performance.now();
if (mode === 'session') {
  await session.createComponent(file, {
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 4),
    ...(process.env.BENCH_PART_MIB ? { partSize: Number(process.env.BENCH_PART_MIB) * 1024 * 1024 } : {}),
  });
} else {
  const size = (await stat(file)).size;
  const data = await readFile(file);
  const meta = await session.getUploadMetadata(crypto.randomUUID(), 'big.bin', size);
  const response = await fetch(meta.url!, { method: 'PUT', headers: meta.headers, body: data });
  if (!response.ok) throw new Error(`upload failed: ${response.status}`);
}
const ms = performance.now() - started;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
await session.close();
process.stdout.write(`${JSON.stringify({ mode, ms, peakRssMb: peak / 1024 / 1024, baselineRssMb: baseline / 1024 / 1024, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
