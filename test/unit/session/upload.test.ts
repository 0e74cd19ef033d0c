import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FileRange, MIB, chunksOf, partSizeFor, runLimited } from '../../../src/session/upload.js';

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
});
