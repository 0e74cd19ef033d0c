/**
 * When V8 optimizes in each child of a `multiprocess.ts` run: TurboFan
 * compiles and deopts per second, counted from the start of the measured
 * latency blocks (second 0; the warm-up blocks are the seconds just before),
 * and what was compiled in the seconds around that start.
 *
 * Make the run like this (one V8 log per child, named by pid; the children
 * print their pid and role, and when the measured blocks start on their own
 * clock):
 *
 *   HUB_BENCH_GC=1 HUB_BENCH_FLAGS='--log-code --log-deopt --logfile=<dir>/%p.log --no-logfile-per-isolate' \
 *     node --import=tsx bench/hub/multiprocess.ts > <run>.txt 2>&1
 *   node --import=tsx bench/hub/compiles.ts <run>.txt <dir> [--names 3]
 *
 * `--names N` lists the functions compiled from N seconds before the start.
 * The log's clock starts with the isolate and the child's mark is taken on
 * `performance.now()`; both start within a few ms of each other, which is
 * close enough for bins of a second.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { names: { type: 'string' } } });
const [runOutput, logDir] = positionals;
if (!runOutput || !logDir) throw new Error('usage: compiles.ts <run output> <log dir> [--names seconds]');
const namesFrom = values.names === undefined ? undefined : -Number(values.names);
/** Seconds before the start of the measured blocks shown per child. */
const SHOWN_BEFORE = 8;

const starts = [...readFileSync(runOutput, 'utf8').matchAll(/^(.+) \(pid (\d+)\): measured latency blocks start at ([\d.]+) ms/gm)];
if (starts.length === 0) throw new Error(`${runOutput} has no "measured latency blocks start" lines: was the run made with HUB_BENCH_GC set?`);

/** `name file:line:col` of a code-creation entry, with the path cut to what tells the code apart. */
function shortName(text: string): string {
  return text.replace(/(?:file:\/\/)?\/\S*?\/(node_modules\/[^/\s]+|src\/|bench\/)/, '$1');
}

for (const [, label, pid, startMs] of starts.sort((a, b) => a[1]!.localeCompare(b[1]!))) {
  const start = Number(startMs);
  const compiles = new Map<number, number>();
  const deopts = new Map<number, number>();
  const names = new Map<number, string[]>();
  const second = (micros: string): number => Math.floor((Number(micros) / 1000 - start) / 1000);
  for (const line of readFileSync(join(logDir, `${pid}.log`), 'utf8').split('\n')) {
    // code-creation,JS,<kind>,<µs>,<address>,<size>,<name file:line:col>,<shared>,<tier>; tier '*' is TurboFan.
    if (line.startsWith('code-creation,JS,') && line.endsWith(',*')) {
      const fields = line.split(',');
      const at = second(fields[3]!);
      compiles.set(at, (compiles.get(at) ?? 0) + 1);
      if (namesFrom !== undefined && at >= namesFrom) names.set(at, [...(names.get(at) ?? []), shortName(fields[6]!).trim() || '(anonymous)']);
    } else if (line.startsWith('code-deopt,')) {
      const at = second(line.split(',')[1]!);
      deopts.set(at, (deopts.get(at) ?? 0) + 1);
    }
  }
  const row = (counts: Map<number, number>): string =>
    [...counts]
      .filter(([at]) => at >= -SHOWN_BEFORE)
      .sort(([a], [b]) => a - b)
      .map(([at, n]) => `${at}:${n}`)
      .join(' ');
  const sum = (counts: Map<number, number>, from: number, to: number): number =>
    [...counts].filter(([at]) => at >= from && at < to).reduce((total, [, n]) => total + n, 0);
  console.log(`${label} (pid ${pid})`);
  console.log(`  TurboFan compiles per second: ${row(compiles)}`);
  console.log(`  deopts per second: ${row(deopts) || '-'}`);
  console.log(`  compiles in the 4 s before the measured blocks: ${sum(compiles, -4, 0)}, from their start on: ${sum(compiles, 0, Infinity)}`);
  for (const [at, list] of [...names].sort(([a], [b]) => a - b)) console.log(`    ${at}: ${list.join(', ')}`);
}
