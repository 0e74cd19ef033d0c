import assert from 'node:assert/strict';
import { silentLogger } from '../../../src/logger.js';
import { EncodeRunner, summarize, type EncodeSession } from '../../../plugins/encode-media/encoder.js';
import type { Candidate } from '../../../plugins/encode-media/candidates.js';
import { until } from '../../helpers/wait.js';

/** A fake session whose jobs finish when the test says so. */
class FakeEncodeSession implements EncodeSession {
  active = 0;
  maxActive = 0;
  started: string[] = [];
  options: unknown[] = [];
  calls: unknown[] = [];
  waits: { jobId: string; timeout: number | undefined }[] = [];
  readonly #release = new Map<string, () => void>();

  async encodeMedia(media: { id: string }, options: unknown): Promise<{ id: string }> {
    this.started.push(media.id);
    this.options.push(options);
    return { id: `job-${media.id}` };
  }

  waitForJob(job: { id: string }, options: { timeout?: number }): Promise<{ job: unknown; outputs: unknown[] }> {
    this.waits.push({ jobId: job.id, timeout: options.timeout });
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    return new Promise((resolve) => {
      this.#release.set(job.id, () => {
        this.active--;
        resolve({ job, outputs: [1, 2, 3] });
      });
    });
  }

  async call(operations: unknown[]): Promise<unknown[]> {
    this.calls.push(...operations);
    return [{ job_id: 'job-seq' }];
  }

  query(expression: string): { all(): Promise<unknown[]> } {
    return { all: async () => (expression.includes('from Job where id is "job-seq"') ? [{ id: 'job-seq' }] : []) };
  }

  release(jobId: string): boolean {
    const done = this.#release.get(jobId);
    this.#release.delete(jobId);
    done?.();
    return done !== undefined;
  }

  get waiting(): string[] {
    return [...this.#release.keys()];
  }
}

const candidate = (id: string): Candidate => ({ id, name: id, entityType: 'FileComponent', fileType: '.mov', versionId: undefined, entity: { id } });

describe('encode-media - EncodeRunner', () => {
  it('runs at most maxConcurrent encodes at once over all launches, and passes jobTimeoutMs to waitForJob', async () => {
    const session = new FakeEncodeSession();
    const runner = new EncodeRunner(session, silentLogger, { maxConcurrent: 2, keepOriginal: true, jobTimeoutMs: 1234 });
    runner.claim('u1', ['a', 'b', 'c']);
    runner.claim('u2', ['d']);
    const first = runner.encodeAll('u1', [candidate('a'), candidate('b'), candidate('c')]);
    const second = runner.encodeAll('u2', [candidate('d')]);
    await until(() => session.waiting.length === 2, 'two running encodes');
    // Release one at a time; the queue never runs more than two.
    while (session.started.length < 4 || session.waiting.length > 0) {
      await until(() => session.waiting.length > 0, 'a running encode');
      assert.ok(session.active <= 2);
      session.release(session.waiting[0]!);
      await new Promise((r) => setTimeout(r, 5));
    }
    const outcomes = [...(await first), ...(await second)];
    assert.equal(session.maxActive, 2);
    assert.deepEqual(session.started.sort(), ['a', 'b', 'c', 'd']);
    assert.ok(outcomes.every((o) => o.ok && o.outputs === 3));
    assert.ok(session.waits.every((w) => w.timeout === 1234));
  });

  it('remembers what a user is encoding until it finished, per user', async () => {
    const session = new FakeEncodeSession();
    const runner = new EncodeRunner(session, silentLogger, { maxConcurrent: 1, keepOriginal: true, jobTimeoutMs: 1000 });
    runner.claim('u1', ['a']);
    assert.deepEqual(runner.alreadyRunning('u1', ['a', 'b']), ['a']);
    assert.deepEqual(runner.alreadyRunning('u2', ['a']), []);
    const work = runner.encodeAll('u1', [candidate('a')]);
    await until(() => session.release('job-a'), 'the encode to start');
    await work;
    assert.deepEqual(runner.alreadyRunning('u1', ['a']), []);
  });

  it('passes the version id to encodeMedia, and encodes a sequence through the encode_media call', async () => {
    const session = new FakeEncodeSession();
    const runner = new EncodeRunner(session, silentLogger, { maxConcurrent: 2, keepOriginal: false, jobTimeoutMs: 1000 });
    const sequence: Candidate = { ...candidate('frames'), entityType: 'SequenceComponent', versionId: 'v2' };
    const work = runner.encodeAll('u1', [{ ...candidate('main'), versionId: 'v1' }, sequence]);
    await until(() => session.waiting.length === 2, 'both encodes');
    for (const id of session.waiting) session.release(id);
    assert.ok((await work).every((o) => o.ok));
    assert.deepEqual(session.options, [{ versionId: 'v1', keepOriginal: false }]);
    assert.deepEqual(session.calls, [{ action: 'encode_media', component_id: 'frames', version_id: 'v2', keep_original: false }]);
  });

  it('summarizes outcomes for the user message, with failure reasons', () => {
    const ok = { candidate: candidate('main'), ok: true };
    const bad = { candidate: candidate('notes'), ok: false, error: 'not media' };
    assert.deepEqual(summarize('Encode media', [ok]), { success: true, message: 'Encode media: "main" is encoded and ready for review.' });
    assert.deepEqual(summarize('Encode media', [ok, bad]), { success: false, message: 'Encode media: 1 of 2 failed (1 done). notes: not media' });
  });
});
