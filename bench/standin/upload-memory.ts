// Peak RSS of the stand-in server (child process) while a 1 GiB file is
// uploaded through a signed PUT URL, vs a naive peer that buffers the body.
// The body comes from a generator (the bench never holds it in memory).
// Run: node --import=tsx bench/standin/upload-memory.ts [MiB=1024]
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const mib = Number(process.argv[2] ?? 1024);
const size = mib * 1024 * 1024;
const child = fileURLToPath(new URL('./upload-child.ts', import.meta.url));

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

async function start(mode: string): Promise<{ proc: ChildProcess; info: Record<string, string> }> {
  const proc = spawn(process.execPath, ['--import=tsx', child, mode], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: proc.stdout! }).once('line', resolve));
  return { proc, info: JSON.parse(line) as Record<string, string> };
}

async function* body(): AsyncGenerator<Buffer> {
  const chunk = Buffer.alloc(1024 * 1024, 0x5a);
  for (let sent = 0; sent < size; sent += chunk.length) yield chunk;
}

function put(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers: { ...headers, 'Content-Length': String(size) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    Readable.from(body()).pipe(req);
  });
}

async function measure(mode: 'standin' | 'naive'): Promise<{ idle: number; peak: number; seconds: number; status: number }> {
  const { proc, info } = await start(mode);
  let url = info.url!;
  let headers: Record<string, string> = {};
  if (mode === 'standin') {
    const res = await fetch(`${info.url}/api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'ftrack-user': info.apiUser!, 'ftrack-api-key': info.apiKey! },
      body: JSON.stringify([{ action: 'get_upload_metadata', component_id: 'bench-upload', file_name: 'big.bin', file_size: size, checksum: null }]),
    });
    const [meta] = (await res.json()) as { url: string; headers: Record<string, string> }[];
    url = meta!.url;
    headers = meta!.headers;
  }
  await new Promise((r) => setTimeout(r, 300));
  const idle = rssOf(proc.pid!);
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(proc.pid!))), 20);
  const started = performance.now();
  const status = await put(url, headers);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, rssOf(proc.pid!));
  proc.stdin!.end();
  await new Promise((r) => proc.once('exit', r));
  return { idle, peak, seconds, status };
}

const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
const standin = await measure('standin');
console.log(`stand-in: ${mib} MiB upload, status ${standin.status}, ${standin.seconds.toFixed(1)} s; RSS idle ${mb(standin.idle)} MB, peak ${mb(standin.peak)} MB (+${mb(standin.peak - standin.idle)} MB)`);
const naive = await measure('naive');
console.log(`naive buffering peer: status ${naive.status}, ${naive.seconds.toFixed(1)} s; RSS idle ${mb(naive.idle)} MB, peak ${mb(naive.peak)} MB (+${mb(naive.peak - naive.idle)} MB)`);
console.log(`peak RSS ratio stand-in / naive: ${(standin.peak / naive.peak).toFixed(3)}; target stand-in peak < 150 MB: ${standin.peak < 150 * 1024 * 1024 ? 'met' : 'NOT met'}`);
