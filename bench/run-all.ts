/**
 * Runs every benchmark script one after the other, each in its own process
 * (so one bench's memory or timers never colour the next), and prints their
 * output. Results are written by hand into BENCHMARKS.md.
 *
 *   npm run bench                 # all of them (about 10 minutes, 1 GiB temp files)
 *   npm run bench -- hub session  # only the scripts whose path contains one of the words
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Script, arguments, what it measures. */
const BENCHES: ReadonlyArray<readonly [string, readonly string[], string]> = [
  ['bench/hub/client.ts', [], 'event hub: ours vs @ftrack/api vs raw ws (one process); client dispatch scaling'],
  ['bench/hub/multiprocess.ts', [], 'event hub: ours vs @ftrack/api vs raw ws, server and clients in separate processes'],
  ['bench/hub/server-scaling.ts', [], 'hub server: routing cost vs subscriptions on other topics'],
  ['bench/hub/segments.ts', [], 'event hub: where one event\'s time goes, per segment, for every pairing of ours and @ftrack/api (one process)'],
  ['bench/standin/query-throughput.ts', ['100000'], 'stand-in: query by id and create with 100,000 entities vs raw SQLite'],
  ['bench/standin/upload-memory.ts', ['1024'], 'stand-in: peak server memory while uploading 1 GiB vs a buffering server'],
  ['bench/standin/encode-overhead.ts', ['21'], 'stand-in: encode of the demo clip vs the same ffmpeg command run directly'],
  ['bench/session/session.ts', ['--upload-mib', '1024'], 'Session vs @ftrack/api: start, 1,000 gets, 1 GiB upload memory'],
  ['bench/host/host.ts', [], 'host: start to ready with 1 and 50 plugins, discover latency, idle memory'],
];

const filters = process.argv.slice(2);
const selected = BENCHES.filter(([script]) => filters.length === 0 || filters.some((word) => script.includes(word)));
let failed = 0;
for (const [script, args, what] of selected) {
  process.stdout.write(`\n=== ${script} ${args.join(' ')}\n    ${what}\n\n`);
  const result = spawnSync(process.execPath, ['--import=tsx', '--expose-gc', join(root, script), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    failed += 1;
    process.stdout.write(`\n!!! ${script} exited with ${result.status ?? result.signal}\n`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
