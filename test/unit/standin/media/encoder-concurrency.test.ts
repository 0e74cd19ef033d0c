// The encode queue runs at most `encodeConcurrency` ffmpeg processes at once.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR } from '../../../../src/internal/paths.js';
import { startHarness, type Harness } from './harness.js';
import { addFile, encode, finished, jobData } from './encode-helpers.js';

const CLIP = join(DATA_DIR, 'colour_wheel.mov');

describe('standin media - encoder concurrency bound', function () {
  this.timeout(180_000);
  let tmp: string;
  let log: string;
  let h: Harness | undefined;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'encode-concurrency-'));
    log = join(tmp, 'runs.log');
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
    rmSync(tmp, { recursive: true, force: true });
  });

  /** ffmpeg behind a wrapper that logs "start" and "end" around each run. */
  function wrapper(): string {
    const path = join(tmp, 'ffmpeg-wrapper.sh');
    writeFileSync(path, `#!/bin/sh\necho start >> '${log}'\nffmpeg "$@"\ncode=$?\necho end >> '${log}'\nexit $code\n`);
    chmodSync(path, 0o755);
    return path;
  }
  const events = (): string[] => readFileSync(log, 'utf8').split('\n').filter(Boolean);

  it('with encodeConcurrency 1, three queued jobs run one ffmpeg at a time', async () => {
    h = await startHarness({ encodeConcurrency: 1, ffmpegPath: wrapper() });
    const harness = h;
    const jobs = [1, 2, 3].map(() => encode(harness, addFile(harness, CLIP, '.mov')));
    for (const id of jobs) assert.equal(harness.store.get('Job', id)!.status, 'queued');
    for (const id of jobs) assert.equal((await finished(harness, id)).status, 'done', String(jobData(harness, id).message));
    assert.deepEqual(events(), ['start', 'end', 'start', 'end', 'start', 'end']);
  });
});
