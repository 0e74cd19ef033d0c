import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { UploadError } from '../../../src/session/errors.js';
import { FileRange, MIB, PART_RETRY_BASE_MS, chunksOf, partRetryDelay, partSizeFor, putPartWithRetry, runLimited } from '../../../src/session/upload.js';

/** A PUT target on 127.0.0.1 that answers with `statuses` in turn (then 200 with an ETag) and records when each request came. */
async function flakyTarget(statuses: number[]): Promise<{ url: string; times: number[]; server: Server }> {
  const times: number[] = [];
  const server = createServer((req, res) => {
    times.push(performance.now());
    req.resume();
    req.on('end', () => {
      const status = statuses.shift() ?? 200;
      res.writeHead(status, status === 200 ? { etag: '"part-etag"' } : {});
      res.end(status === 200 ? '' : 'try again');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/part`, times, server };
}

describe('session upload helpers', () => {
  it('session upload - part sizes follow the JS client plan', () => {
    assert.equal(partSizeFor(10 * MIB), 8 * MIB);
    assert.equal(partSizeFor(128 * MIB), 8 * MIB);
    assert.equal(partSizeFor(1024 * MIB), 16 * MIB);
    assert.equal(partSizeFor(2048 * MIB), 32 * MIB);
    assert.equal(partSizeFor(100 * 1024 * MIB), 128 * MIB);
  });

  it('session upload - runLimited never runs more than the limit and keeps the order of results', async () => {
    let running = 0;
    let peak = 0;
    const tasks = Array.from({ length: 12 }, (_, i) => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
      return i;
    });
    assert.deepEqual(await runLimited(tasks, 3), Array.from({ length: 12 }, (_, i) => i));
    assert.equal(peak, 3);
    await assert.rejects(runLimited([async () => Promise.reject(new Error('part 1'))], 2), /part 1/);
  });

  it('session upload - chunksOf cuts a stream into fixed parts (last one shorter)', async () => {
    const source = Readable.from([Buffer.alloc(5, 1), Buffer.alloc(7, 2), Buffer.alloc(1, 3)]);
    const parts: number[] = [];
    for await (const part of chunksOf(source, 4)) parts.push(part.length);
    assert.deepEqual(parts, [4, 4, 4, 1]);
  });

  it('session upload - a FileRange streams exactly its bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'range-'));
    try {
      const file = join(dir, 'f.bin');
      writeFileSync(file, Buffer.from('0123456789'));
      const read = async (range: FileRange): Promise<string> => {
        let text = '';
        for await (const chunk of range.stream()) text += String(chunk);
        return text;
      };
      assert.equal(await read(new FileRange(file, 2, 5)), '23456');
      assert.equal(await read(new FileRange(file, 0, 0)), '');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('session upload - waits before a part is sent again double per failure, up to 30 s, with up to half taken off at random', () => {
    assert.deepEqual([1, 2, 3, 4].map((n) => partRetryDelay(n, () => 0)), [250, 500, 1_000, 2_000]);
    assert.deepEqual([1, 2, 3, 4].map((n) => partRetryDelay(n, () => 1)), [125, 250, 500, 1_000]);
    assert.equal(partRetryDelay(20, () => 0), 30_000);
    for (let i = 0; i < 100; i++) {
      const wait = partRetryDelay(2);
      assert.ok(wait >= 250 && wait <= 500, `wait ${wait}`);
    }
  });

  for (const fetchKind of ['fetch', 'node:http'] as const) {
    const fetchOption = fetchKind === 'fetch' ? globalThis.fetch : undefined;

    it(`session upload - a part that gets 503 twice is sent again after growing waits, then succeeds (${fetchKind})`, async () => {
      const target = await flakyTarget([503, 503]);
      try {
        let bytes = 0;
        // random 1: the shortest waits the jitter allows (half of 250 ms, then half of 500 ms).
        const eTag = await putPartWithRetry(target.url, () => Buffer.from('part body'), { fetch: fetchOption, headers: {}, size: 9, onBytes: (n) => (bytes += n) }, 3, () => 1);
        assert.equal(eTag, 'part-etag');
        assert.equal(target.times.length, 3);
        const [first, second] = [target.times[1]! - target.times[0]!, target.times[2]! - target.times[1]!];
        assert.ok(first >= PART_RETRY_BASE_MS / 2 - 5, `first wait ${first} ms`);
        assert.ok(second >= PART_RETRY_BASE_MS - 5, `second wait ${second} ms, twice the first`);
        assert.equal(bytes, 9, 'progress of the failed attempts is rolled back');
      } finally {
        target.server.close();
      }
    });

    it(`session upload - a part refused with 400 is not sent again (${fetchKind})`, async () => {
      const target = await flakyTarget([400]);
      try {
        await assert.rejects(putPartWithRetry(target.url, () => Buffer.from('x'), { fetch: fetchOption, headers: {}, size: 1 }), (error: unknown) => {
          assert.ok(error instanceof UploadError);
          assert.equal(error.status, 400);
          return true;
        });
        assert.equal(target.times.length, 1);
      } finally {
        target.server.close();
      }
    });

    it(`session upload - an abort during the wait before a retry ends the upload at once (${fetchKind})`, async () => {
      const target = await flakyTarget([503, 503, 503, 503, 503]);
      try {
        const controller = new AbortController();
        const started = performance.now();
        // random 0: the longest waits (250 ms, 500 ms, ...); the abort comes 30 ms into the first.
        const upload = putPartWithRetry(target.url, () => Buffer.from('x'), { fetch: fetchOption, headers: {}, size: 1, signal: controller.signal }, 5, () => 0);
        while (target.times.length === 0) await new Promise((r) => setTimeout(r, 5));
        setTimeout(() => controller.abort(), 30);
        await assert.rejects(upload, (error: unknown) => error instanceof UploadError && error.status === 503);
        assert.ok(performance.now() - started < PART_RETRY_BASE_MS, 'did not sit out the wait');
        assert.equal(target.times.length, 1, 'nothing was sent after the abort');
      } finally {
        target.server.close();
      }
    });
  }
});
