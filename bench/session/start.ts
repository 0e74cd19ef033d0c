/**
 * Session start, ours and @ftrack/api's, against the same server in the same
 * process. Used by bench/session/session.ts; runs on its own too:
 *
 *   node --import=tsx bench/session/start.ts [--runs 21]
 *
 * Fairness: both clients use the global `fetch` (one undici pool, the same
 * keep-alive connections); the timed work is `await Session.create(…)` for
 * ours and `await new Session(…).initializing` for theirs (neither connects
 * its event hub); every case gets warm-up runs; the cases run interleaved,
 * their order rotating from one round to the next, with a full GC before each
 * timed start so that garbage left by one client is not collected on the
 * other's clock. Closing our session is not timed (theirs has no close).
 */
import { Session as FtrackSession } from '@ftrack/api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Session } from '../../src/session/index.js';
import { SCHEMA_CACHE_FILE } from '../../src/session/options.js';
import type { StandinServer } from '../../test/helpers/standin.js';
import { median } from '../stats.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const FORCE_GC = process.argv.includes('--gc');

export interface StartFigures {
  runs: number;
  /** Median ms per case. */
  median: Record<StartCase, number>;
}

export type StartCase = 'theirs' | 'cold' | 'cached' | 'cachedNoSidecar';

/** Measures the start cases `runs` times each (after 3 warm-up rounds); returns the medians. */
export async function benchStart(server: Pick<StandinServer, 'url' | 'apiUser' | 'apiKey'>, runs: number): Promise<StartFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-session-start-'));
  const creds = { serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey };
  let round = 0;
  const timed = async (start: () => Promise<unknown>): Promise<number> => {
    if (FORCE_GC) gc();
    const t = performance.now();
    await start();
    return performance.now() - t;
  };
  const ours = async (schemaCachePath: string): Promise<number> => {
    let session: Session | undefined;
    const ms = await timed(async () => (session = await Session.create({ ...creds, schemaCachePath })));
    await session!.close(); // waits for the background cache write
    return ms;
  };
  const cases: Record<StartCase, () => Promise<number>> = {
    theirs: () => timed(() => new FtrackSession(server.url, server.apiUser, server.apiKey).initializing),
    // No cache file yet: server information + schemas in one request, file written after start.
    cold: () => ours(join(dir, `cold-${round}`)),
    // Cache file and a matching sidecar: only server information is asked for.
    cached: () => ours(join(dir, 'cached')),
    // Cache file without a usable sidecar (as after the Python API rewrote it): the file is hashed.
    cachedNoSidecar: async () => {
      writeFileSync(join(dir, 'cached-no-sidecar', `${SCHEMA_CACHE_FILE}.meta.json`), '{}');
      return ours(join(dir, 'cached-no-sidecar'));
    },
  };
  try {
    // Prime both cache folders.
    await (await Session.create({ ...creds, schemaCachePath: join(dir, 'cached') })).close();
    await (await Session.create({ ...creds, schemaCachePath: join(dir, 'cached-no-sidecar') })).close();
    const names = Object.keys(cases) as StartCase[];
    const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<StartCase, number[]>;
    const warmUp = 3;
    for (round = -warmUp; round < runs; round++) {
      const k = ((round % names.length) + names.length) % names.length;
      for (const name of [...names.slice(k), ...names.slice(0, k)]) {
        const ms = await cases[name]();
        if (round >= 0) samples[name].push(ms);
      }
    }
    return { runs, median: Object.fromEntries(names.map((n) => [n, median(samples[n])])) as Record<StartCase, number> };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Table rows (ratio = theirs / ours, above 1 means ours is faster). */
export function startRows(f: StartFigures): string[] {
  const fmt = (ms: number): string => `${ms.toFixed(2)} ms`;
  const row = (label: string, ms: number): string =>
    `| ${label} (median of ${f.runs}) | ${fmt(ms)} | ${fmt(f.median.theirs)} | ${(f.median.theirs / ms).toFixed(2)}x |`;
  return [
    row('session start, cold (no cache file)', f.median.cold),
    row('session start, schema cache file + sidecar', f.median.cached),
    row('session start, schema cache file, no sidecar (hashed)', f.median.cachedNoSidecar),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { startStandin } = await import('../../test/helpers/standin.js');
  const at = process.argv.indexOf('--runs');
  const runs = at > 0 ? Number(process.argv[at + 1]) || 21 : 21;
  const server = await startStandin();
  try {
    for (const line of startRows(await benchStart(server, runs))) console.log(line);
  } finally {
    await server.close();
  }
}
