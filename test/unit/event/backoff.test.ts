import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BACKOFF_POLICIES, backoffDelay, backoffTable, DEFAULT_RECONNECT_MAX_MS } from '../../../src/internal/backoff.js';
import { ManualTimer, nodeTimer, type Timer } from '../../../src/internal/timer.js';

describe('internal/backoff (reconnect policy)', () => {
  const table: Array<[attempt: number, random: number, expected: number]> = [
    [0, 0, 500],
    [1, 0, 1000],
    [2, 0, 2000],
    [3, 0, 4000],
    [4, 0, 8000],
    [5, 0, 10_000],
    [50, 0, 10_000],
    [10_000, 0, 10_000],
    [0, 1, 250],
    [5, 1, 5000],
    [3, 0.5, 3000],
  ];
  for (const [attempt, random, expected] of table) {
    it(`backoff - attempt ${attempt}, random ${random} ⇒ ${expected} ms`, () => {
      assert.equal(backoffDelay(attempt, BACKOFF_POLICIES.DEFAULT, () => random), expected);
    });
  }

  it('backoff - the table grows by the factor up to the cap', () => {
    assert.deepEqual(backoffTable({ minMs: 100, maxMs: 1000, factor: 3 }, 5), [100, 300, 900, 1000, 1000]);
  });

  it('backoff - no jitter gives the table exactly', () => {
    assert.equal(backoffDelay(2, { minMs: 100, maxMs: 1000, jitter: 0 }, () => 0.99), 400);
  });

  it('backoff - never negative, never above the cap, for any attempt and random', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 1e6 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const ms = backoffDelay(attempt, BACKOFF_POLICIES.DEFAULT, () => r);
        assert.ok(ms >= 0 && ms <= DEFAULT_RECONNECT_MAX_MS, String(ms));
        assert.ok(Number.isInteger(ms));
      }),
    );
  });
});

describe('internal/timer ManualTimer', () => {
  it('timer - runs due timers in time order and honours cancel', () => {
    const timer = new ManualTimer();
    const ran: string[] = [];
    timer.setTimeout(() => ran.push('b'), 20);
    timer.setTimeout(() => ran.push('a'), 10);
    const c = timer.setTimeout(() => ran.push('c'), 15);
    c.cancel();
    timer.advance(15);
    assert.deepEqual(ran, ['a']);
    assert.equal(timer.now(), 15);
    timer.advance(5);
    assert.deepEqual(ran, ['a', 'b']);
    assert.equal(timer.pending, 0);
  });

  it('timer - refresh() re-arms for the first delay from now, also after the timer ran; never after cancel', () => {
    const timer = new ManualTimer();
    const ran: string[] = [];
    const a = timer.setTimeout(() => ran.push('a'), 10);
    const b = timer.setTimeout(() => ran.push('b'), 10);
    timer.advance(5);
    a.refresh!(); // pending: now due at 15
    timer.advance(5);
    assert.deepEqual(ran, ['b']);
    timer.advance(5);
    assert.deepEqual(ran, ['b', 'a']);
    a.refresh!(); // already ran: due again at 25
    b.refresh!(); // due at 25 too, behind a
    timer.advance(10);
    assert.deepEqual(ran, ['b', 'a', 'a', 'b']);
    a.refresh!();
    a.cancel();
    a.refresh!();
    timer.advance(100);
    assert.deepEqual(ran, ['b', 'a', 'a', 'b']);
    assert.equal(timer.pending, 0);
  });
});

describe('internal/timer nodeTimer', () => {
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  /** Waits (up to 5 s, for loaded machines) until `condition` holds. */
  async function until(condition: () => boolean): Promise<void> {
    for (const deadline = Date.now() + 5_000; !condition(); await sleep(2)) {
      if (Date.now() > deadline) throw new Error('timed out');
    }
  }

  it('timer - refresh() runs the callback again after it ran, and not after cancel()', async () => {
    const timer: Timer = nodeTimer;
    let runs = 0;
    const handle = timer.setTimeout(() => (runs += 1), 5);
    await until(() => runs === 1);
    handle.refresh!();
    await until(() => runs === 2);
    await sleep(30);
    assert.equal(runs, 2, 'a refresh runs it once');
    handle.refresh!();
    handle.cancel();
    handle.refresh!();
    await sleep(30);
    assert.equal(runs, 2);
  });
});
