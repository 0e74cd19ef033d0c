import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BACKOFF_POLICIES, backoffDelay, backoffTable, DEFAULT_RECONNECT_MAX_MS } from '../../../src/internal/backoff.js';
import { ManualTimer } from '../../../src/internal/timer.js';

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
});
