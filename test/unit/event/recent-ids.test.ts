import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { RecentIds } from '../../../src/event/recent-ids.js';

/** The behaviour RecentIds must have: per kind (lowercase UUID or not), a set of the last `capacity` ids. */
class Reference {
  readonly #kinds = new Map<boolean, string[]>();
  readonly #capacity: number;
  constructor(capacity: number) {
    this.#capacity = capacity;
  }
  seen(id: string): boolean {
    if (this.#capacity <= 0) return false;
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
    const recent = this.#kinds.get(uuid) ?? [];
    this.#kinds.set(uuid, recent);
    if (recent.includes(id)) return true;
    recent.push(id);
    if (recent.length > this.#capacity) recent.shift();
    return false;
  }
}

describe('event/recent-ids', () => {
  it('recent ids - a re-delivered id is seen; an id older than the window is forgotten', () => {
    const recent = new RecentIds(3);
    const [a, b, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    assert.deepEqual([a, b, c].map((id) => recent.seen(id)), [false, false, false]);
    assert.equal(recent.seen(b), true);
    assert.equal(recent.seen(d), false); // evicts a
    assert.equal(recent.seen(a), false);
    assert.equal(recent.seen(c), true);
  });

  it('recent ids - ids differing in one hex digit, in case, or not UUIDs at all are told apart', () => {
    const recent = new RecentIds(100);
    const id = '0123abcd-4567-89ef-0123-456789abcdef';
    assert.equal(recent.seen(id), false);
    assert.equal(recent.seen('0123abcd-4567-89ef-0123-456789abcdee'), false);
    assert.equal(recent.seen('1123abcd-4567-89ef-0123-456789abcdef'), false);
    assert.equal(recent.seen(id.toUpperCase()), false, 'uppercase is another id');
    assert.equal(recent.seen(id.toUpperCase()), true);
    assert.equal(recent.seen('0123abcd+4567-89ef-0123-456789abcdef'), false);
    assert.equal(recent.seen('not-a-uuid'), false);
    assert.equal(recent.seen('not-a-uuid'), true);
    assert.equal(recent.seen(''), false);
    assert.equal(recent.seen(''), true);
    assert.equal(recent.seen(id), true);
  });

  it('recent ids - capacity 0 (or a negative or NaN one) remembers nothing', () => {
    for (const capacity of [0, -5, Number.NaN]) {
      const recent = new RecentIds(capacity);
      const id = randomUUID();
      assert.equal(recent.seen(id), false);
      assert.equal(recent.seen(id), false);
      assert.equal(recent.seen('other'), false);
      assert.equal(recent.seen('other'), false);
    }
  });

  it('recent ids - behaves like a per-kind window of the last N ids, over any sequence', () => {
    // A small pool so ids repeat; UUIDs that share buckets and words, and other strings.
    const uuidPool = Array.from({ length: 12 }, (_, i) => `${(i % 3).toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`);
    const pool = [...uuidPool, ...uuidPool.slice(0, 3).map((id) => id.toUpperCase()), 'x', 'ftrack-event-1', '', uuidPool[0]!.slice(1)];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.array(fc.constantFrom(...pool), { maxLength: 200 }), (capacity, ids) => {
        const recent = new RecentIds(capacity);
        const reference = new Reference(capacity);
        for (const id of ids) assert.equal(recent.seen(id), reference.seen(id), `id ${id}`);
      }),
      { numRuns: 500 },
    );
  });

  it('recent ids - random UUIDs far beyond the capacity: every repeat inside the window is caught, none outside', () => {
    const capacity = 1_000;
    const recent = new RecentIds(capacity);
    const ids = Array.from({ length: 5_000 }, () => randomUUID());
    for (const id of ids) assert.equal(recent.seen(id), false);
    for (const id of ids.slice(-capacity)) assert.equal(recent.seen(id), true);
    assert.equal(recent.seen(ids[0]!), false);
  });
});
